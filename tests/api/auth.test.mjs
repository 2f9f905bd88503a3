// Sign-up, sign-in, sign-out and who-am-I, with every way they can be refused.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, ADMIN } from './server.mjs';
import { apiClient, assertError, assertStillServing, signup, login, uniqueEmail, PASSWORD } from './client.mjs';

describe('auth', () => {
  let server;
  let call;
  before(async () => {
    server = await startServer();
    call = apiClient(server.baseUrl);
  });
  after(() => server?.stop());

  // A refused signup must leave no account behind: that email cannot sign in.
  async function assertNoAccount(email, password = PASSWORD) {
    assertError(await call('POST', '/api/auth/login', { json: { email, password } }), 401, 'invalid_credentials');
  }

  it('signs up a customer and a mechanic and returns the profile', async () => {
    const c = await signup(call, { role: 'customer', city: 'Ajman', full_name: 'Sara Thomas' });
    assert.deepEqual(Object.keys(c.user).sort(), ['city', 'country', 'created_at', 'email', 'full_name', 'id', 'is_active', 'phone', 'role', 'updated_at']);
    assert.equal(c.user.full_name, 'Sara Thomas');
    assert.equal(c.user.city, 'Ajman');
    assert.equal(c.user.country, 'AE');
    assert.equal(c.user.is_active, true);
    assert.ok(!('password' in c.user) && !('password_hash' in c.user));
    const me = await call('GET', '/api/auth/me', { token: c.token });
    assert.equal(me.status, 200);
    assert.equal(me.json.id, c.user.id);
    assert.equal(me.json.role, 'customer');
    assert.ok(!('mechanic' in me.json));

    const m = await signup(call, { role: 'mechanic' });
    const mm = await call('GET', '/api/auth/me', { token: m.token });
    assert.equal(mm.json.role, 'mechanic');
    assert.equal(mm.json.mechanic.id, m.user.id);
    assert.equal(mm.json.mechanic.verification_status, 'pending');
  });

  it('normalises the email: trimmed and lower-cased', async () => {
    const email = uniqueEmail('Mixed').toUpperCase();
    const res = await call('POST', '/api/auth/signup', { json: { email: `  ${email} `, password: PASSWORD, full_name: 'Omar Haddad' } });
    assert.equal(res.status, 201, res.text);
    assert.equal(res.json.user.email, email.toLowerCase());
    assert.equal(res.json.user.role, 'customer', 'role defaults to customer');
    await login(call, email.toLowerCase(), PASSWORD);
    await login(call, email, PASSWORD);
  });

  it('refuses a duplicate email with 409 email_taken and keeps the first password', async () => {
    const first = await signup(call);
    const again = await call('POST', '/api/auth/signup', { json: { email: first.email, password: 'another-password-9', full_name: 'Someone Else' } });
    assertError(again, 409, 'email_taken', 'email');
    await login(call, first.email, PASSWORD);
    await assertNoAccount(first.email, 'another-password-9');
  });

  it('refuses signing up as an admin', async () => {
    const email = uniqueEmail('would-be-admin');
    const res = await call('POST', '/api/auth/signup', { json: { email, password: PASSWORD, full_name: 'Sneaky Admin', role: 'admin' } });
    assertError(res, 400, 'invalid_role', 'role');
    await assertNoAccount(email);
  });

  const badSignups = [
    ['missing email', { email: undefined, password: PASSWORD, full_name: 'Test User' }, 'missing_field', 'email'],
    ['empty email', { email: '', password: PASSWORD, full_name: 'Test User' }, 'missing_field', 'email'],
    ['email not text', { email: 42, password: PASSWORD, full_name: 'Test User' }, 'invalid_field', 'email'],
    ['email without @', { email: 'no-at-sign.example', password: PASSWORD, full_name: 'Test User' }, 'invalid_field', 'email'],
    ['over-long email', { email: `${'a'.repeat(250)}@x.test`, password: PASSWORD, full_name: 'Test User' }, 'invalid_field', 'email'],
    ['missing password', { full_name: 'Test User' }, 'missing_field', 'password'],
    ['password not text', { password: 12345678, full_name: 'Test User' }, 'missing_field', 'password'],
    ['full_name not text', { password: PASSWORD, full_name: ['Test', 'User'] }, 'invalid_field', 'full_name'],
    ['short password', { password: 'short', full_name: 'Test User' }, 'invalid_field', 'password'],
    ['over-long password', { password: 'p'.repeat(129), full_name: 'Test User' }, 'invalid_field', 'password'],
    ['missing full_name', { password: PASSWORD }, 'missing_field', 'full_name'],
    ['one-letter full_name', { password: PASSWORD, full_name: 'A' }, 'invalid_field', 'full_name'],
    ['over-long full_name', { password: PASSWORD, full_name: 'N'.repeat(81) }, 'invalid_field', 'full_name'],
    ['over-long city', { password: PASSWORD, full_name: 'Test User', city: 'C'.repeat(61) }, 'invalid_field', 'city'],
    ['unknown role', { password: PASSWORD, full_name: 'Test User', role: 'workshop' }, 'invalid_field', 'role'],
  ];
  for (const [name, fields, code, field] of badSignups) {
    it(`refuses signup with ${name}`, async () => {
      const email = uniqueEmail('bad');
      // JSON.stringify drops keys set to undefined: that is how a case leaves a field out.
      const res = await call('POST', '/api/auth/signup', { json: { email, ...fields } });
      assertError(res, 400, code, field);
      await assertNoAccount(email, typeof fields.password === 'string' ? fields.password : PASSWORD);
    });
  }

  it('refuses a body that is not an object', async () => {
    for (const body of ['[]', '"text"', '42', 'null']) {
      const res = await call('POST', '/api/auth/signup', { body, headers: { 'content-type': 'application/json' } });
      assertError(res, 400, 'invalid_body');
    }
    assertError(await call('POST', '/api/auth/signup', {}), 400, 'invalid_body');
  });

  it('logs in, and gives the same 401 for a wrong password and an unknown email', async () => {
    const u = await signup(call);
    const ok = await call('POST', '/api/auth/login', { json: { email: u.email, password: PASSWORD } });
    assert.equal(ok.status, 200);
    assert.match(ok.json.token, /^[0-9a-f]{64}$/);
    assert.notEqual(ok.json.token, u.token, 'each login is a new session');
    assert.equal(ok.json.user.id, u.user.id);

    const wrong = await call('POST', '/api/auth/login', { json: { email: u.email, password: 'wrong-password-1' } });
    const unknown = await call('POST', '/api/auth/login', { json: { email: uniqueEmail('nobody'), password: 'wrong-password-1' } });
    assertError(wrong, 401, 'invalid_credentials');
    assertError(unknown, 401, 'invalid_credentials');
    assert.equal(wrong.json.error.message, unknown.json.error.message);
    assertError(await call('POST', '/api/auth/login', { json: { email: u.email } }), 400, 'missing_field', 'password');
    assertError(await call('POST', '/api/auth/login', { json: { password: PASSWORD } }), 400, 'missing_field', 'email');
    assertError(await call('POST', '/api/auth/login', { json: { email: `${'a'.repeat(300)}@x.test`, password: PASSWORD } }), 401, 'invalid_credentials');
  });

  it('refuses a missing, malformed, wrong or logged-out token with 401', async () => {
    const u = await signup(call);
    assertError(await call('GET', '/api/auth/me'), 401, 'unauthorized');
    assertError(await call('GET', '/api/auth/me', { headers: { authorization: u.token } }), 401, 'unauthorized');
    assertError(await call('GET', '/api/auth/me', { headers: { authorization: `Basic ${u.token}` } }), 401, 'unauthorized');
    assertError(await call('GET', '/api/auth/me', { token: 'not-a-token' }), 401, 'unauthorized');
    assertError(await call('GET', '/api/auth/me', { token: 'f'.repeat(64) }), 401, 'unauthorized');
    assertError(await call('GET', '/api/auth/me', { token: `${u.token}00` }), 401, 'unauthorized');

    // A second session survives the first one's logout.
    const second = await login(call, u.email, PASSWORD);
    assert.equal((await call('POST', '/api/auth/logout', { token: u.token })).status, 204);
    assertError(await call('GET', '/api/auth/me', { token: u.token }), 401, 'unauthorized');
    assertError(await call('POST', '/api/auth/logout', { token: u.token }), 401, 'unauthorized');
    assert.equal((await call('GET', '/api/auth/me', { token: second })).status, 200);
    assertError(await call('POST', '/api/auth/logout'), 401, 'unauthorized');
    await assertStillServing(call);
  });

  it('bootstraps the admin from the environment, and only that one', async () => {
    const token = await login(call, ADMIN.email, ADMIN.password);
    const me = await call('GET', '/api/auth/me', { token });
    assert.equal(me.json.role, 'admin');
    assert.equal(me.json.email, ADMIN.email);
  });
});

