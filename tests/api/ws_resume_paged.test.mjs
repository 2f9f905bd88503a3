// A resume far back (30,000 messages, about 16 MB of frames) is replayed page by page as the
// connection drains, so even a client that stops reading for a while is not closed for a full
// queue (1013): every message arrives once, in order, and live messages follow without a gap.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { startServer, ADMIN } from './server.mjs';
import { apiClient, login, chatPair, sendMessage } from './client.mjs';
import { connect, openSocket } from './ws_client.mjs';

const COUNT = 30_000;
const BODY = 'The engine knocks when cold and the idle hunts between 600 and 900 rpm. '.repeat(4); // ~290 chars

describe('paged resume', () => {
  let server;
  let call;
  let pair;
  before(async () => {
    server = await startServer({ env: { SALIK_MESSAGE_RATE_PER_MINUTE: '100000000' } });
    call = apiClient(server.baseUrl);
    const admin = await login(call, ADMIN.email, ADMIN.password);
    pair = await chatPair(call, admin);
    // 30,000 messages, sent over one socket in bursts of 1,000.
    const o = await connect(server.baseUrl, pair.owner.token);
    for (let start = 1; start <= COUNT; start += 1000) {
      const ids = [];
      for (let i = start; i < start + 1000; i += 1) ids.push(o.sendMessage(pair.conversation.id, `${i} ${BODY}`));
      const last = await o.reply(ids[ids.length - 1], 60_000);
      assert.equal(last.type, 'ack', JSON.stringify(last));
      o.inbox.length = 0;
    }
    await o.close();
  });
  after(async () => server?.stop());

  it('replays 30,000 messages to a client that pauses reading: all once, in order, connection open', { timeout: 120_000 }, async () => {
    const s = await openSocket(server.baseUrl);
    s.send({ type: 'hello', token: pair.mechanic.token, resume: { [pair.conversation.id]: 0 } });
    s.ws._socket.pause(); // a slow phone: nothing read for 2 s while the replay waits
    await sleep(2000);
    s.ws._socket.resume();
    await s.next('welcome');
    const frames = await s.take('message', COUNT, 60_000);
    assert.deepEqual(
      frames.map((f) => f.message.seq),
      Array.from({ length: COUNT }, (_, i) => i + 1),
    );
    assert.ok(frames.every((f, i) => f.message.content.startsWith(`${i + 1} `)));
    // Live messages follow without a gap or a repeat.
    const res = await sendMessage(call, pair.owner.token, pair.conversation.id, 'After the replay.');
    assert.equal(res.status, 201, res.text);
    assert.equal((await s.next('message')).message.seq, COUNT + 1);
    await s.sync();
    assert.deepEqual(s.pending('message'), []);
    assert.equal(s.closed, null);
    await s.close();
  });

  it('a live message during a long replay comes once, after everything before it', { timeout: 120_000 }, async () => {
    const s = await openSocket(server.baseUrl);
    s.send({ type: 'hello', token: pair.mechanic.token, resume: { [pair.conversation.id]: 1000 } });
    await s.next('welcome');
    const res = await sendMessage(call, pair.owner.token, pair.conversation.id, 'During the replay.');
    assert.equal(res.status, 201, res.text);
    const last = res.json.seq;
    const frames = await s.take('message', last - 1000, 60_000);
    assert.deepEqual(
      frames.map((f) => f.message.seq),
      Array.from({ length: last - 1000 }, (_, i) => 1001 + i),
    );
    await s.sync();
    assert.deepEqual(s.pending('message'), []);
    await s.close();
  });
});
