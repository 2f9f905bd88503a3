// Posting, listing, reading, changing and deleting issues; every bad input and every refusal,
// each followed by proof that nothing was written.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, ADMIN } from './server.mjs';
import {
  apiClient, assertError, assertStillServing, signup, login, verifiedMechanic, validIssue, myIssueCount, NO_SUCH_ID,
} from './client.mjs';

describe('issues', () => {
  let server;
  let call;
  let admin;
  before(async () => {
    server = await startServer();
    call = apiClient(server.baseUrl);
    admin = await login(call, ADMIN.email, ADMIN.password);
  });
  after(() => server?.stop());

  async function post(token, overrides) {
    return call('POST', '/api/issues', { token, json: validIssue(overrides) });
  }

  it('posts an issue with defaults for the optional fields', async () => {
    const c = await signup(call, { city: 'Al Ain' });
    const minimal = {
      title: 'AC blowing warm air', description: 'Cold for ten minutes, then warm air only.', category: 'ac',
      car_make: 'Nissan', car_model: 'Patrol', car_year: 2020,
    };
    const res = await call('POST', '/api/issues', { token: c.token, json: minimal });
    assert.equal(res.status, 201, res.text);
    assert.equal(res.json.urgency, 'normal');
    assert.equal(res.json.budget_range, 'not_sure');
    assert.equal(res.json.car_mileage, null);
    assert.equal(res.json.location_city, 'Al Ain');
    assert.equal(res.json.is_public, true);
    const withCity = await post(c.token, { location_city: 'Abu Dhabi', title: '  Trimmed title  ' });
    assert.equal(withCity.json.location_city, 'Abu Dhabi');
    assert.equal(withCity.json.title, 'Trimmed title');
  });

  const nextYear = new Date().getUTCFullYear() + 1;
  const badIssues = [
    ['missing title', { title: undefined }, 'missing_field', 'title'],
    ['short title', { title: 'Hi' }, 'invalid_field', 'title'],
    ['over-long title', { title: 'T'.repeat(121) }, 'invalid_field', 'title'],
    ['title not text', { title: 12345 }, 'invalid_field', 'title'],
    ['missing description', { description: undefined }, 'missing_field', 'description'],
    ['over-long description', { description: 'D'.repeat(4001) }, 'invalid_field', 'description'],
    ['missing category', { category: undefined }, 'missing_field', 'category'],
    ['unknown category', { category: 'wheels' }, 'invalid_field', 'category'],
    ['unknown urgency', { urgency: 'asap' }, 'invalid_field', 'urgency'],
    ['missing car_make', { car_make: undefined }, 'missing_field', 'car_make'],
    ['over-long car_model', { car_model: 'M'.repeat(41) }, 'invalid_field', 'car_model'],
    ['missing car_year', { car_year: undefined }, 'missing_field', 'car_year'],
    ['car_year 1949', { car_year: 1949 }, 'invalid_field', 'car_year'],
    [`car_year ${nextYear + 1}`, { car_year: nextYear + 1 }, 'invalid_field', 'car_year'],
    ['car_year as text', { car_year: '2019' }, 'invalid_field', 'car_year'],
    ['car_year with a fraction', { car_year: 2019.5 }, 'invalid_field', 'car_year'],
    ['negative mileage', { car_mileage: -1 }, 'invalid_field', 'car_mileage'],
    ['huge mileage', { car_mileage: 2000001 }, 'invalid_field', 'car_mileage'],
    ['unknown budget_range', { budget_range: 'cheap' }, 'invalid_field', 'budget_range'],
    ['over-long location_city', { location_city: 'C'.repeat(61) }, 'invalid_field', 'location_city'],
  ];
  for (const [name, overrides, code, field] of badIssues) {
    it(`refuses an issue with ${name}`, async () => {
      const c = await signup(call);
      await post(c.token, {});
      assertError(await post(c.token, overrides), 400, code, field);
      assert.equal(await myIssueCount(call, c.token), 1, 'nothing was written');
    });
  }

  it('accepts the car_year bounds 1950 and next year', async () => {
    const c = await signup(call);
    assert.equal((await post(c.token, { car_year: 1950 })).status, 201);
    assert.equal((await post(c.token, { car_year: nextYear })).status, 201);
  });

  it('refuses posting by mechanics, admins and strangers', async () => {
    const m = await verifiedMechanic(call, admin);
    assertError(await post(m.token, {}), 403, 'forbidden');
    assertError(await post(admin, {}), 403, 'forbidden');
    assertError(await post(undefined, {}), 401, 'unauthorized');
    assertError(await post('0'.repeat(64), {}), 401, 'unauthorized');
    const feed = await call('GET', '/api/issues?limit=50&status=open', { token: admin });
    assert.ok(!feed.json.items.some((i) => i.customer_id === m.user.id));
  });

  it('lists my issues (any status) and the open feed, with filters', async () => {
    const c = await signup(call, { city: 'Ajman' });
    const a = (await post(c.token, { category: 'engine', urgency: 'low', budget_range: 'under_50' })).json;
    const b = (await post(c.token, { category: 'electrical', urgency: 'urgent', budget_range: 'above_500' })).json;
    await call('PATCH', `/api/issues/${b.id}`, { token: c.token, json: { status: 'closed' } });

    const mine = await call('GET', '/api/issues?mine=1', { token: c.token });
    assert.equal(mine.status, 200);
    assert.equal(mine.json.total, 2);
    assert.equal(mine.json.limit, 20);
    assert.equal(mine.json.offset, 0);
    assert.deepEqual(mine.json.items.map((i) => i.id), [b.id, a.id], 'newest first');
    // A car owner never sees other owners' issues, even without mine=1.
    const other = await signup(call);
    assert.equal((await call('GET', '/api/issues', { token: other.token })).json.total, 0);

    const m = await verifiedMechanic(call, admin);
    const feed = await call('GET', '/api/issues?city=AJMAN&limit=50', { token: m.token });
    assert.ok(feed.json.items.some((i) => i.id === a.id));
    assert.ok(!feed.json.items.some((i) => i.id === b.id), 'closed issues are not in the default feed');
    assert.ok(feed.json.items.every((i) => i.status === 'open'));
    const closed = await call('GET', '/api/issues?status=closed&limit=50', { token: m.token });
    assert.ok(closed.json.items.some((i) => i.id === b.id));
    const engine = await call('GET', '/api/issues?category=engine&urgency=low&budget_range=under_50&limit=50', { token: m.token });
    assert.ok(engine.json.items.some((i) => i.id === a.id));
    assert.ok(engine.json.items.every((i) => i.category === 'engine' && i.urgency === 'low' && i.budget_range === 'under_50'));
    const paged = await call('GET', '/api/issues?mine=1&limit=1&offset=1', { token: c.token });
    assert.equal(paged.json.items.length, 1);
    assert.equal(paged.json.items[0].id, a.id);
    assert.equal(paged.json.total, 2);
    const mechanicsOwn = await call('GET', '/api/issues?mine=1', { token: m.token });
    assert.equal(mechanicsOwn.json.total, 0);
  });

  const badFilters = [
    ['category=wheels', 'category'], ['urgency=asap', 'urgency'], ['budget_range=cheap', 'budget_range'],
    ['status=done', 'status'], ['limit=0', 'limit'], ['limit=51', 'limit'], ['limit=abc', 'limit'], ['limit=5x', 'limit'],
    ['offset=-1', 'offset'], ['offset=1.5', 'offset'], ['mine=yes', 'mine'], [`city=${'c'.repeat(61)}`, 'city'],
  ];
  for (const [query, field] of badFilters) {
    it(`refuses the list filter ${query.slice(0, 20)}`, async () => {
      const c = await signup(call);
      assertError(await call('GET', `/api/issues?${query}`, { token: c.token }), 400, 'invalid_query', field);
    });
  }

  it('reads an issue: owner, mechanics and admins yes; other car owners no', async () => {
    const owner = await signup(call);
    const issue = (await post(owner.token, {})).json;
    assert.equal((await call('GET', `/api/issues/${issue.id}`, { token: owner.token })).json.id, issue.id);
    assert.equal((await call('GET', `/api/issues/${issue.id}`, { token: admin })).status, 200);
    const m = await signup(call, { role: 'mechanic' });
    assert.equal((await call('GET', `/api/issues/${issue.id}`, { token: m.token })).status, 200);
    const stranger = await signup(call);
    assertError(await call('GET', `/api/issues/${issue.id}`, { token: stranger.token }), 403, 'forbidden');
    assertError(await call('GET', `/api/issues/${issue.id}`), 401, 'unauthorized');
    assertError(await call('GET', `/api/issues/${NO_SUCH_ID}`, { token: owner.token }), 404, 'not_found');
    assertError(await call('GET', '/api/issues/not-a-uuid', { token: owner.token }), 404, 'not_found');
    assertError(await call('GET', "/api/issues/1'%20OR%20'1'='1", { token: owner.token }), 404, 'not_found');
  });

  it('changes status only for the owner (and admins), along allowed moves', async () => {
    const owner = await signup(call);
    const issue = (await post(owner.token, {})).json;
    const stranger = await signup(call);
    const m = await verifiedMechanic(call, admin);
    for (const token of [stranger.token, m.token]) {
      assertError(await call('PATCH', `/api/issues/${issue.id}`, { token, json: { status: 'closed' } }), 403, 'forbidden');
    }
    assertError(await call('PATCH', `/api/issues/${issue.id}`, { json: { status: 'closed' } }), 401, 'unauthorized');
    assertError(await call('PATCH', `/api/issues/${issue.id}`, { token: owner.token, json: { status: 'done' } }), 400, 'invalid_field', 'status');
    assertError(await call('PATCH', `/api/issues/${issue.id}`, { token: owner.token, json: {} }), 400, 'missing_field', 'status');
    assertError(await call('PATCH', `/api/issues/${NO_SUCH_ID}`, { token: owner.token, json: { status: 'closed' } }), 404, 'not_found');
    assert.equal((await call('GET', `/api/issues/${issue.id}`, { token: owner.token })).json.status, 'open', 'unchanged');

    const inProgress = await call('PATCH', `/api/issues/${issue.id}`, { token: owner.token, json: { status: 'in_progress' } });
    assert.equal(inProgress.json.status, 'in_progress');
    const closed = await call('PATCH', `/api/issues/${issue.id}`, { token: admin, json: { status: 'closed' } });
    assert.equal(closed.json.status, 'closed');
    assertError(await call('PATCH', `/api/issues/${issue.id}`, { token: owner.token, json: { status: 'open' } }), 409, 'invalid_transition');
    assert.equal((await call('GET', `/api/issues/${issue.id}`, { token: owner.token })).json.status, 'closed');
  });

  it('deletes only for the owner or an admin', async () => {
    const owner = await signup(call);
    const one = (await post(owner.token, {})).json;
    const two = (await post(owner.token, {})).json;
    const stranger = await signup(call);
    const m = await verifiedMechanic(call, admin);
    assertError(await call('DELETE', `/api/issues/${one.id}`, { token: stranger.token }), 403, 'forbidden');
    assertError(await call('DELETE', `/api/issues/${one.id}`, { token: m.token }), 403, 'forbidden');
    assertError(await call('DELETE', `/api/issues/${one.id}`), 401, 'unauthorized');
    assert.equal(await myIssueCount(call, owner.token), 2, 'nothing was deleted');

    const del = await call('DELETE', `/api/issues/${one.id}`, { token: owner.token });
    assert.equal(del.status, 204);
    assert.equal(del.text, '');
    assertError(await call('GET', `/api/issues/${one.id}`, { token: owner.token }), 404, 'not_found');
    assertError(await call('DELETE', `/api/issues/${one.id}`, { token: owner.token }), 404, 'not_found');
    assert.equal((await call('DELETE', `/api/issues/${two.id}`, { token: admin })).status, 204);
    assert.equal(await myIssueCount(call, owner.token), 0);
    await assertStillServing(call);
  });
});