describe('session expiry', () => {
  let server;
  let call;
  before(async () => {
    server = await startServer({ env: { SALIK_SESSION_TTL_SECONDS: '1' } });
    call = apiClient(server.baseUrl);
  });
  after(() => server?.stop());

  it('refuses an expired token with 401', async () => {
    const u = await signup(call);
    assert.equal((await call('GET', '/api/auth/me', { token: u.token })).status, 200);
    await new Promise((r) => setTimeout(r, 1500));
    assertError(await call('GET', '/api/auth/me', { token: u.token }), 401, 'unauthorized');
    // Signing in again gives a fresh, working session.
    const fresh = await login(call, u.email, u.password);
    assert.equal((await call('GET', '/api/auth/me', { token: fresh })).status, 200);
  });
});

describe('admin bootstrap', () => {
  it('creates no second admin when one exists', async () => {
    const first = await startServer({ keepData: true });
    await first.stop();
    const other = { email: 'second-admin@salikchat.test', password: 'second-admin-pass' };
    const second = await startServer({ dataFrom: first, env: { SALIK_ADMIN_EMAIL: other.email, SALIK_ADMIN_PASSWORD: other.password } });
    try {
      const call = apiClient(second.baseUrl);
      assertError(await call('POST', '/api/auth/login', { json: other }), 401, 'invalid_credentials');
      await login(call, ADMIN.email, ADMIN.password);
    } finally {
      await second.stop();
    }
  });

  it('refuses to start with an unusable admin password', async () => {
    await assert.rejects(startServer({ env: { SALIK_ADMIN_PASSWORD: 'short' } }), /SALIK_ADMIN_PASSWORD/);
  });

  it('starts without an admin when the variables are unset', async () => {
    const server = await startServer({ env: { SALIK_ADMIN_EMAIL: '', SALIK_ADMIN_PASSWORD: '' } });
    try {
      const call = apiClient(server.baseUrl);
      assertError(await call('POST', '/api/auth/login', { json: ADMIN }), 401, 'invalid_credentials');
    } finally {
      await server.stop();
    }
  });
});
