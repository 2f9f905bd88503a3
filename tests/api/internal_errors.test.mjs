// A failure inside a handler (here: the database vanishing under a running server) answers 500
// internal_error with a generic sentence, logs the detail to stderr, and the server keeps serving.
// Needs PostgreSQL (SALIK_TEST_PG_URL), where the database can be dropped from outside.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './server.mjs';
import { apiClient, assertError, signup, rawRequest } from './client.mjs';

const skip = process.env.SALIK_TEST_PG_URL ? false : 'needs SALIK_TEST_PG_URL (PostgreSQL)';

describe('internal errors', () => {
  it('answers 500 without details when the database is gone, and keeps serving', { skip }, async () => {
    const server = await startServer();
    try {
      const call = apiClient(server.baseUrl);
      const user = await signup(call);
      server.pg.drop();

      for (const [method, path, opts] of [
        ['GET', '/api/mechanics', {}],
        ['GET', '/api/auth/me', { token: user.token }],
        ['POST', '/api/auth/login', { json: { email: user.email, password: user.password } }],
        ['GET', '/api/health', {}],
      ]) {
        assertError(await call(method, path, opts), 500, 'internal_error');
      }
      // Everything that does not need the database still works.
      assertError(await call('GET', '/api/no-such-route'), 404, 'route_not_found');
      assert.equal((await rawRequest(server.port, 'GET', '/missing.js')).status, 404);
      // The detail went to the log, not to the client.
      assert.match(server.stderr(), /error: GET \/api\/mechanics: /);
    } finally {
      await server.stop();
    }
  });
});
