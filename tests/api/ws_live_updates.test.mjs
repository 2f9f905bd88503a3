// Edits and conversation changes reach open sockets: message_edited after PATCH
// /api/messages/{id}, and conversation after a conversation is opened or engaged, each exactly as
// REST shows it to that reader (masked per viewer), to every connection of both participants.
import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { signup, chatPair, respondedIssue, sendMessage, allMessages } from './client.mjs';
import { socketSuite } from './ws_suite.mjs';

describe('live edits and conversation changes over /api/ws', () => {
  const suite = socketSuite();
  let server;
  let call;
  let admin;
  before(() => ({ server, call, admin } = suite));
  const { open } = suite;
  async function listItem(token, conversationId) {
    const res = await call('GET', '/api/conversations', { token });
    assert.equal(res.status, 200, res.text);
    return res.json.items.find((c) => c.id === conversationId);
  }

  it('sends message_edited to both participants, masked for each, after the message itself', async () => {
    const { owner, mechanic, conversation } = await chatPair(call, admin);
    const o1 = await open(owner.token);
    const o2 = await open(owner.token);
    const m = await open(mechanic.token);
    const stranger = await open((await signup(call)).token);

    const posted = await sendMessage(call, owner.token, conversation.id, 'The noise starts at 40 km/h.');
    assert.equal(posted.status, 201, posted.text);
    const edit = await call('PATCH', `/api/messages/${posted.json.id}`, {
      token: owner.token,
      json: { content: 'Call me on 050 123 4567 about the noise.' },
    });
    assert.equal(edit.status, 200, edit.text);

    const mine = (await allMessages(call, owner.token, conversation.id))[0];
    const theirs = (await allMessages(call, mechanic.token, conversation.id))[0];
    assert.notEqual(theirs.content, mine.content, 'the mechanic sees the number masked');
    for (const s of [o1, o2]) {
      const first = await s.next((f) => f.type === 'message' || f.type === 'message_edited');
      assert.equal(first.type, 'message', 'the message comes before its edit');
      const edited = await s.next('message_edited');
      assert.deepEqual(edited, { type: 'message_edited', message: mine });
      assert.ok(edited.message.edited_at);
    }
    await m.next('message');
    assert.deepEqual(await m.next('message_edited'), { type: 'message_edited', message: theirs });
    await stranger.sync();
    assert.deepEqual(stranger.pending((f) => f.type === 'message_edited' || f.type === 'message'), []);
  });

  it('a refused edit sends nothing', async () => {
    const { owner, mechanic, conversation } = await chatPair(call, admin);
    const m = await open(mechanic.token);
    const posted = await sendMessage(call, owner.token, conversation.id, 'Original text.');
    await m.next('message');
    const res = await call('PATCH', `/api/messages/${posted.json.id}`, { token: mechanic.token, json: { content: 'Not mine.' } });
    assert.equal(res.status, 403, res.text);
    const empty = await call('PATCH', `/api/messages/${posted.json.id}`, { token: owner.token, json: { content: '' } });
    assert.equal(empty.status, 400, empty.text);
    await new Promise((r) => setTimeout(r, 200));
    await m.sync();
    assert.deepEqual(m.pending('message_edited'), []);
  });

  it('sends conversation when one is opened and when the car owner engages, as GET /api/conversations lists it', async () => {
    const { owner, mechanic, issue } = await respondedIssue(call, admin);
    const o = await open(owner.token);
    const m = await open(mechanic.token);
    const stranger = await open((await signup(call)).token);

    const res = await call('POST', '/api/conversations', {
      token: owner.token,
      json: { issue_id: issue.id, mechanic_id: mechanic.user.id },
    });
    assert.equal(res.status, 201, res.text);
    const id = res.json.id;
    assert.deepEqual(await o.next('conversation'), { type: 'conversation', conversation: await listItem(owner.token, id) });
    assert.deepEqual(await m.next('conversation'), { type: 'conversation', conversation: await listItem(mechanic.token, id) });
    // They now hear of each other's presence.
    assert.equal((await o.next((f) => f.type === 'presence' && f.user_id === mechanic.user.id)).online, true);

    // Opening it again answers the existing one and sends nothing.
    const again = await call('POST', '/api/conversations', {
      token: owner.token,
      json: { issue_id: issue.id, mechanic_id: mechanic.user.id },
    });
    assert.equal(again.status, 200, again.text);

    await sendMessage(call, mechanic.token, id, 'Mail me at fix@garage.example');
    const engaged = await call('POST', `/api/conversations/${id}/engage`, { token: owner.token });
    assert.equal(engaged.status, 200, engaged.text);
    await o.next('message');
    const oc = await o.next('conversation');
    assert.ok(oc.conversation.engaged_at);
    assert.deepEqual(oc, { type: 'conversation', conversation: await listItem(owner.token, id) });
    await m.next('message');
    assert.deepEqual(await m.next('conversation'), { type: 'conversation', conversation: await listItem(mechanic.token, id) });
    await o.sync();
    assert.deepEqual(o.pending('conversation'), [], 'one frame per change');
    await stranger.sync();
    assert.deepEqual(stranger.pending('conversation'), []);
  });

  it('a refused engagement sends nothing', async () => {
    const { mechanic, conversation, owner } = await chatPair(call, admin);
    const o = await open(owner.token);
    // The hub handles a conversation's tasks in order: once a read frame sent now is relayed back,
    // the frame of the conversation's creation (if it raced this hello) has come too.
    const settle = async () => {
      o.send({ type: 'read', conversation_id: conversation.id, seq: 0 });
      await o.next('read');
    };
    await settle();
    o.inbox.length = 0;
    const res = await call('POST', `/api/conversations/${conversation.id}/engage`, { token: mechanic.token });
    assert.equal(res.status, 403, res.text);
    await settle();
    assert.deepEqual(o.pending('conversation'), []);
  });
});
