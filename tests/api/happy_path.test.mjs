// The whole story once, end to end: a car owner posts a problem, a new mechanic is verified by
// the admin, answers it, the owner reads the answer and marks the issue resolved.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, ADMIN } from './server.mjs';
import { apiClient, signup, login, validIssue, validResponse } from './client.mjs';

describe('happy path', () => {
  let server;
  let call;
  before(async () => {
    server = await startServer();
    call = apiClient(server.baseUrl);
  });
  after(() => server?.stop());

  it('customer posts, admin verifies mechanic, mechanic responds, customer resolves', async () => {
    const health = await call('GET', '/api/health');
    assert.deepEqual(health.json, { status: 'ok', database: process.env.SALIK_TEST_PG_URL ? 'postgresql' : 'sqlite' });

    // 1. Car owner signs up and posts an issue; the city defaults to theirs.
    const customer = await signup(call, { role: 'customer', city: 'Sharjah', full_name: 'Fatima Al Zaabi' });
    assert.equal(customer.user.role, 'customer');
    assert.equal(customer.user.email, customer.email);
    assert.match(customer.token, /^[0-9a-f]{64}$/);
    const posted = await call('POST', '/api/issues', { token: customer.token, json: validIssue() });
    assert.equal(posted.status, 201, posted.text);
    const issue = posted.json;
    assert.match(issue.id, /^[0-9a-f-]{36}$/);
    assert.equal(issue.customer_id, customer.user.id);
    assert.equal(issue.customer_name, 'Fatima Al Zaabi');
    assert.equal(issue.status, 'open');
    assert.equal(issue.location_city, 'Sharjah');
    assert.equal(issue.car_year, 2019);
    assert.equal(issue.car_mileage, 85000);
    assert.equal(issue.budget_range, '200_500');
    assert.equal(issue.response_count, 0);

    // 2. A mechanic signs up: pending, so not yet listed, but in the admin's queue.
    const mechanic = await signup(call, { role: 'mechanic', full_name: 'Ahmed Al-Kareem' });
    const me = await call('GET', '/api/auth/me', { token: mechanic.token });
    assert.equal(me.status, 200);
    assert.equal(me.json.id, mechanic.user.id);
    assert.equal(me.json.role, 'mechanic');
    assert.equal(me.json.mechanic.verification_status, 'pending');
    const listedBefore = await call('GET', '/api/mechanics?limit=50');
    assert.ok(!listedBefore.json.items.some((m) => m.id === mechanic.user.id));

    const admin = await login(call, ADMIN.email, ADMIN.password);
    const queue = await call('GET', '/api/admin/verification-queue', { token: admin });
    assert.equal(queue.status, 200);
    assert.ok(queue.json.items.some((m) => m.id === mechanic.user.id && m.full_name === 'Ahmed Al-Kareem'));

    // 3. The mechanic fills in the profile; the admin verifies it.
    const patched = await call('PATCH', `/api/mechanics/${mechanic.user.id}`, {
      token: mechanic.token,
      json: { bio: 'Brakes and suspension, 8 years in Al Quoz.', specializations: ['brakes', 'suspension'], experience_years: 8, hourly_rate: 12000 },
    });
    assert.equal(patched.status, 200, patched.text);
    assert.deepEqual(patched.json.specializations, ['brakes', 'suspension']);
    assert.equal(patched.json.hourly_rate, 12000);

    const verified = await call('POST', `/api/mechanics/${mechanic.user.id}/verify`, {
      token: admin,
      json: { decision: 'verified', reason: 'Trade license checked.' },
    });
    assert.equal(verified.status, 200, verified.text);
    assert.equal(verified.json.verification_status, 'verified');
    assert.ok(verified.json.verified_at);
    const queueAfter = await call('GET', '/api/admin/verification-queue', { token: admin });
    assert.ok(!queueAfter.json.items.some((m) => m.id === mechanic.user.id));
    const listedAfter = await call('GET', '/api/mechanics?limit=50');
    assert.ok(listedAfter.json.items.some((m) => m.id === mechanic.user.id));

    // 4. The mechanic finds the issue in the feed and responds.
    const feed = await call('GET', '/api/issues?category=brakes&city=sharjah', { token: mechanic.token });
    assert.equal(feed.status, 200);
    assert.ok(feed.json.items.some((i) => i.id === issue.id));
    const responded = await call('POST', `/api/issues/${issue.id}/responses`, { token: mechanic.token, json: validResponse() });
    assert.equal(responded.status, 201, responded.text);
    assert.equal(responded.json.issue_id, issue.id);
    assert.equal(responded.json.mechanic_id, mechanic.user.id);
    assert.equal(responded.json.mechanic_name, 'Ahmed Al-Kareem');
    assert.equal(responded.json.mechanic_verified, true);
    assert.equal(responded.json.estimated_cost_min, 15000);
    assert.equal(responded.json.confidence_level, 'high');

    // 5. The customer lists the responses and sees the count on the issue.
    const responses = await call('GET', `/api/issues/${issue.id}/responses`, { token: customer.token });
    assert.equal(responses.status, 200);
    assert.equal(responses.json.items.length, 1);
    assert.equal(responses.json.items[0].initial_diagnosis, validResponse().initial_diagnosis);
    assert.equal(responses.json.items[0].mechanic_name, 'Ahmed Al-Kareem');
    const reread = await call('GET', `/api/issues/${issue.id}`, { token: customer.token });
    assert.equal(reread.json.response_count, 1);

    // 6. Resolved: gone from the open feed, still in the owner's list.
    const resolved = await call('PATCH', `/api/issues/${issue.id}`, { token: customer.token, json: { status: 'resolved' } });
    assert.equal(resolved.status, 200, resolved.text);
    assert.equal(resolved.json.status, 'resolved');
    const openFeed = await call('GET', '/api/issues?limit=50', { token: mechanic.token });
    assert.ok(!openFeed.json.items.some((i) => i.id === issue.id));
    const mine = await call('GET', '/api/issues?mine=1', { token: customer.token });
    assert.equal(mine.json.total, 1);
    assert.equal(mine.json.items[0].status, 'resolved');

    // 7. Sign out: the token stops working.
    const out = await call('POST', '/api/auth/logout', { token: customer.token });
    assert.equal(out.status, 204);
    assert.equal(out.text, '');
    assert.equal((await call('GET', '/api/auth/me', { token: customer.token })).status, 401);
  });
});
