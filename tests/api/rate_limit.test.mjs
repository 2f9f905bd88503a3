// The design's limits: 100 API requests a minute per IP (lowered here to 5), and 5 new issues an
// hour per car owner. Refused requests answer 429 with Retry-After and do nothing.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './server.mjs';
import { apiClient, assertError, signup, login, uniqueEmail, validIssue, myIssueCount, PASSWORD, rawRequest } from './client.mjs';

function assertRetryAfter(res, min, max) {
  const retry = Number(res.headers.get('retry-after'));
  assert.ok(Number.isInteger(retry) && retry >= min && retry <= max, `Retry-After ${res.headers.get('retry-after')}`);
}

describe('API rate limit per IP', () => {
  it('answers 429 with Retry-After past the limit, and the refused request does nothing', async () => {
    const first = await startServer({ keepData: true, env: { SALIK_API_RATE_PER_MINUTE: '5' } });
    const email = uniqueEmail('limited');
    try {
      const call = apiClient(first.baseUrl);
      for (let i = 0; i < 5; i++) assert.equal((await call('GET', '/api/mechanics')).status, 200, `request ${i + 1}`);
      const refused = await call('POST', '/api/auth/signup', { json: { email, password: PASSWORD, full_name: 'Too Fast' } });
      assertError(refused, 429, 'rate_limited');
      assertRetryAfter(refused, 1, 60);
      assertError(await call('GET', '/api/mechanics'), 429, 'rate_limited');
      // Health checks are not counted, and the server keeps serving them.
      assert.equal((await call('GET', '/api/health')).status, 200);
      // Neither is the web app itself.
      assert.notEqual((await rawRequest(first.port, 'GET', '/index.html')).status, 429);
    } finally {
      await first.stop();
    }
    // Restarted (counts live in memory): the refused signup left no account.
    const second = await startServer({ dataFrom: first });
    try {
      const call = apiClient(second.baseUrl);
      assertError(await call('POST', '/api/auth/login', { json: { email, password: PASSWORD } }), 401, 'invalid_credentials');
    } finally {
      await second.stop();
    }
  });
});

describe('API rate limit behind a reverse proxy', () => {
  const fromClient = (call, ip) => call('GET', '/api/mechanics', { headers: { 'x-forwarded-for': ip } });

  it('counts per X-Forwarded-For client when the proxy is trusted (SALIK_TRUSTED_PROXIES)', async () => {
    const server = await startServer({ env: { SALIK_API_RATE_PER_MINUTE: '3', SALIK_TRUSTED_PROXIES: '127.0.0.1' } });
    try {
      const call = apiClient(server.baseUrl);
      for (let i = 0; i < 3; i++) assert.equal((await fromClient(call, '203.0.113.7')).status, 200);
      assertError(await fromClient(call, '203.0.113.7'), 429, 'rate_limited');
      // Another client behind the same proxy has its own allowance.
      assert.equal((await fromClient(call, '203.0.113.8')).status, 200);
      // Only the right-most entry counts: a client cannot escape by adding its own on the left.
      assertError(await fromClient(call, '198.51.100.1, 203.0.113.7'), 429, 'rate_limited');
    } finally {
      await server.stop();
    }
  });

  it('ignores X-Forwarded-For from a peer that is not a trusted proxy', async () => {
    const server = await startServer({ env: { SALIK_API_RATE_PER_MINUTE: '3' } });
    try {
      const call = apiClient(server.baseUrl);
      for (let i = 0; i < 3; i++) assert.equal((await fromClient(call, `203.0.113.${i + 1}`)).status, 200);
      assertError(await fromClient(call, '203.0.113.99'), 429, 'rate_limited');
    } finally {
      await server.stop();
    }
  });
});

describe('issue rate limit per car owner', () => {
  let server;
  let call;
  before(async () => {
    server = await startServer();
    call = apiClient(server.baseUrl);
  });
  after(() => server?.stop());

  it('refuses the 6th issue within an hour with 429 and Retry-After, writing nothing', async () => {
    const c = await signup(call);
    // Refused (invalid) posts do not use up the allowance.
    assertError(await call('POST', '/api/issues', { token: c.token, json: validIssue({ category: 'wheels' }) }), 400, 'invalid_field');
    for (let i = 0; i < 5; i++) {
      const res = await call('POST', '/api/issues', { token: c.token, json: validIssue({ title: `Issue number ${i + 1}` }) });
      assert.equal(res.status, 201, res.text);
    }
    const sixth = await call('POST', '/api/issues', { token: c.token, json: validIssue({ title: 'Issue number 6' }) });
    assertError(sixth, 429, 'rate_limited');
    assertRetryAfter(sixth, 3000, 3600);
    assert.match(sixth.json.error.message, /5 issues an hour/);
    assert.equal(await myIssueCount(call, c.token), 5, 'the 6th was not written');

    // Signing in again does not reset it; other car owners are not affected.
    const again = await login(call, c.email, c.password);
    assertError(await call('POST', '/api/issues', { token: again, json: validIssue() }), 429, 'rate_limited');
    const other = await signup(call);
    assert.equal((await call('POST', '/api/issues', { token: other.token, json: validIssue() })).status, 201);
    // Reading is not limited by it.
    assert.equal((await call('GET', '/api/issues?mine=1', { token: c.token })).status, 200);
  });
});
