// Chat messages over REST: sending (idempotent by client_id, 60 a minute per user), pages of
// history, masking until the car owner engages, and the sender's edit within the window.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, ADMIN } from './server.mjs';
import {
  apiClient, assertError, assertStillServing, signup, login, verifiedMechanic, chatPair, sendMessage, allMessages,
  NO_SUCH_ID,
} from './client.mjs';

const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

describe('messages', () => {
  let server;
  let call;
  let admin;
  before(async () => {
    server = await startServer();
    call = apiClient(server.baseUrl);
    admin = await login(call, ADMIN.email, ADMIN.password);
  });
  after(() => server?.stop());

  function page(token, conversationId, query = '') {
    return call('GET', `/api/conversations/${conversationId}/messages${query}`, { token });
  }
  function edit(token, messageId, json) {
    return call('PATCH', `/api/messages/${messageId}`, { token, json });
  }

  it('lets both participants send, and both read the history newest first', async () => {
    const { owner, mechanic, conversation } = await chatPair(call, admin);
    const first = await sendMessage(call, owner.token, conversation.id, 'Hello, the brakes grind at low speed.', 'c-1');
    assert.equal(first.status, 201, first.text);
    const m = first.json;
    assert.equal(m.conversation_id, conversation.id);
    assert.equal(m.seq, 1);
    assert.equal(m.sender_id, owner.user.id);
    assert.equal(m.client_id, 'c-1');
    assert.equal(m.content, 'Hello, the brakes grind at low speed.');
    assert.equal(m.message_type, 'text');
    assert.match(m.created_at, ISO);
    assert.equal(m.edited_at, null);

    const reply = await sendMessage(call, mechanic.token, conversation.id, 'Sounds like the pads. Any warning light?');
    assert.equal(reply.status, 201, reply.text);
    assert.equal(reply.json.seq, 2);
    assert.equal(reply.json.sender_id, mechanic.user.id);

    for (const token of [owner.token, mechanic.token]) {
      const res = await page(token, conversation.id);
      assert.equal(res.status, 200, res.text);
      assert.deepEqual(res.json.items.map((x) => x.seq), [2, 1]);
      assert.deepEqual(res.json.items[1], m);
      assert.equal(res.json.has_more, false);
    }
    const text = 'é'.repeat(4000); // a limit in characters, not bytes
    assert.equal((await sendMessage(call, mechanic.token, conversation.id, text)).status, 201);
  });

  it('stores a resent client_id once and answers the original', async () => {
    const { owner, mechanic, conversation } = await chatPair(call, admin);
    const first = await sendMessage(call, owner.token, conversation.id, 'Is tomorrow fine?', 'resend-1');
    assert.equal(first.status, 201);
    const again = await sendMessage(call, owner.token, conversation.id, 'Is tomorrow fine?', 'resend-1');
    assert.equal(again.status, 200, again.text);
    assert.deepEqual(again.json, first.json);
    const changed = await sendMessage(call, owner.token, conversation.id, 'A different text, same id', 'resend-1');
    assert.equal(changed.status, 200);
    assert.equal(changed.json.content, 'Is tomorrow fine?', 'the stored message stands');
    assert.equal((await allMessages(call, owner.token, conversation.id)).length, 1, 'nothing new was stored');

    // The id is the sender's own: the other participant may happen to use the same one.
    const theirs = await sendMessage(call, mechanic.token, conversation.id, 'Yes, 10am.', 'resend-1');
    assert.equal(theirs.status, 201);
    assert.equal(theirs.json.seq, 2);
    const conv = (await call('GET', `/api/conversations/${conversation.id}`, { token: owner.token })).json;
    assert.equal(conv.last_seq, 2);
  });

  const badMessages = [
    ['no content', { client_id: 'x-1' }, 'missing_field', 'content'],
    ['empty content', { client_id: 'x-1', content: '' }, 'missing_field', 'content'],
    ['blank content', { client_id: 'x-1', content: ' \n\t ' }, 'missing_field', 'content'],
    ['content over 4000 characters', { client_id: 'x-1', content: 'a'.repeat(4001) }, 'invalid_field', 'content'],
    ['content that is not text', { client_id: 'x-1', content: 42 }, 'invalid_field', 'content'],
    ['no client_id', { content: 'Hello there' }, 'missing_field', 'client_id'],
    ['empty client_id', { client_id: '', content: 'Hello there' }, 'missing_field', 'client_id'],
    ['client_id over 64 characters', { client_id: 'k'.repeat(65), content: 'Hello there' }, 'invalid_field', 'client_id'],
    ['client_id with spaces', { client_id: 'my id', content: 'Hello there' }, 'invalid_field', 'client_id'],
    ['client_id that is not text', { client_id: 7, content: 'Hello there' }, 'invalid_field', 'client_id'],
  ];
  for (const [name, json, code, field] of badMessages) {
    it(`refuses a message with ${name}, storing nothing`, async () => {
      const { owner, conversation } = await chatPair(call, admin);
      const res = await call('POST', `/api/conversations/${conversation.id}/messages`, { token: owner.token, json });
      assertError(res, 400, code, field);
      assert.equal((await allMessages(call, owner.token, conversation.id)).length, 0, 'nothing was written');
    });
  }

  it('refuses malformed bodies and non-participants, admins included, storing nothing', async () => {
    const { owner, mechanic, conversation } = await chatPair(call, admin);
    const post = (token, opts) => call('POST', `/api/conversations/${conversation.id}/messages`, { token, ...opts });
    assertError(await post(owner.token, { json: ['hello'] }), 400, 'invalid_body');
    assertError(await post(owner.token, { body: '{"content":', headers: { 'content-type': 'application/json' } }), 400, 'invalid_json');
    assertError(await post(owner.token, { body: 'hello', headers: { 'content-type': 'text/plain' } }), 415, 'unsupported_media_type');

    const stranger = await signup(call);
    const otherMechanic = await verifiedMechanic(call, admin);
    assertError(await sendMessage(call, stranger.token, conversation.id, 'Let me in'), 403, 'forbidden');
    assertError(await sendMessage(call, otherMechanic.token, conversation.id, 'Cheaper offer here'), 403, 'forbidden');
    assertError(await sendMessage(call, admin, conversation.id, 'Admin speaking'), 403, 'forbidden');
    assertError(await sendMessage(call, undefined, conversation.id, 'Anyone?'), 401, 'unauthorized');
    assertError(await sendMessage(call, owner.token, NO_SUCH_ID, 'Where is this?'), 404, 'not_found');
    assertError(await sendMessage(call, owner.token, 'nope', 'Where is this?'), 404, 'not_found');
    for (const token of [owner.token, mechanic.token]) {
      assert.equal((await allMessages(call, token, conversation.id)).length, 0, 'nothing was written');
      assert.equal((await call('GET', `/api/conversations/${conversation.id}`, { token })).json.last_seq, 0);
    }
    await assertStillServing(call);
  });

  it('shows the history only to the two participants, never to admins', async () => {
    const { owner, conversation } = await chatPair(call, admin);
    await sendMessage(call, owner.token, conversation.id, 'Private words');
    const stranger = await signup(call);
    const otherMechanic = await verifiedMechanic(call, admin);
    assertError(await page(stranger.token, conversation.id), 403, 'forbidden');
    assertError(await page(otherMechanic.token, conversation.id), 403, 'forbidden');
    assertError(await page(admin, conversation.id), 403, 'forbidden');
    assertError(await page(undefined, conversation.id), 401, 'unauthorized');
    assertError(await page(owner.token, NO_SUCH_ID), 404, 'not_found');
  });

  it('pages with before and limit, newest first, and says when more remain', async () => {
    const { owner, mechanic, conversation } = await chatPair(call, admin);
    for (let i = 1; i <= 7; i += 1) {
      const token = i % 2 ? owner.token : mechanic.token;
      assert.equal((await sendMessage(call, token, conversation.id, `message ${i}`)).status, 201);
    }
    const seqs = (res) => res.json.items.map((m) => m.seq);
    let res = await page(owner.token, conversation.id, '?limit=3');
    assert.deepEqual(seqs(res), [7, 6, 5]);
    assert.equal(res.json.has_more, true);
    res = await page(owner.token, conversation.id, '?before=5&limit=3');
    assert.deepEqual(seqs(res), [4, 3, 2]);
    assert.equal(res.json.has_more, true);
    res = await page(owner.token, conversation.id, '?before=2&limit=3');
    assert.deepEqual(seqs(res), [1]);
    assert.equal(res.json.has_more, false);
    res = await page(owner.token, conversation.id, '?before=8&limit=7');
    assert.deepEqual(seqs(res), [7, 6, 5, 4, 3, 2, 1]);
    assert.equal(res.json.has_more, false, 'exactly all of them: nothing more');
    res = await page(owner.token, conversation.id, '?before=1');
    assert.deepEqual(res.json, { items: [], has_more: false });
    assert.equal((await page(owner.token, conversation.id, '?limit=100')).json.items.length, 7);
    assert.equal((await page(owner.token, conversation.id, '?limit=1')).json.items[0].content, 'message 7');

    for (const [query, field] of [['?limit=0', 'limit'], ['?limit=101', 'limit'], ['?limit=ten', 'limit'],
      ['?limit=2.5', 'limit'], ['?before=0', 'before'], ['?before=-3', 'before'], ['?before=abc', 'before']]) {
      assertError(await page(owner.token, conversation.id, query), 400, 'invalid_query', field);
    }
  });

  it('answers 50 by default', async () => {
    const { owner, mechanic, conversation } = await chatPair(call, admin);
    // Two senders, so neither comes near the 60-a-minute limit.
    for (let i = 0; i < 52; i += 1) {
      const token = i % 2 ? owner.token : mechanic.token;
      assert.equal((await sendMessage(call, token, conversation.id, `n${i}`)).status, 201);
    }
    const res = await page(mechanic.token, conversation.id);
    assert.equal(res.json.items.length, 50);
    assert.equal(res.json.items[0].seq, 52);
    assert.equal(res.json.has_more, true);
    assert.equal((await allMessages(call, owner.token, conversation.id)).length, 52);
  });

  it("masks the other party's contact details until the car owner engages, then nothing", async () => {
    const { owner, mechanic, conversation } = await chatPair(call, admin);
    const fromMechanic = 'Reach me at sami.k@garage.ae, +971 50 123 4567 or https://garage.example.com/book';
    const fromOwner = 'My number is 055-765-4321, and www.mycar.ae has photos';
    const sent = await sendMessage(call, mechanic.token, conversation.id, fromMechanic);
    assert.equal(sent.json.content, fromMechanic, 'the sender sees their own text in the answer');
    await sendMessage(call, owner.token, conversation.id, fromOwner);

    const [ownerSees1, ownerSees0] = (await page(owner.token, conversation.id)).json.items;
    assert.equal(ownerSees1.content, fromOwner, 'own text is never masked');
    assert.doesNotMatch(ownerSees0.content, /sami\.k@garage\.ae|123 4567|garage\.example\.com/);
    assert.match(ownerSees0.content, /\[email hidden\]/);
    assert.match(ownerSees0.content, /\[phone hidden\]/);
    assert.match(ownerSees0.content, /\[link hidden\]/);
    const [mechanicSees1, mechanicSees0] = (await page(mechanic.token, conversation.id)).json.items;
    assert.equal(mechanicSees0.content, fromMechanic);
    assert.doesNotMatch(mechanicSees1.content, /765-4321|www\.mycar\.ae/);
    assert.match(mechanicSees1.content, /\[phone hidden\]/);
    assert.match(mechanicSees1.content, /\[link hidden\]/);
    // A price is not a phone number.
    await sendMessage(call, mechanic.token, conversation.id, 'Pads cost AED 1,250 fitted.');
    assert.equal((await page(owner.token, conversation.id, '?limit=1')).json.items[0].content, 'Pads cost AED 1,250 fitted.');

    const engaged = await call('POST', `/api/conversations/${conversation.id}/engage`, { token: owner.token });
    assert.equal(engaged.status, 200, engaged.text);
    const afterEngaging = (await page(owner.token, conversation.id)).json.items;
    assert.equal(afterEngaging[2].content, fromMechanic, 'earlier messages too, once engaged');
    assert.equal((await page(mechanic.token, conversation.id)).json.items[1].content, fromOwner, 'in both directions');
    const later = 'Mine again: 055-765-4321';
    await sendMessage(call, owner.token, conversation.id, later);
    assert.equal((await page(mechanic.token, conversation.id, '?limit=1')).json.items[0].content, later);
  });

  it("lets the sender edit within the window; refuses everybody else and bad content, changing nothing", async () => {
    const { owner, mechanic, conversation } = await chatPair(call, admin);
    const original = (await sendMessage(call, owner.token, conversation.id, 'See you at 10')).json;
    const content = async () => (await allMessages(call, owner.token, conversation.id))[0];

    const stranger = await signup(call);
    assertError(await edit(mechanic.token, original.id, { content: 'Hijacked' }), 403, 'forbidden');
    assertError(await edit(admin, original.id, { content: 'Moderated' }), 403, 'forbidden');
    assertError(await edit(stranger.token, original.id, { content: 'Hijacked' }), 403, 'forbidden');
    assertError(await edit(undefined, original.id, { content: 'Hijacked' }), 401, 'unauthorized');
    assertError(await edit(owner.token, NO_SUCH_ID, { content: 'Lost' }), 404, 'not_found');
    assertError(await edit(owner.token, original.id, { content: '   ' }), 400, 'missing_field', 'content');
    assertError(await edit(owner.token, original.id, {}), 400, 'missing_field', 'content');
    assertError(await edit(owner.token, original.id, { content: 'x'.repeat(4001) }), 400, 'invalid_field', 'content');
    assertError(await edit(owner.token, original.id, { content: ['See you'] }), 400, 'invalid_field', 'content');
    assertError(await edit(owner.token, original.id, 'See you at 11'), 400, 'invalid_body');
    const unchanged = await content();
    assert.equal(unchanged.content, 'See you at 10', 'nothing was written');
    assert.equal(unchanged.edited_at, null);

    const res = await edit(owner.token, original.id, { content: 'See you at 11 instead' });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.json.id, original.id);
    assert.equal(res.json.seq, original.seq);
    assert.equal(res.json.content, 'See you at 11 instead');
    assert.match(res.json.edited_at, ISO);
    assert.equal(res.json.created_at, original.created_at);
    const seen = (await page(mechanic.token, conversation.id)).json.items[0];
    assert.equal(seen.content, 'See you at 11 instead');
    assert.equal(seen.edited_at, res.json.edited_at);
  });

  it('allows 60 messages a minute per user; the 61st is 429 with Retry-After and is not stored', async () => {
    const { owner, mechanic, conversation } = await chatPair(call, admin);
    // Refused messages do not use up the minute.
    assertError(await sendMessage(call, owner.token, conversation.id, ''), 400, 'missing_field', 'content');
    for (let i = 1; i <= 60; i += 1) {
      const res = await sendMessage(call, owner.token, conversation.id, `quick ${i}`);
      assert.equal(res.status, 201, `message ${i}: ${res.text}`);
    }
    const limited = await sendMessage(call, owner.token, conversation.id, 'one too many');
    assertError(limited, 429, 'rate_limited');
    const retry = Number(limited.headers.get('retry-after'));
    assert.ok(Number.isInteger(retry) && retry >= 1 && retry <= 60, `Retry-After ${retry}`);
    assert.equal((await allMessages(call, owner.token, conversation.id)).length, 60, 'the 61st was not stored');
    // The limit is per user: the mechanic can still answer.
    assert.equal((await sendMessage(call, mechanic.token, conversation.id, 'Slow down please')).status, 201);
  });
});

describe('messages: the edit window', () => {
  let server;
  let call;
  before(async () => {
    server = await startServer({ env: { SALIK_EDIT_WINDOW_SECONDS: '1' } });
    call = apiClient(server.baseUrl);
  });
  after(() => server?.stop());

  it('refuses an edit once the window has passed with 409 edit_window_closed, changing nothing', async () => {
    const admin = await login(call, ADMIN.email, ADMIN.password);
    const { owner, conversation } = await chatPair(call, admin);
    const sent = (await sendMessage(call, owner.token, conversation.id, 'Typo in thsi one')).json;
    await new Promise((r) => setTimeout(r, 1300));
    const res = await call('PATCH', `/api/messages/${sent.id}`, { token: owner.token, json: { content: 'Typo in this one' } });
    assertError(res, 409, 'edit_window_closed');
    const [stored] = await allMessages(call, owner.token, conversation.id);
    assert.equal(stored.content, 'Typo in thsi one');
    assert.equal(stored.edited_at, null);
  });

  it('refuses to start with a window longer than 15 minutes', async () => {
    await assert.rejects(startServer({ env: { SALIK_EDIT_WINDOW_SECONDS: '901' } }), /SALIK_EDIT_WINDOW_SECONDS/);
  });
});
