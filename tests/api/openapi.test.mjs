// docs/openapi.json must describe exactly what the server serves: the routes the binary reports
// (salik-server --routes) and the documented paths are the same set, every documented operation
// is really routed, and /api/openapi.json serves the file.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { startServer, SERVER_BIN, REPO_ROOT } from './server.mjs';
import { apiClient, assertError, NO_SUCH_ID } from './client.mjs';

const METHODS = ['get', 'post', 'put', 'patch', 'delete', 'head', 'options'];
const doc = JSON.parse(readFileSync(path.join(REPO_ROOT, 'docs', 'openapi.json'), 'utf8'));

function documentedOperations() {
  const ops = [];
  for (const [p, item] of Object.entries(doc.paths)) {
    for (const m of METHODS) if (item[m]) ops.push(`${m.toUpperCase()} ${p}`);
  }
  return ops.sort();
}

function servedRoutes() {
  return execFileSync(SERVER_BIN, ['--routes'], { encoding: 'utf8' }).trim().split('\n').sort();
}

describe('OpenAPI description', () => {
  let server;
  let call;
  before(async () => {
    server = await startServer();
    call = apiClient(server.baseUrl);
  });
  after(() => server?.stop());

  it('is an OpenAPI 3 document whose references all resolve', () => {
    assert.match(doc.openapi, /^3\./);
    assert.ok(doc.info.title);
    const refs = JSON.stringify(doc).match(/"\$ref":"[^"]+"/g) ?? [];
    for (const r of refs) {
      const target = r.slice(8, -1).replace(/^#\//, '').split('/');
      let node = doc;
      for (const part of target) node = node?.[part];
      assert.ok(node, `unresolved ${r}`);
    }
  });

  it('documents every route the server serves, and nothing else', () => {
    const served = servedRoutes();
    const documented = documentedOperations();
    assert.ok(served.length >= 18, `the route table looks empty: ${served}`);
    assert.deepEqual(served.filter((r) => !documented.includes(r)), [], 'served but not documented');
    assert.deepEqual(documented.filter((r) => !served.includes(r)), [], 'documented but not served');
  });

  it('routes every documented operation (never route_not_found or 405)', async () => {
    for (const op of documentedOperations()) {
      const [method, p] = op.split(' ');
      const url = p.replace(/\{[^}]+\}/g, NO_SUCH_ID);
      const res = await call(method, url, { json: method === 'GET' || method === 'DELETE' ? undefined : {} });
      assert.notEqual(res.status, 405, `${op} is not routed for this method`);
      assert.ok(!(res.status === 404 && res.json?.error?.code === 'route_not_found'), `${op} is not routed`);
      assert.ok(res.status < 500, `${op} failed: ${res.text}`);
    }
  });

  it('tells an unrouted path apart, so the check above can fail', async () => {
    assertError(await call('GET', '/api/not-documented'), 404, 'route_not_found');
    assertError(await call('PUT', '/api/health'), 405, 'method_not_allowed');
  });

  it('documents each operation with responses and, where a body is read, a JSON schema', () => {
    for (const [p, item] of Object.entries(doc.paths)) {
      for (const m of METHODS) {
        const op = item[m];
        if (!op) continue;
        assert.ok(op.summary, `${m} ${p} summary`);
        assert.ok(Object.keys(op.responses).some((s) => s.startsWith('2')), `${m} ${p} success response`);
        if (p.includes('{id}')) assert.ok((item.parameters ?? op.parameters ?? []).length > 0, `${p} declares {id}`);
        if (op.requestBody) assert.ok(op.requestBody.content['application/json'].schema, `${m} ${p} body schema`);
      }
    }
  });

  it('serves the same document at /api/openapi.json', async () => {
    const res = await call('GET', '/api/openapi.json');
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type'), /^application\/json/);
    assert.deepEqual(res.json, doc, 'rebuild the server after editing docs/openapi.json');
  });
});
