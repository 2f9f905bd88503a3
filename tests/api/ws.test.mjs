// The realtime protocol at /api/ws against the real server: hello and resume, acks and fan-out,
// seq without gaps, idempotent resends, typing, read marks, presence, every refusal, the Origin
// check, and kill -9 in the middle of a burst of messages.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { startServer, ADMIN } from './server.mjs';
import { apiClient, assertError, login, chatPair, sendMessage, allMessages, NO_SUCH_ID } from './client.mjs';
import { openSocket, connect } from './ws_client.mjs';
import { socketSuite } from './ws_suite.mjs';

const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;
const seqs = (frames) => frames.map((f) => f.message.seq);
const range = (from, to) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('realtime chat at /api/ws', () => {
  const suite = socketSuite();
  let server;
  let call;
  let admin;
  before(() => ({ server, call, admin } = suite));
  const { open, raw } = suite;

  async function stored(token, conversationId) {
    return (await allMessages(call, token, conversationId)).reverse(); // oldest first
  }

  it('answers hello with welcome, then the presence of each counterpart', async () => {
    const { owner, mechanic } = await chatPair(call, admin);
    const s = await open(owner.token);
    assert.equal(s.welcome.user_id, owner.user.id);
    assert.match(s.welcome.server_time, ISO);
    const p = await s.next('presence');
    assert.deepEqual(p, { type: 'presence', user_id: mechanic.user.id, online: false, last_seen: null });
    await s.sync();
  });

  it('carries messages both ways: an ack to the sender, a message to every connection of both', async () => {
    const { owner, mechanic, conversation } = await chatPair(call, admin);
    const o = await open(owner.token);
    const m = await open(mechanic.token);

    const id1 = o.sendMessage(conversation.id, 'The brakes grind when I stop.');
    const ack = await o.reply(id1);
    assert.equal(ack.type, 'ack', JSON.stringify(ack));
    const msg = ack.message;
    assert.equal(msg.conversation_id, conversation.id);
    assert.equal(msg.seq, 1);
    assert.equal(msg.sender_id, owner.user.id);
    assert.equal(msg.client_id, id1);
    assert.equal(msg.content, 'The brakes grind when I stop.');
    assert.match(msg.id, /^[0-9a-f-]{36}$/);
    assert.match(msg.created_at, ISO);
    assert.deepEqual((await m.next('message')).message, msg);
    assert.deepEqual((await o.next('message')).message, msg, "the sender's own connection gets it too");

    const id2 = m.sendMessage(conversation.id, 'Sounds like worn pads.');
    const ack2 = await m.reply(id2);
    assert.equal(ack2.type, 'ack');
    assert.equal(ack2.message.seq, 2);
    assert.equal(ack2.message.sender_id, mechanic.user.id);
    assert.deepEqual((await o.next('message')).message, ack2.message);
    assert.deepEqual((await m.next('message')).message, ack2.message);

    const history = await stored(owner.token, conversation.id);
    assert.deepEqual(history, [msg, ack2.message], 'what was acked is what is stored');
  });

  it('numbers messages 1, 2, 3… with no gaps and delivers each once, in order', async () => {
    const { owner, mechanic, conversation } = await chatPair(call, admin);
    const o = await open(owner.token);
    const m = await open(mechanic.token);
    const watcher = await open(owner.token); // a second tab
    const n = 15;
    const ids = [];
    for (let i = 0; i < n; i += 1) {
      ids.push(o.sendMessage(conversation.id, `owner ${i}`));
      ids.push(m.sendMessage(conversation.id, `mechanic ${i}`));
    }
    const acks = [];
    for (const [i, id] of ids.entries()) acks.push(await (i % 2 ? m : o).reply(id));
    assert.ok(acks.every((a) => a.type === 'ack'), JSON.stringify(acks.filter((a) => a.type !== 'ack')));
    assert.deepEqual(acks.map((a) => a.message.seq).sort((a, b) => a - b), range(1, 2 * n));
    for (const s of [o, m, watcher]) {
      assert.deepEqual(seqs(await s.take('message', 2 * n)), range(1, 2 * n));
      await s.sync();
      assert.equal(s.pending('message').length, 0, 'nothing twice');
    }
    // Each sender's own messages keep the order they were sent in.
    const ownerSeqs = acks.filter((_, i) => i % 2 === 0).map((a) => a.message.seq);
    assert.deepEqual(ownerSeqs, [...ownerSeqs].sort((a, b) => a - b));
  });

  it('acks a resent client_id with the original message and stores it once', async () => {
    const { owner, mechanic, conversation } = await chatPair(call, admin);
    const o = await open(owner.token);
    const m = await open(mechanic.token);
    const id = o.sendMessage(conversation.id, 'Can you come tomorrow?');
    const first = await o.reply(id);
    await m.next('message');
    o.sendMessage(conversation.id, 'Can you come tomorrow? (resent, other text)', id);
    const again = await o.reply(id);
    assert.equal(again.type, 'ack');
    assert.deepEqual(again.message, first.message);
    // The same id sent twice back to back, before either is stored, is still one message.
    const twice = randomUUID();
    o.sendMessage(conversation.id, 'twice', twice);
    o.sendMessage(conversation.id, 'twice', twice);
    const [a, b] = [await o.reply(twice), await o.reply(twice)];
    assert.deepEqual(a.message, b.message);
    assert.equal(a.message.seq, 2);
    // A resend over WebSocket of a message first posted over REST answers the REST one.
    const rest = await sendMessage(call, owner.token, conversation.id, 'posted over REST', 'rest-then-ws');
    assert.equal(rest.status, 201, rest.text);
    o.sendMessage(conversation.id, 'posted over REST', 'rest-then-ws');
    assert.deepEqual((await o.reply('rest-then-ws')).message, rest.json);

    assert.deepEqual(seqs(await m.take('message', 2)), [2, 3]);
    await m.sync();
    assert.equal(m.pending('message').length, 0, 'resends are not broadcast again');
    assert.deepEqual((await stored(owner.token, conversation.id)).map((x) => x.client_id), [id, twice, 'rest-then-ws']);
  });

  it('replays exactly the missed messages, in order, after a reconnect', async () => {
    const { owner, mechanic, conversation } = await chatPair(call, admin);
    const o = await open(owner.token);
    let m = await open(mechanic.token);
    for (let i = 1; i <= 3; i += 1) await o.reply(o.sendMessage(conversation.id, `before ${i}`));
    assert.deepEqual(seqs(await m.take('message', 3)), [1, 2, 3]);
    await m.terminate(); // the network drops

    for (let i = 4; i <= 7; i += 1) await o.reply(o.sendMessage(conversation.id, `while away ${i}`));
    m = await open(mechanic.token, { [conversation.id]: 3 });
    const replayed = await m.take('message', 4);
    assert.deepEqual(seqs(replayed), [4, 5, 6, 7]);
    assert.deepEqual(replayed.map((f) => f.message.content), ['while away 4', 'while away 5', 'while away 6', 'while away 7']);
    // Live messages carry on from there: the next message frame is 8, nothing repeated.
    await o.reply(o.sendMessage(conversation.id, 'back again'));
    assert.equal((await m.next('message')).message.seq, 8);

    const all = await open(mechanic.token, { [conversation.id]: 0 });
    assert.deepEqual(seqs(await all.take('message', 8)), range(1, 8));
    const upToDate = await open(mechanic.token, { [conversation.id]: 8 });
    await o.reply(o.sendMessage(conversation.id, 'nine'));
    assert.equal((await upToDate.next('message')).message.seq, 9, 'nothing replayed when up to date');
  });

  it('relays typing to the other party only', async () => {
    const { owner, mechanic, conversation } = await chatPair(call, admin);
    const o = await open(owner.token);
    const o2 = await open(owner.token);
    const m = await open(mechanic.token);
    o.send({ type: 'typing', conversation_id: conversation.id, state: true });
    assert.deepEqual(await m.next('typing'), {
      type: 'typing', conversation_id: conversation.id, user_id: owner.user.id, state: true,
    });
    o.send({ type: 'typing', conversation_id: conversation.id, state: false });
    assert.equal((await m.next('typing')).state, false);
    await Promise.all([o.sync(), o2.sync()]);
    assert.equal(o.pending('typing').length + o2.pending('typing').length, 0, "the typist's own tabs hear nothing");
    assert.equal((await stored(owner.token, conversation.id)).length, 0, 'typing stores nothing');
  });

  it('stores read marks and relays them to both participants', async () => {
    const { owner, mechanic, conversation } = await chatPair(call, admin);
    const o = await open(owner.token);
    const m = await open(mechanic.token);
    for (let i = 1; i <= 3; i += 1) await o.reply(o.sendMessage(conversation.id, `m${i}`));
    m.send({ type: 'read', conversation_id: conversation.id, seq: 2 });
    const expected = { type: 'read', conversation_id: conversation.id, user_id: mechanic.user.id, seq: 2 };
    assert.deepEqual(await o.next('read'), expected);
    assert.deepEqual(await m.next('read'), expected);
    const seen = await call('GET', `/api/conversations/${conversation.id}`, { token: owner.token });
    assert.equal(seen.json.mechanic_read_seq, 2, seen.text);
    const mine = await call('GET', `/api/conversations/${conversation.id}`, { token: mechanic.token });
    assert.equal(mine.json.unread, 1, mine.text);

    // Past the newest message: the mark stops at the newest; it never moves back.
    m.send({ type: 'read', conversation_id: conversation.id, seq: 99 });
    assert.equal((await o.next('read')).seq, 3);
    m.send({ type: 'read', conversation_id: conversation.id, seq: 1 });
    assert.equal((await o.next('read')).seq, 3);
  });

  it('tells counterparts when a user comes online and when their last connection closes', async () => {
    const { owner, mechanic, conversation } = await chatPair(call, admin);
    const m = await open(mechanic.token);
    assert.equal((await m.next('presence')).online, false);

    const o1 = await open(owner.token);
    assert.deepEqual(await m.next('presence'), { type: 'presence', user_id: owner.user.id, online: true, last_seen: null });
    assert.deepEqual(await o1.next('presence'), { type: 'presence', user_id: mechanic.user.id, online: true, last_seen: null });

    const o2 = await open(owner.token); // a second tab: already online, no news
    await o2.next('presence');
    await o1.close();
    await sleep(200);
    await m.sync();
    assert.equal(m.pending('presence').length, 0, 'still online in the other tab');

    await o2.close();
    const off = await m.next('presence');
    assert.equal(off.user_id, owner.user.id);
    assert.equal(off.online, false);
    assert.match(off.last_seen, ISO);

    const m2 = await open(mechanic.token);
    assert.deepEqual(await m2.next('presence'), off, 'a new connection learns the last seen time');
    assert.ok(conversation.id);
  });

  it('fans out messages posted over REST, in seq order with those sent here', async () => {
    const { owner, mechanic, conversation } = await chatPair(call, admin);
    const o = await open(owner.token);
    const m = await open(mechanic.token);
    const res = await sendMessage(call, owner.token, conversation.id, 'sent from the REST API');
    assert.equal(res.status, 201, res.text);
    assert.deepEqual((await m.next('message')).message, res.json);
    assert.deepEqual((await o.next('message')).message, res.json);

    const posts = [];
    for (let i = 0; i < 10; i += 1) {
      posts.push(sendMessage(call, mechanic.token, conversation.id, `rest ${i}`));
      o.sendMessage(conversation.id, `ws ${i}`);
    }
    await Promise.all(posts);
    const frames = await m.take('message', 20);
    assert.deepEqual(seqs(frames).sort((a, b) => a - b), range(2, 21), 'each once');
    await m.sync();
    assert.equal(m.pending('message').length, 0, 'nothing twice');
  });

  it('masks contact details for the other party until the car owner engages', async () => {
    const { owner, mechanic, conversation } = await chatPair(call, admin);
    const o = await open(owner.token);
    const m = await open(mechanic.token);
    const text = 'Call me on +971 50 123 4567 or mail me@example.com';
    const ack = await o.reply(o.sendMessage(conversation.id, text));
    assert.equal(ack.message.content, text, 'the sender sees what they wrote');
    const masked = (await m.next('message')).message.content;
    assert.doesNotMatch(masked, /123 4567|me@example\.com/);
    assert.match(masked, /\[phone hidden\]/);

    const engaged = await call('POST', `/api/conversations/${conversation.id}/engage`, { token: owner.token });
    assert.equal(engaged.status, 200, engaged.text);
    await sleep(1100); // the hub re-reads a conversation at most a second after it last did
    await o.reply(o.sendMessage(conversation.id, text));
    assert.equal((await m.next('message')).message.content, text);
  });

  describe('bad input', () => {
    let owner;
    let mechanic;
    let conversation;
    let o;
    let watcher; // a third connection that must not notice anything
    let stranger; // a conversation the owner is not in
    let idle; // opened at the start, never says hello
    before(async () => {
      idle = await raw();
      ({ owner, mechanic, conversation } = await chatPair(call, admin));
      stranger = await chatPair(call, admin);
      o = await open(owner.token);
      watcher = await open(mechanic.token);
    });

    async function stillServing() {
      await o.sync();
      await watcher.sync();
      assert.equal(o.closed, null);
      assert.equal(watcher.pending('message').length, 0, 'nothing reached the other side');
    }

    it('answers a frame that is not JSON with an error and keeps the connection', async () => {
      o.sendRaw('hello?');
      const e = await o.next('error');
      assert.equal(e.code, 'invalid_json');
      assert.equal(typeof e.message, 'string');
      o.sendRaw('[1,2]');
      assert.equal((await o.next('error')).code, 'invalid_frame');
      o.sendRaw(Buffer.from('{"type":"ping"}'), { binary: true });
      assert.equal((await o.next('error')).code, 'invalid_frame');
      await stillServing();
    });

    it('answers an unknown type, a second hello and a missing field with errors', async () => {
      o.send({ type: 'dance' });
      assert.equal((await o.next('error')).code, 'unknown_type');
      o.send({ conversation_id: conversation.id });
      assert.equal((await o.next('error')).code, 'missing_field');
      o.send({ type: 'hello', token: owner.token });
      assert.equal((await o.next('error')).code, 'already_signed_in');
      o.send({ type: 'typing', conversation_id: conversation.id });
      assert.equal((await o.next('error')).code, 'missing_field');
      await stillServing();
    });

    it('refuses sends it must not store, echoing the client_id, and stores nothing', async () => {
      const cases = [
        [{ conversation_id: stranger.conversation.id, content: 'not my chat' }, 'not_found'],
        [{ conversation_id: NO_SUCH_ID, content: 'no such chat' }, 'not_found'],
        [{ conversation_id: 'not-a-uuid', content: 'no such chat' }, 'not_found'],
        [{ conversation_id: conversation.id, content: '   ' }, 'missing_field'],
        [{ conversation_id: conversation.id, content: 'x'.repeat(4001) }, 'invalid_field'],
        [{ conversation_id: conversation.id, content: 'as the mechanic', sender_id: mechanic.user.id }, 'invalid_sender'],
        [{ conversation_id: conversation.id, content: 'as nobody', sender_id: 42 }, 'invalid_sender'],
      ];
      for (const [fields, code] of cases) {
        const clientId = randomUUID();
        o.send({ type: 'send', client_id: clientId, ...fields });
        const e = await o.reply(clientId);
        assert.equal(e.type, 'error', JSON.stringify(e));
        assert.equal(e.code, code, JSON.stringify({ fields: Object.keys(fields), e }));
      }
      o.send({ type: 'send', conversation_id: conversation.id, client_id: 'bad id!', content: 'hi' });
      assert.equal((await o.next('error')).code, 'invalid_field');
      // Typing and read marks in someone else's conversation are refused too.
      o.send({ type: 'typing', conversation_id: stranger.conversation.id, state: true });
      assert.equal((await o.next('error')).code, 'not_found');
      o.send({ type: 'read', conversation_id: stranger.conversation.id, seq: 1 });
      assert.equal((await o.next('error')).code, 'not_found');

      await stillServing();
      assert.equal((await stored(owner.token, conversation.id)).length, 0);
      assert.equal((await stored(stranger.owner.token, stranger.conversation.id)).length, 0);
      // Sending as yourself, saying so, is fine.
      const ok = randomUUID();
      o.send({ type: 'send', conversation_id: conversation.id, client_id: ok, content: 'me', sender_id: owner.user.id });
      assert.equal((await o.reply(ok)).type, 'ack');
      assert.equal((await watcher.next('message')).message.seq, 1, 'the refused ones left no gap');
    });

    it('refuses messages from an admin', async () => {
      const a = await open(admin);
      const clientId = a.sendMessage(conversation.id, 'I am the admin');
      const e = await a.reply(clientId);
      assert.equal(e.type, 'error');
      assert.equal(e.code, 'forbidden');
      await stillServing();
    });

    it('closes a connection whose first frame is not a hello, or whose token is wrong', async () => {
      const early = await raw();
      early.send({ type: 'send', conversation_id: conversation.id, client_id: 'early', content: 'hi' });
      assert.equal((await early.next('error')).code, 'hello_required');
      assert.equal((await early.closedWithin()).code, 1008);

      const junk = await raw();
      junk.sendRaw('not json');
      assert.equal((await junk.next('error')).code, 'invalid_json');
      assert.equal((await junk.closedWithin()).code, 1008);

      for (const token of ['f'.repeat(64), 'short', '']) {
        const s = await raw();
        s.send({ type: 'hello', token, resume: {} });
        assert.equal((await s.next('error')).code, 'unauthorized');
        const closed = await s.closedWithin();
        assert.equal(closed.code, 1008);
        assert.ok(closed.reason.length > 0, 'the close says why');
      }
      const loggedOut = await login(call, owner.email, owner.password);
      assert.equal((await call('POST', '/api/auth/logout', { token: loggedOut })).status, 204);
      const old = await raw();
      old.send({ type: 'hello', token: loggedOut });
      assert.equal((await old.next('error')).code, 'unauthorized');
      await old.closedWithin();
      await stillServing();
    });

    it('closes the connection on an oversized frame, with a reason, and nothing else notices', async () => {
      const before = (await stored(owner.token, conversation.id)).length;
      const big = await open(owner.token);
      big.send({ type: 'send', conversation_id: conversation.id, client_id: 'big', content: 'x'.repeat(17 * 1024) });
      assert.equal((await big.next('error')).code, 'frame_too_large');
      const closed = await big.closedWithin();
      assert.equal(closed.code, 1008);
      assert.match(closed.reason, /16 KB/);
      // Far too big: closed at once (1009, message too big) without reading it all. The client
      // may still be writing when the socket closes, and then sees a reset (1006) instead.
      const huge = await open(owner.token);
      huge.sendRaw('x'.repeat(1024 * 1024));
      assert.ok([1009, 1006].includes((await huge.closedWithin()).code));
      // Before the hello too.
      const early = await raw();
      early.sendRaw(JSON.stringify({ type: 'hello', token: owner.token, pad: 'x'.repeat(17 * 1024) }));
      assert.equal((await early.next('error')).code, 'frame_too_large');
      assert.equal((await early.closedWithin()).code, 1008);
      await stillServing();
      assert.equal((await stored(owner.token, conversation.id)).length, before);
    });

    it('answers a resume it cannot honour with an error, not a close', async () => {
      const s = await open(owner.token, {
        [conversation.id]: 1000,
        [stranger.conversation.id]: 0,
        [NO_SUCH_ID]: 0,
      });
      const errors = await s.take('error', 3);
      assert.deepEqual(errors.map((e) => e.code).sort(), ['invalid_resume', 'not_found', 'not_found']);
      await s.sync();
      assert.equal(s.closed, null);
      assert.equal(s.pending('message').length, 0, 'nothing from a conversation that is not theirs');
      await stillServing();
    });

    it('allows 60 messages a minute per user, then answers rate_limited', async () => {
      const pair = await chatPair(call, admin);
      const s = await open(pair.owner.token);
      const ids = range(1, 61).map(() => s.sendMessage(pair.conversation.id, 'again and again'));
      const replies = [];
      for (const id of ids) replies.push(await s.reply(id));
      assert.equal(replies.filter((r) => r.type === 'ack').length, 60);
      const refused = replies[60];
      assert.equal(refused.type, 'error');
      assert.equal(refused.code, 'rate_limited');
      assert.equal(refused.client_id, ids[60]);
      assert.equal((await stored(pair.owner.token, pair.conversation.id)).length, 60);
      // REST shares the allowance.
      const rest = await sendMessage(call, pair.owner.token, pair.conversation.id, 'one more');
      assertError(rest, 429, 'rate_limited');
      await stillServing();
    });

    it('closes a connection that says no hello within 10 seconds', { timeout: 20_000 }, async () => {
      const e = await idle.next('error', 15_000);
      assert.equal(e.code, 'hello_timeout');
      assert.equal((await idle.closedWithin(5000)).code, 1008);
      await stillServing();
    });
  });

  it('checks the Origin of the upgrade', async () => {
    await assert.rejects(openSocket(server.baseUrl, { origin: 'https://evil.example' }), (e) => e.status === 403);
    await assert.rejects(openSocket(server.baseUrl, { origin: 'null' }), (e) => e.status === 403);
    for (const origin of [`http://127.0.0.1:${server.port}`, `http://localhost:${server.port}`, undefined]) {
      const s = await raw({ origin });
      await s.close();
    }
    // The page's own origin, whatever name it was reached by.
    const own = await raw({ origin: 'https://chat.example', headers: { host: 'chat.example' } });
    await own.close();
    const plain = await call('GET', '/api/ws');
    assertError(plain, 400, 'upgrade_required');
  });

  it('takes its allow-list from SALIK_ALLOWED_ORIGINS', async () => {
    const other = await startServer({ env: { SALIK_ALLOWED_ORIGINS: 'https://partner.example, https://salik.example/' } });
    try {
      for (const origin of ['https://partner.example', 'https://SALIK.example']) (await openSocket(other.baseUrl, { origin })).close();
      await assert.rejects(openSocket(other.baseUrl, { origin: `http://127.0.0.1:${other.port}` }), (e) => e.status === 403);
    } finally {
      await other.stop();
    }
  });
});

