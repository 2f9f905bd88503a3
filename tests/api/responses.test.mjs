// Mechanics' responses: only verified mechanics, once per issue, only while the issue is open.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, ADMIN } from './server.mjs';
import {
  apiClient, assertError, assertStillServing, signup, login, verifiedMechanic, validIssue, validResponse, NO_SUCH_ID,
} from './client.mjs';

describe('responses', () => {
  let server;
  let call;
  let admin;
  before(async () => {
    server = await startServer();
    call = apiClient(server.baseUrl);
    admin = await login(call, ADMIN.email, ADMIN.password);
  });
  after(() => server?.stop());

  async function newIssue() {
    const owner = await signup(call);
    const issue = (await call('POST', '/api/issues', { token: owner.token, json: validIssue() })).json;
    return { owner, issue };
  }
  async function responseCount(issueId, token) {
    const res = await call('GET', `/api/issues/${issueId}/responses`, { token });
    assert.equal(res.status, 200, res.text);
    return res.json.items.length;
  }
  function respond(issueId, token, overrides) {
    return call('POST', `/api/issues/${issueId}/responses`, { token, json: validResponse(overrides) });
  }

  it('lets a verified mechanic respond once; a second response is 409', async () => {
    const { owner, issue } = await newIssue();
    const m = await verifiedMechanic(call, admin);
    const first = await respond(issue.id, m.token);
    assert.equal(first.status, 201, first.text);
    assertError(await respond(issue.id, m.token, { initial_diagnosis: 'A different idea this time around.' }), 409, 'already_responded');
    assert.equal(await responseCount(issue.id, owner.token), 1);
    const items = (await call('GET', `/api/issues/${issue.id}/responses`, { token: owner.token })).json.items;
    assert.equal(items[0].initial_diagnosis, validResponse().initial_diagnosis, 'the first one stands');

    const m2 = await verifiedMechanic(call, admin);
    assert.equal((await respond(issue.id, m2.token, { confidence_level: undefined, needs_video_call: true })).status, 201);
    const both = (await call('GET', `/api/issues/${issue.id}/responses`, { token: m.token })).json.items;
    assert.deepEqual(both.map((r) => r.mechanic_id), [m.user.id, m2.user.id], 'oldest first');
    assert.equal(both[1].confidence_level, 'medium');
    assert.equal(both[1].needs_video_call, true);
  });

  it('refuses car owners, admins, unverified and rejected mechanics with 403', async () => {
    const { owner, issue } = await newIssue();
    assertError(await respond(issue.id, owner.token), 403, 'forbidden');
    assertError(await respond(issue.id, admin), 403, 'forbidden');
    const pending = await signup(call, { role: 'mechanic' });
    assertError(await respond(issue.id, pending.token), 403, 'forbidden');
    const rejected = await signup(call, { role: 'mechanic' });
    await call('POST', `/api/mechanics/${rejected.user.id}/verify`, { token: admin, json: { decision: 'rejected', reason: 'No trade license.' } });
    assertError(await respond(issue.id, rejected.token), 403, 'forbidden');
    assertError(await respond(issue.id, undefined), 401, 'unauthorized');
    assert.equal(await responseCount(issue.id, owner.token), 0, 'nothing was written');
    assert.equal((await call('GET', `/api/issues/${issue.id}`, { token: owner.token })).json.response_count, 0);
  });

  const badResponses = [
    ['missing diagnosis', { initial_diagnosis: undefined }, 'missing_field', 'initial_diagnosis'],
    ['short diagnosis', { initial_diagnosis: 'Pads.' }, 'invalid_field', 'initial_diagnosis'],
    ['over-long diagnosis', { initial_diagnosis: 'x'.repeat(4001) }, 'invalid_field', 'initial_diagnosis'],
    ['missing minimum cost', { estimated_cost_min: undefined }, 'missing_field', 'estimated_cost_min'],
    ['negative cost', { estimated_cost_min: -100 }, 'invalid_field', 'estimated_cost_min'],
    ['cost as text', { estimated_cost_max: '300' }, 'invalid_field', 'estimated_cost_max'],
    ['cost in fractions of a fils', { estimated_cost_max: 300.5 }, 'invalid_field', 'estimated_cost_max'],
    ['maximum below minimum', { estimated_cost_min: 50000, estimated_cost_max: 100 }, 'invalid_field', 'estimated_cost_max'],
    ['absurd cost', { estimated_cost_max: 100000001 }, 'invalid_field', 'estimated_cost_max'],
    ['over-long fix time', { estimated_fix_time: 'h'.repeat(61) }, 'invalid_field', 'estimated_fix_time'],
    ['unknown confidence', { confidence_level: 'certain' }, 'invalid_field', 'confidence_level'],
    ['needs_video_call not boolean', { needs_video_call: 'yes' }, 'invalid_field', 'needs_video_call'],
  ];
  for (const [name, overrides, code, field] of badResponses) {
    it(`refuses a response with ${name}`, async () => {
      const { owner, issue } = await newIssue();
      const m = await verifiedMechanic(call, admin);
      assertError(await respond(issue.id, m.token, overrides), 400, code, field);
      assert.equal(await responseCount(issue.id, owner.token), 0, 'nothing was written');
    });
  }

  it('refuses responses to resolved or closed issues and to missing ones', async () => {
    const { owner, issue } = await newIssue();
    const m = await verifiedMechanic(call, admin);
    await call('PATCH', `/api/issues/${issue.id}`, { token: owner.token, json: { status: 'in_progress' } });
    assert.equal((await respond(issue.id, m.token)).status, 201, 'in progress still takes responses');
    await call('PATCH', `/api/issues/${issue.id}`, { token: owner.token, json: { status: 'resolved' } });
    const m2 = await verifiedMechanic(call, admin);
    assertError(await respond(issue.id, m2.token), 409, 'issue_not_open');
    assert.equal(await responseCount(issue.id, owner.token), 1);
    assertError(await respond(NO_SUCH_ID, m2.token), 404, 'not_found');
    assertError(await respond('12345', m2.token), 404, 'not_found');
  });

  it('shows responses only to those who may read the issue', async () => {
    const { owner, issue } = await newIssue();
    const m = await verifiedMechanic(call, admin);
    await respond(issue.id, m.token);
    const stranger = await signup(call);
    assertError(await call('GET', `/api/issues/${issue.id}/responses`, { token: stranger.token }), 403, 'forbidden');
    assertError(await call('GET', `/api/issues/${issue.id}/responses`), 401, 'unauthorized');
    assertError(await call('GET', `/api/issues/${NO_SUCH_ID}/responses`, { token: owner.token }), 404, 'not_found');
    assert.equal(await responseCount(issue.id, admin), 1);

    // Deleting the issue takes its responses with it.
    assert.equal((await call('DELETE', `/api/issues/${issue.id}`, { token: owner.token })).status, 204);
    assertError(await call('GET', `/api/issues/${issue.id}/responses`, { token: owner.token }), 404, 'not_found');
    await assertStillServing(call);
  });
});
