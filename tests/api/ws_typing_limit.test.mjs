// Typing frames are limited per connection: at most 5 a second are relayed, the rest dropped
// silently (no error frame), and another connection of the same user has its own allowance.
import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { chatPair } from './client.mjs';
import { socketSuite } from './ws_suite.mjs';

const LIMIT = 5;

describe('typing frames are rate-limited per connection', () => {
  const suite = socketSuite();
  let server;
  let call;
  let admin;
  before(() => ({ server, call, admin } = suite));
  const { open } = suite;

  // The hub handles a conversation's frames in order, so once a read frame sent after them is
  // relayed, every typing frame before it has been relayed or dropped.
  async function marker(from, to, conversationId) {
    from.send({ type: 'read', conversation_id: conversationId, seq: 0 });
    await to.next('read');
    await from.next('read');
  }

  it('relays 5 a second and drops the rest without an error', async () => {
    const { owner, mechanic, conversation } = await chatPair(call, admin);
    const o = await open(owner.token);
    const m = await open(mechanic.token);
    for (let i = 0; i < 40; i += 1) o.send({ type: 'typing', conversation_id: conversation.id, state: i % 2 === 0 });
    await marker(o, m, conversation.id);
    const relayed = m.pending('typing');
    assert.equal(relayed.length, LIMIT, JSON.stringify(relayed));
    assert.deepEqual(relayed.map((f) => f.state), [true, false, true, false, true], 'the first five, in order');
    assert.deepEqual(o.pending('error'), [], 'dropped silently');

    // A second tab has its own allowance; after a second the first one has again.
    const o2 = await open(owner.token);
    o2.send({ type: 'typing', conversation_id: conversation.id, state: true });
    await sleep(1100);
    o.send({ type: 'typing', conversation_id: conversation.id, state: false });
    await marker(o, m, conversation.id);
    assert.equal(m.pending('typing').length, LIMIT + 2);
    assert.equal(o.closed, null);
  });

  it('does not limit other frames', async () => {
    const { owner, mechanic, conversation } = await chatPair(call, admin);
    const o = await open(owner.token);
    const m = await open(mechanic.token);
    for (let i = 0; i < 20; i += 1) o.send({ type: 'read', conversation_id: conversation.id, seq: 0 });
    assert.equal((await m.take('read', 20)).length, 20);
  });
});
