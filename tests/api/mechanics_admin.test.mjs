// The mechanic directory, a mechanic's own profile, and the admins' verification queue.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, ADMIN } from './server.mjs';
import { apiClient, assertError, assertStillServing, signup, login, verifiedMechanic, NO_SUCH_ID } from './client.mjs';

describe('mechanics and verification', () => {
  let server;
  let call;
  let admin;
  before(async () => {
    server = await startServer();
    call = apiClient(server.baseUrl);
    admin = await login(call, ADMIN.email, ADMIN.password);
  });
  after(() => server?.stop());

  async function status(id) {
    return (await call('GET', `/api/mechanics/${id}`, { token: admin })).json.verification_status;
  }
  async function queueIds() {
    return (await call('GET', '/api/admin/verification-queue?limit=50', { token: admin })).json.items.map((m) => m.id);
  }

  it('lists only verified mechanics, to everybody', async () => {
    const v = await verifiedMechanic(call, admin, { full_name: 'Rajesh Menon', city: 'Sharjah' });
    const p = await signup(call, { role: 'mechanic' });
    const anonymous = await call('GET', '/api/mechanics');
    assert.equal(anonymous.status, 200);
    assert.ok(anonymous.json.items.some((m) => m.id === v.user.id && m.full_name === 'Rajesh Menon' && m.city === 'Sharjah'));
    assert.ok(anonymous.json.items.every((m) => m.verification_status === 'verified'));
    assert.ok(!anonymous.json.items.some((m) => m.id === p.user.id));
    assert.ok(anonymous.json.items.every((m) => !('email' in m)), 'no emails in the public directory');
    assertError(await call('GET', '/api/mechanics', { token: 'bad' }), 401, 'unauthorized');
    assertError(await call('GET', '/api/mechanics?limit=0'), 400, 'invalid_query', 'limit');
    assert.equal((await call('GET', '/api/mechanics?limit=1')).json.items.length, 1);
  });

  it('shows a pending profile only to its mechanic and to admins', async () => {
    const p = await signup(call, { role: 'mechanic' });
    assertError(await call('GET', `/api/mechanics/${p.user.id}`), 404, 'not_found');
    const customer = await signup(call);
    assertError(await call('GET', `/api/mechanics/${p.user.id}`, { token: customer.token }), 404, 'not_found');
    assert.equal((await call('GET', `/api/mechanics/${p.user.id}`, { token: p.token })).json.verification_status, 'pending');
    assert.equal(await status(p.user.id), 'pending');
    const v = await verifiedMechanic(call, admin);
    assert.equal((await call('GET', `/api/mechanics/${v.user.id}`)).status, 200);
    assertError(await call('GET', `/api/mechanics/${customer.user.id}`, { token: admin }), 404, 'not_found');
    assertError(await call('GET', `/api/mechanics/${NO_SUCH_ID}`), 404, 'not_found');
    assertError(await call('GET', '/api/mechanics/abc'), 404, 'not_found');
  });

  it('lets a mechanic edit only their own profile, with valid values', async () => {
    const m = await signup(call, { role: 'mechanic' });
    const ok = await call('PATCH', `/api/mechanics/${m.user.id}`, {
      token: m.token,
      json: { bio: 'A/C specialist.', city: 'Dubai', specializations: ['ac', 'electrical', 'ac'], experience_years: 10, hourly_rate: 8000, service_tier: 'workshop_partner', is_available: false },
    });
    assert.equal(ok.status, 200, ok.text);
    assert.equal(ok.json.bio, 'A/C specialist.');
    assert.deepEqual(ok.json.specializations, ['ac', 'electrical']);
    assert.equal(ok.json.experience_years, 10);
    assert.equal(ok.json.service_tier, 'workshop_partner');
    assert.equal(ok.json.is_available, false);
    const partial = await call('PATCH', `/api/mechanics/${m.user.id}`, { token: m.token, json: { hourly_rate: 9000 } });
    assert.equal(partial.json.hourly_rate, 9000);
    assert.equal(partial.json.bio, 'A/C specialist.', 'fields left out stay');

    const other = await signup(call, { role: 'mechanic' });
    const customer = await signup(call);
    for (const token of [other.token, customer.token, admin]) {
      assertError(await call('PATCH', `/api/mechanics/${m.user.id}`, { token, json: { bio: 'Hijacked.' } }), 403, 'forbidden');
    }
    assertError(await call('PATCH', `/api/mechanics/${m.user.id}`, { json: { bio: 'Hijacked.' } }), 401, 'unauthorized');
    const bad = [
      [{ bio: 'b'.repeat(2001) }, 'bio'], [{ specializations: ['wheels'] }, 'specializations'], [{ specializations: 'engine' }, 'specializations'],
      [{ experience_years: 71 }, 'experience_years'], [{ hourly_rate: -1 }, 'hourly_rate'], [{ service_tier: 'gold' }, 'service_tier'],
      [{ is_available: 'no' }, 'is_available'], [{ city: 'c'.repeat(61) }, 'city'],
    ];
    for (const [json, field] of bad) {
      assertError(await call('PATCH', `/api/mechanics/${m.user.id}`, { token: m.token, json }), 400, 'invalid_field', field);
    }
    const after = (await call('GET', `/api/mechanics/${m.user.id}`, { token: m.token })).json;
    assert.equal(after.bio, 'A/C specialist.', 'nothing was written');
    assert.equal(after.hourly_rate, 9000);
    assert.deepEqual(after.specializations, ['ac', 'electrical']);
  });

  it('keeps the verification queue and decisions to admins', async () => {
    const p = await signup(call, { role: 'mechanic' });
    const customer = await signup(call);
    const v = await verifiedMechanic(call, admin);
    for (const token of [customer.token, p.token, v.token]) {
      assertError(await call('GET', '/api/admin/verification-queue', { token }), 403, 'forbidden');
      assertError(await call('POST', `/api/mechanics/${p.user.id}/verify`, { token, json: { decision: 'verified' } }), 403, 'forbidden');
    }
    assertError(await call('GET', '/api/admin/verification-queue'), 401, 'unauthorized');
    assertError(await call('POST', `/api/mechanics/${p.user.id}/verify`, { json: { decision: 'verified' } }), 401, 'unauthorized');
    assert.equal(await status(p.user.id), 'pending', 'nothing was written');
    assert.ok((await queueIds()).includes(p.user.id));
  });

  it('refuses bad verification decisions and writes nothing', async () => {
    const p = await signup(call, { role: 'mechanic' });
    const bad = [
      [{}, 'missing_field', 'decision'], [{ decision: 'maybe' }, 'invalid_field', 'decision'],
      [{ decision: 'pending' }, 'invalid_field', 'decision'], [{ decision: 'rejected' }, 'missing_field', 'reason'],
      [{ decision: 'rejected', reason: 'r'.repeat(501) }, 'invalid_field', 'reason'],
    ];
    for (const [json, code, field] of bad) {
      assertError(await call('POST', `/api/mechanics/${p.user.id}/verify`, { token: admin, json }), 400, code, field);
    }
    assert.equal(await status(p.user.id), 'pending');
    const customer = await signup(call);
    assertError(await call('POST', `/api/mechanics/${customer.user.id}/verify`, { token: admin, json: { decision: 'verified' } }), 404, 'not_found');
    assertError(await call('POST', `/api/mechanics/${NO_SUCH_ID}/verify`, { token: admin, json: { decision: 'verified' } }), 404, 'not_found');
    assert.equal((await call('GET', `/api/mechanics/${customer.user.id}`, { token: admin })).status, 404, 'no mechanic profile appeared');
  });

  it('rejects with a reason, and can verify later', async () => {
    const p = await signup(call, { role: 'mechanic' });
    const rejected = await call('POST', `/api/mechanics/${p.user.id}/verify`, { token: admin, json: { decision: 'rejected', reason: 'The trade license has expired.' } });
    assert.equal(rejected.status, 200, rejected.text);
    assert.equal(rejected.json.verification_status, 'rejected');
    assert.equal(rejected.json.rejection_reason, 'The trade license has expired.');
    assert.ok(!(await queueIds()).includes(p.user.id));
    const me = await call('GET', '/api/auth/me', { token: p.token });
    assert.equal(me.json.mechanic.rejection_reason, 'The trade license has expired.');
    const verified = await call('POST', `/api/mechanics/${p.user.id}/verify`, { token: admin, json: { decision: 'verified' } });
    assert.equal(verified.json.verification_status, 'verified');
    await assertStillServing(call);
  });
});
