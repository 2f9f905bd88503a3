// Sockets end with their session: logging out closes that session's sockets (and only those),
// and the hub's periodic re-check closes the sockets of an expired session or a suspended account.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { startServer } from './server.mjs';
import { apiClient, login, signup, chatPair, sendMessage } from './client.mjs';
import { connect } from './ws_client.mjs';
import { socketSuite } from './ws_suite.mjs';

const POLICY = 1008;

// Suspends an account straight in the database (there is no admin endpoint for it yet).
function suspend(server, userId) {
  const sql = `UPDATE profiles SET is_active = ${server.pg ? 'false' : '0'} WHERE id = '${userId}'`;
  if (server.pg) execFileSync('psql', [server.pg.url, '-v', 'ON_ERROR_STOP=1', '-qc', sql], { stdio: 'pipe' });
  else execFileSync('sqlite3', [path.join(server.dataDir, 'salikchat.db'), sql], { stdio: 'pipe' });
}

describe('sockets end with their session', () => {
  const suite = socketSuite({ env: { SALIK_WS_SESSION_CHECK_SECONDS: '1' } });
  let server;
  let call;
  let admin;
  before(() => ({ server, call, admin } = suite));
  const { open } = suite;

  it('logout closes the sockets of that session with 1008 "Signed out", and no others', async () => {
    const { owner, mechanic, conversation } = await chatPair(call, admin);
    const second = await login(call, owner.email, owner.password); // another device
    const tab1 = await open(owner.token);
    const tab2 = await open(owner.token);
    const phone = await open(second);
    const other = await open(mechanic.token);

    const res = await call('POST', '/api/auth/logout', { token: owner.token });
    assert.equal(res.status, 204, res.text);
    for (const tab of [tab1, tab2]) {
      const closed = await tab.closedWithin(3000);
      assert.deepEqual(closed, { code: POLICY, reason: 'Signed out' });
      const err = tab.pending((f) => f.type === 'error');
      assert.equal(err.length, 1, JSON.stringify(tab.inbox));
      assert.equal(err[0].code, 'session_ended');
    }
    // The other session and the other user keep chatting.
    await phone.sync();
    await other.sync();
    assert.equal(phone.closed, null);
    const sent = await sendMessage(call, mechanic.token, conversation.id, 'Still here.');
    assert.equal(sent.status, 201, sent.text);
    assert.equal((await phone.next('message')).message.content, 'Still here.');
    // The logged-out token cannot open a new socket either.
    await assert.rejects(connect(server.baseUrl, owner.token), /closed|unauthorized/);
  });

  it('closes the sockets of a suspended account within the re-check interval', async () => {
    const { owner, mechanic } = await chatPair(call, admin);
    const o = await open(owner.token);
    const m = await open(mechanic.token);
    await m.next((f) => f.type === 'presence' && f.online);
    suspend(server, owner.user.id);
    const closed = await o.closedWithin(4000);
    assert.deepEqual(closed, { code: POLICY, reason: 'This account is suspended.' });
    const offline = await m.next((f) => f.type === 'presence' && f.user_id === owner.user.id);
    assert.equal(offline.online, false);
    await m.sync();
    assert.equal(m.closed, null, 'the other party stays connected');
  });

  it('keeps a socket whose session is still valid across many re-checks', async () => {
    const user = await signup(call);
    const s = await open(user.token);
    await new Promise((r) => setTimeout(r, 2500));
    await s.sync();
    assert.equal(s.closed, null);
  });
});

describe('an expired session loses its sockets', () => {
  let server;
  before(async () => {
    server = await startServer({ env: { SALIK_WS_SESSION_CHECK_SECONDS: '1', SALIK_SESSION_TTL_SECONDS: '3' } });
  });
  after(async () => server?.stop());

  it('closes with 1008 once the session expires', async () => {
    const call = apiClient(server.baseUrl);
    const user = await signup(call);
    const s = await connect(server.baseUrl, user.token);
    const started = Date.now();
    const closed = await s.closedWithin(8000);
    assert.equal(closed.code, POLICY);
    assert.match(closed.reason, /session has ended/);
    assert.ok(Date.now() - started >= 1000, 'not closed before the session expired');
  });
});
