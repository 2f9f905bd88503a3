// Conversations: one car owner and one mechanic who responded, about one issue. Only those two
// open, list and read it; the car owner alone engages ("Share contact details").
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, ADMIN } from './server.mjs';
import {
  apiClient, assertError, assertStillServing, signup, login, verifiedMechanic, validIssue, validResponse,
  respondedIssue, chatPair, sendMessage, conversationCount, NO_SUCH_ID,
} from './client.mjs';

describe('conversations', () => {
  let server;
  let call;
  let admin;
  before(async () => {
    server = await startServer();
    call = apiClient(server.baseUrl);
    admin = await login(call, ADMIN.email, ADMIN.password);
  });
  after(() => server?.stop());

  function open(token, json) {
    return call('POST', '/api/conversations', { token, json });
  }

  it('lets the car owner open a chat with a mechanic who responded; opening again answers the same one', async () => {
    const { owner, mechanic, issue } = await respondedIssue(call, admin);
    const first = await open(owner.token, { issue_id: issue.id, mechanic_id: mechanic.user.id });
    assert.equal(first.status, 201, first.text);
    const c = first.json;
    assert.equal(c.issue_id, issue.id);
    assert.equal(c.issue_title, issue.title);
    assert.equal(c.customer_id, owner.user.id);
    assert.equal(c.customer_name, owner.user.full_name);
    assert.equal(c.mechanic_id, mechanic.user.id);
    assert.equal(c.mechanic_name, mechanic.user.full_name);
    assert.equal(c.status, 'active');
    assert.equal(c.last_seq, 0);
    assert.equal(c.last_message, '');
    assert.equal(c.last_message_at, null);
    assert.equal(c.engaged_at, null);
    assert.equal(c.unread, 0);

    const again = await open(owner.token, { issue_id: issue.id, mechanic_id: mechanic.user.id });
    assert.equal(again.status, 200, again.text);
    assert.equal(again.json.id, c.id);
    const byMechanic = await open(mechanic.token, { issue_id: issue.id });
    assert.equal(byMechanic.status, 200, byMechanic.text);
    assert.equal(byMechanic.json.id, c.id, 'one conversation per mechanic per issue');
    assert.equal(await conversationCount(call, owner.token), 1);
    assert.equal(await conversationCount(call, mechanic.token), 1);
  });

  it('lets a mechanic who responded open it first; the car owner then gets the same one', async () => {
    const { owner, mechanic, issue } = await respondedIssue(call, admin);
    const first = await open(mechanic.token, { issue_id: issue.id, mechanic_id: mechanic.user.id });
    assert.equal(first.status, 201, first.text);
    assert.equal(first.json.customer_id, owner.user.id);
    const byOwner = await open(owner.token, { issue_id: issue.id, mechanic_id: mechanic.user.id });
    assert.equal(byOwner.status, 200);
    assert.equal(byOwner.json.id, first.json.id);
  });

  it('keeps one conversation per mechanic: two responders are two conversations', async () => {
    const { owner, mechanic, issue } = await respondedIssue(call, admin);
    const m2 = await verifiedMechanic(call, admin);
    assert.equal((await call('POST', `/api/issues/${issue.id}/responses`, { token: m2.token, json: validResponse() })).status, 201);
    const a = await open(owner.token, { issue_id: issue.id, mechanic_id: mechanic.user.id });
    const b = await open(m2.token, { issue_id: issue.id });
    assert.equal(a.status, 201);
    assert.equal(b.status, 201);
    assert.notEqual(a.json.id, b.json.id);
    assert.equal(await conversationCount(call, owner.token), 2);
    assert.equal(await conversationCount(call, mechanic.token), 1);
    assertError(await call('GET', `/api/conversations/${b.json.id}`, { token: mechanic.token }), 403, 'forbidden');
  });

  it('refuses to open a chat for anyone but the owner and a mechanic who responded, and opens none', async () => {
    const { owner, mechanic, issue } = await respondedIssue(call, admin);
    const silent = await verifiedMechanic(call, admin); // never responded
    const otherOwner = await signup(call);
    const otherIssue = (await call('POST', '/api/issues', { token: otherOwner.token, json: validIssue() })).json;
    const pending = await signup(call, { role: 'mechanic' });

    assertError(await open(owner.token, { issue_id: issue.id, mechanic_id: silent.user.id }), 403, 'forbidden');
    assertError(await open(silent.token, { issue_id: issue.id }), 403, 'forbidden');
    assertError(await open(pending.token, { issue_id: issue.id }), 403, 'forbidden');
    assertError(await open(mechanic.token, { issue_id: otherIssue.id }), 403, 'forbidden');
    assertError(await open(mechanic.token, { issue_id: issue.id, mechanic_id: silent.user.id }), 403, 'forbidden');
    assertError(await open(otherOwner.token, { issue_id: issue.id, mechanic_id: mechanic.user.id }), 403, 'forbidden');
    assertError(await open(admin, { issue_id: issue.id, mechanic_id: mechanic.user.id }), 403, 'forbidden');
    assertError(await open(undefined, { issue_id: issue.id, mechanic_id: mechanic.user.id }), 401, 'unauthorized');

    assertError(await open(owner.token, { issue_id: NO_SUCH_ID, mechanic_id: mechanic.user.id }), 404, 'not_found');
    assertError(await open(owner.token, { issue_id: issue.id, mechanic_id: NO_SUCH_ID }), 404, 'not_found');
    assertError(await open(owner.token, { issue_id: issue.id, mechanic_id: otherOwner.user.id }), 404, 'not_found');
    assertError(await open(mechanic.token, { issue_id: NO_SUCH_ID }), 404, 'not_found');

    assertError(await open(owner.token, { mechanic_id: mechanic.user.id }), 400, 'missing_field', 'issue_id');
    assertError(await open(owner.token, { issue_id: issue.id }), 400, 'missing_field', 'mechanic_id');
    assertError(await open(owner.token, { issue_id: 'issue-1', mechanic_id: mechanic.user.id }), 400, 'invalid_field', 'issue_id');
    assertError(await open(owner.token, { issue_id: issue.id, mechanic_id: 42 }), 400, 'invalid_field', 'mechanic_id');
    assertError(await open(owner.token, [issue.id]), 400, 'invalid_body');
    assertError(await call('POST', '/api/conversations', { token: owner.token, body: '{"issue_id":', headers: { 'content-type': 'application/json' } }), 400, 'invalid_json');
    assertError(await call('POST', '/api/conversations', { token: owner.token, body: 'issue_id=1', headers: { 'content-type': 'text/plain' } }), 415, 'unsupported_media_type');

    for (const user of [owner, mechanic, silent, otherOwner, pending]) {
      assert.equal(await conversationCount(call, user.token), 0, 'nothing was opened');
    }
    await assertStillServing(call);
  });

  it('shows a conversation to its two participants only', async () => {
    const { owner, mechanic, conversation } = await chatPair(call, admin);
    for (const token of [owner.token, mechanic.token]) {
      const res = await call('GET', `/api/conversations/${conversation.id}`, { token });
      assert.equal(res.status, 200, res.text);
      assert.equal(res.json.id, conversation.id);
    }
    const stranger = await signup(call);
    const otherMechanic = await verifiedMechanic(call, admin);
    assertError(await call('GET', `/api/conversations/${conversation.id}`, { token: stranger.token }), 403, 'forbidden');
    assertError(await call('GET', `/api/conversations/${conversation.id}`, { token: otherMechanic.token }), 403, 'forbidden');
    assertError(await call('GET', `/api/conversations/${conversation.id}`, { token: admin }), 403, 'forbidden');
    assertError(await call('GET', `/api/conversations/${conversation.id}`), 401, 'unauthorized');
    assertError(await call('GET', `/api/conversations/${NO_SUCH_ID}`, { token: owner.token }), 404, 'not_found');
    assertError(await call('GET', '/api/conversations/not-a-uuid', { token: owner.token }), 404, 'not_found');
    assert.equal(await conversationCount(call, stranger.token), 0);
    assert.deepEqual((await call('GET', '/api/conversations', { token: admin })).json.items, [], 'admins have no chats');
  });

  it('lists mine with unread counts and the last message masked for me, most recent activity first', async () => {
    const { owner, mechanic, issue, conversation: older } = await chatPair(call, admin);
    const m2 = await verifiedMechanic(call, admin);
    await call('POST', `/api/issues/${issue.id}/responses`, { token: m2.token, json: validResponse() });
    const newer = (await open(owner.token, { issue_id: issue.id, mechanic_id: m2.user.id })).json;

    const text = 'Call me on 050 123 4567 or write to sami@garage.ae';
    assert.equal((await sendMessage(call, mechanic.token, older.id, 'Hello, I can look at it today.')).status, 201);
    assert.equal((await sendMessage(call, mechanic.token, older.id, text)).status, 201);

    const ownerList = (await call('GET', '/api/conversations', { token: owner.token })).json.items;
    assert.deepEqual(ownerList.map((c) => c.id), [older.id, newer.id], 'the one with the newest message first');
    const forOwner = ownerList[0];
    assert.equal(forOwner.unread, 2);
    assert.equal(forOwner.last_seq, 2);
    assert.ok(forOwner.last_message_at);
    assert.doesNotMatch(forOwner.last_message, /050 123 4567|sami@garage\.ae/, 'masked for the car owner');
    assert.match(forOwner.last_message, /\[phone hidden\]/);
    assert.match(forOwner.last_message, /\[email hidden\]/);
    assert.equal(ownerList[1].unread, 0);

    const forMechanic = (await call('GET', '/api/conversations', { token: mechanic.token })).json.items[0];
    assert.equal(forMechanic.last_message, text, 'the sender sees their own text');
    assert.equal(forMechanic.unread, 0, 'their own messages are read');
    const one = (await call('GET', `/api/conversations/${older.id}`, { token: owner.token })).json;
    assert.equal(one.last_message, forOwner.last_message, 'the single read masks the same way');
    assert.equal(one.unread, 2);

    // A reply moves the car owner's read mark, and the mechanic now has one unread.
    assert.equal((await sendMessage(call, owner.token, older.id, 'Thanks, mine is 055 765 4321.')).status, 201);
    const ownerNow = (await call('GET', `/api/conversations/${older.id}`, { token: owner.token })).json;
    assert.equal(ownerNow.unread, 0);
    assert.equal(ownerNow.last_message, 'Thanks, mine is 055 765 4321.');
    const mechanicNow = (await call('GET', `/api/conversations/${older.id}`, { token: mechanic.token })).json;
    assert.equal(mechanicNow.unread, 1);
    assert.equal(mechanicNow.last_message, 'Thanks, mine is [phone hidden].');

    // Once engaged, nothing is masked.
    assert.equal((await call('POST', `/api/conversations/${older.id}/engage`, { token: owner.token })).status, 200);
    const engaged = (await call('GET', '/api/conversations', { token: mechanic.token })).json.items[0];
    assert.equal(engaged.last_message, 'Thanks, mine is 055 765 4321.');
  });

  it('lets only the car owner engage, once; a refusal changes nothing', async () => {
    const { owner, mechanic, conversation } = await chatPair(call, admin);
    const engage = (token) => call('POST', `/api/conversations/${conversation.id}/engage`, { token });
    const stranger = await signup(call);
    assertError(await engage(mechanic.token), 403, 'forbidden');
    assertError(await engage(admin), 403, 'forbidden');
    assertError(await engage(stranger.token), 403, 'forbidden');
    assertError(await engage(undefined), 401, 'unauthorized');
    assertError(await call('POST', `/api/conversations/${NO_SUCH_ID}/engage`, { token: owner.token }), 404, 'not_found');
    assert.equal((await call('GET', `/api/conversations/${conversation.id}`, { token: owner.token })).json.engaged_at, null);

    const first = await engage(owner.token);
    assert.equal(first.status, 200, first.text);
    assert.equal(first.json.id, conversation.id);
    assert.match(first.json.engaged_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    const second = await engage(owner.token);
    assert.equal(second.status, 200);
    assert.equal(second.json.engaged_at, first.json.engaged_at, 'the first engagement stands');
    const seen = (await call('GET', `/api/conversations/${conversation.id}`, { token: mechanic.token })).json;
    assert.equal(seen.engaged_at, first.json.engaged_at);
  });
});
