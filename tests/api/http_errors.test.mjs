// The HTTP layer's refusals: malformed JSON, huge or deeply nested bodies, wrong content types,
// unknown routes and methods, climbing paths. After each one the server keeps serving and
// nothing was written.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { startServer } from './server.mjs';
import { apiClient, assertError, assertStillServing, rawRequest, signup, validIssue, myIssueCount } from './client.mjs';

describe('http errors', () => {
  let server;
  let call;
  let customer;
  before(async () => {
    server = await startServer();
    call = apiClient(server.baseUrl);
    customer = await signup(call);
    await call('POST', '/api/issues', { token: customer.token, json: validIssue() });
  });
  after(() => server?.stop());

  function postIssueBody(body, headers = { 'content-type': 'application/json' }) {
    return call('POST', '/api/issues', { token: customer.token, body, headers });
  }

  it('answers malformed JSON with 400 invalid_json', async () => {
    const bodies = ['{', '{"title": }', "{'title': 'x'}", '{"a":1,}', 'nope', '{"title":"x"} trailing', '\u0000', '{"t":"\\x"}'];
    for (const body of bodies) assertError(await postIssueBody(body), 400, 'invalid_json');
    // Invalid UTF-8 inside a string.
    const badUtf8 = Buffer.concat([Buffer.from('{"title":"'), Buffer.from([0xc3, 0x28]), Buffer.from('"}')]);
    assertError(await postIssueBody(badUtf8), 400, 'invalid_json');
    assert.equal(await myIssueCount(call, customer.token), 1, 'nothing was written');
    await assertStillServing(call);
  });

  it('refuses deeply nested JSON without falling over', async () => {
    assertError(await postIssueBody('['.repeat(100000)), 400, 'invalid_json');
    assertError(await postIssueBody(`${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`), 400, 'invalid_json');
    await assertStillServing(call);
  });

  it('refuses a body over 1 MiB with 413, and keeps serving', async () => {
    const huge = JSON.stringify(validIssue({ description: 'x'.repeat(1024 * 1024 + 10) }));
    assertError(await postIssueBody(huge), 413, 'payload_too_large');
    assert.equal(await myIssueCount(call, customer.token), 1, 'nothing was written');
    // Also when the length is not announced up front (chunked).
    const chunked = await new Promise((resolve, reject) => {
      const socket = net.connect(server.port, '127.0.0.1', () => {
        socket.write(`POST /api/issues HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${customer.token}\r\n` +
          'Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n');
        const chunk = 'y'.repeat(256 * 1024);
        for (let i = 0; i < 6; i++) socket.write(`${chunk.length.toString(16)}\r\n${chunk}\r\n`);
        socket.write('0\r\n\r\n');
      });
      let text = '';
      socket.on('data', (d) => (text += d));
      socket.on('end', () => resolve(text));
      socket.on('error', (e) => (text ? resolve(text) : reject(e)));
    });
    assert.match(chunked, /^HTTP\/1\.1 413/);
    assert.match(chunked, /"payload_too_large"/);
    // Just under the limit is read (and then judged on its content).
    const big = JSON.stringify(validIssue({ description: 'x'.repeat(1000 * 1000) }));
    assertError(await postIssueBody(big), 400, 'invalid_field', 'description');
    assert.equal(await myIssueCount(call, customer.token), 1);
    await assertStillServing(call);
  });

  it('refuses a non-JSON content type with 415', async () => {
    const body = JSON.stringify(validIssue());
    assertError(await postIssueBody(body, { 'content-type': 'text/plain' }), 415, 'unsupported_media_type');
    assertError(await postIssueBody(body, { 'content-type': 'application/x-www-form-urlencoded' }), 415, 'unsupported_media_type');
    assertError(await postIssueBody(body, { 'content-type': 'multipart/form-data; boundary=x' }), 415, 'unsupported_media_type');
    assertError(await rawRequest(server.port, 'POST', '/api/issues', { headers: { authorization: `Bearer ${customer.token}` }, body })
      .then((r) => ({ status: r.status, text: r.body.toString(), json: JSON.parse(r.body.toString()) })), 415, 'unsupported_media_type');
    assert.equal(await myIssueCount(call, customer.token), 1, 'nothing was written');
    // A charset parameter and odd casing are fine.
    const ok = await postIssueBody(body, { 'content-type': 'Application/JSON; charset=utf-8' });
    assert.equal(ok.status, 201, ok.text);
    assert.equal(await myIssueCount(call, customer.token), 2);
  });

  it('answers unknown API routes with 404 and wrong methods with 405', async () => {
    assertError(await call('GET', '/api/nothing-here'), 404, 'route_not_found');
    assertError(await call('GET', '/api'), 404, 'route_not_found');
    assertError(await call('GET', '/api/issues/00000000-0000-4000-8000-000000000000/unknown'), 404, 'route_not_found');
    const put = await call('PUT', '/api/issues', { token: customer.token, json: {} });
    assertError(put, 405, 'method_not_allowed');
    assert.equal(put.headers.get('allow'), 'POST, GET');
    assertError(await call('DELETE', '/api/auth/me'), 405, 'method_not_allowed');
    assertError(await call('POST', '/api/health'), 405, 'method_not_allowed');
    assert.equal((await call('GET', '/api/issues/', { token: customer.token })).status, 200, 'a trailing slash is the same list');
  });

  it('refuses paths that climb out with ..', async () => {
    const paths = [
      '/../etc/passwd', '/api/../etc/passwd', '/%2e%2e/etc/passwd', '/%2E%2E/%2E%2E/etc/passwd', '/..%2fetc%2fpasswd',
      '/.%2e/x', '/%2e./x', '/assets/..', '/api/issues/..', '/%252e%252e/etc/passwd', '/a/..\\..\\b',
    ];
    for (const p of paths) {
      const res = await rawRequest(server.port, 'GET', p);
      assertError({ status: res.status, text: res.body.toString(), json: JSON.parse(res.body.toString()) }, 400, 'bad_path');
    }
    await assertStillServing(call);
  });

  it('answers a garbled request line with 400 and keeps serving', async () => {
    const reply = await new Promise((resolve) => {
      const socket = net.connect(server.port, '127.0.0.1', () => socket.write('THIS IS NOT HTTP\r\n\r\n'));
      let text = '';
      socket.on('data', (d) => (text += d));
      socket.on('end', () => resolve(text));
      socket.on('error', () => resolve(text));
    });
    assert.match(reply, /^HTTP\/1\.1 400/);
    const badEscape = await rawRequest(server.port, 'GET', '/api/issues?city=%zz');
    assert.equal(badEscape.status, 400);
    await assertStillServing(call);
  });

  it('keeps one connection alive across requests', async () => {
    const replies = await new Promise((resolve) => {
      const socket = net.connect(server.port, '127.0.0.1', () => {
        socket.write('GET /api/health HTTP/1.1\r\nHost: x\r\n\r\nGET /api/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
      });
      let text = '';
      socket.on('data', (d) => (text += d));
      socket.on('end', () => resolve(text));
    });
    assert.equal(replies.match(/HTTP\/1\.1 200 OK/g).length, 2);
  });
});