// kill -9 of the server while a client sends: what was acked is stored once; what was not is
// resent by the client after it reconnects and is stored once; seqs 1..N with no gaps.

// The server's process id: the one child of ours whose environment names this data folder.
function serverPid(dataDir) {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (!readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes('salik-server')) continue;
      const env = readFileSync(`/proc/${entry}/environ`, 'utf8').split('\0');
      if (env.includes(`SALIK_DATA_DIR=${dataDir}`)) return Number(entry);
    } catch {
      // gone, or not ours
    }
  }
  throw new Error(`no server process for ${dataDir}`);
}

describe('kill -9 while a client sends', () => {
  const env = { SALIK_MESSAGE_RATE_PER_MINUTE: '100000' };
  let first;
  let second;
  after(async () => {
    await first?.stop();
    await second?.stop();
  });

  it('stores every acked message once, and every resent one once, seqs 1..N', { timeout: 60_000 }, async (t) => {
    first = await startServer({ env, keepData: true });
    let call = apiClient(first.baseUrl);
    const admin = await login(call, ADMIN.email, ADMIN.password);
    const { owner, conversation } = await chatPair(call, admin);
    const n = 200;
    const outbox = range(0, n - 1).map((i) => ({ clientId: `crash-${i}`, content: `message ${i}` }));

    const acked = new Map(); // client_id → message, as acked before the crash
    let socket = await connect(first.baseUrl, owner.token, { [conversation.id]: 0 });
    const pid = serverPid(first.dataDir);
    // 100 messages as a steady stream, 60 as a burst, then a stream again. The server dies the
    // moment the first ack of the burst arrives, while the rest of the burst is being stored and
    // acknowledged and the client keeps sending (into a dead socket).
    const burst = new Set(outbox.slice(100, 160).map((m) => m.clientId));
    socket.ws.on('message', (data) => {
      const f = JSON.parse(data.toString());
      if (f.type !== 'ack') return;
      acked.set(f.client_id, f.message);
      if (burst.has(f.client_id) && !killed) {
        killed = true;
        process.kill(pid, 'SIGKILL');
      }
    });
    let killed = false;
    for (const [i, m] of outbox.entries()) {
      socket.sendMessage(conversation.id, m.content, m.clientId);
      if (i < 100 || i >= 159) await sleep(1);
    }
    const { signal } = await first.exited;
    assert.equal(signal, 'SIGKILL');
    await socket.closedWithin();
    const ackedBeforeCrash = new Map(acked);
    assert.ok(ackedBeforeCrash.size > 0 && ackedBeforeCrash.size < n, `acked before the crash: ${ackedBeforeCrash.size}`);

    // Restart on the same data; resume from the last seq seen; resend what was not acked.
    second = await startServer({ env, dataFrom: first });
    call = apiClient(second.baseUrl);
    const seenBefore = seqs(socket.inbox.filter((f) => f.type === 'message'));
    assert.deepEqual(seenBefore, range(1, seenBefore.length), 'in order, no gaps, before the crash');
    const lastSeen = seenBefore.length;
    socket = await connect(second.baseUrl, owner.token, { [conversation.id]: lastSeen });
    const storedAtRestart = (await allMessages(call, owner.token, conversation.id)).length;
    assert.ok(storedAtRestart >= ackedBeforeCrash.size, 'nothing acked was lost');
    t.diagnostic(`before kill -9: ${ackedBeforeCrash.size} acked, ${storedAtRestart - ackedBeforeCrash.size} ` +
                 `stored but not acked, ${n - storedAtRestart} not stored`);
    const unacked = outbox.filter((m) => !acked.has(m.clientId));
    for (const m of unacked) socket.sendMessage(conversation.id, m.content, m.clientId);
    for (const m of unacked) {
      const reply = await socket.reply(m.clientId, 10_000);
      assert.equal(reply.type, 'ack', JSON.stringify(reply));
      acked.set(m.clientId, reply.message);
    }

    // The client saw every message exactly once: 1..lastSeen before, the rest after (replayed
    // ones that were stored but not delivered, then the resent ones).
    assert.deepEqual(seqs(await socket.take('message', n - lastSeen, 10_000)), range(lastSeen + 1, n));
    await socket.sync();
    assert.equal(socket.pending('message').length, 0);

    const history = (await allMessages(call, owner.token, conversation.id)).reverse();
    assert.deepEqual(history.map((m) => m.seq), range(1, n), 'seqs 1..N, no gaps');
    const byClient = new Map(history.map((m) => [m.client_id, m]));
    assert.equal(byClient.size, n, 'every message stored exactly once');
    for (const [clientId, message] of ackedBeforeCrash) assert.deepEqual(byClient.get(clientId), message, 'acked = stored');
    for (const m of outbox) assert.equal(byClient.get(m.clientId).content, m.content);
    await socket.close();
  });
});
