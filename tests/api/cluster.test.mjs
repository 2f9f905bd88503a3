// Two salik-server instances behind haproxy, sharing one PostgreSQL database and one Redis
// (scripts/cluster.sh starts them all). Two people connected to DIFFERENT instances chat with
// every guarantee one instance gives: acks and message frames both ways, seq without gaps or
// repeats when both instances append at once, resends stored once, typing and read relayed,
// presence across instances, resume on the other instance, and one 60-a-minute limit for both.
// Needs PostgreSQL (SALIK_TEST_PG_URL), so it runs in the PostgreSQL pass of scripts/test.sh.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import WebSocket from 'ws';
import { REPO_ROOT, SERVER_BIN, ADMIN } from './server.mjs';
import { apiClient, login, chatPair, allMessages } from './client.mjs';
import { ChatSocket } from './ws_client.mjs';
import { wav } from './media_fixtures.mjs';

const PG = process.env.SALIK_TEST_PG_URL;
const range = (from, to) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

function createDatabase() {
  const name = `salik_cluster_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  execFileSync('psql', [PG, '-v', 'ON_ERROR_STOP=1', '-qc', `CREATE DATABASE ${name}`], { stdio: 'pipe' });
  const url = new URL(PG);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => {
      try {
        execFileSync('psql', [PG, '-qc', `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`], { stdio: 'pipe' });
      } catch {
        // harmless leftover
      }
    },
  };
}

/** Runs scripts/cluster.sh; resolves { url, pids, stop() } once it prints the haproxy URL. */
async function startCluster() {
  const db = createDatabase();
  const env = { ...process.env };
  for (const k of Object.keys(env)) if (k.startsWith('SALIK_')) delete env[k];
  Object.assign(env, {
    SALIK_SERVER_BIN: path.resolve(SERVER_BIN),
    SALIK_CLUSTER_PORT: String(await freePort()),
    SALIK_CLUSTER_REDIS_PORT: String(await freePort()),
    SALIK_API_RATE_PER_MINUTE: '1000000',
    // Instances notice a dead one within about 9 + 3 + 3 s (the last test freezes and kills one).
    SALIK_INSTANCE_TTL_SECONDS: '9',
    SALIK_ADMIN_EMAIL: ADMIN.email,
    SALIK_ADMIN_PASSWORD: ADMIN.password,
  });
  const child = spawn('bash', [path.join(REPO_ROOT, 'scripts', 'cluster.sh'), '--pg', db.url], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true, // its own process group: the stop reaches the script, never us
  });
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8').on('data', (d) => (out += d));
  child.stderr.setEncoding('utf8').on('data', (d) => (err += d));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`cluster did not start\n${out}\n${err}`)), 60_000);
    child.stdout.on('data', () => {
      const m = /^cluster (http:\/\/\S+)$/m.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`cluster.sh exited (${code})\n${out}\n${err}`));
    });
  });
  const [, redisPort, redisDir] = /^redis redis:\/\/127\.0\.0\.1:(\d+) (\S+)$/m.exec(out);
  const pidOf = (name) => Number(new RegExp(`^instance ${name} \\S+ pid (\\d+)$`, 'm').exec(out)[1]);
  return {
    url,
    redisPort,
    redisDir,
    pidOf,
    output: () => out + err,
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await exited;
      }
      db.drop();
    },
  };
}

describe('two instances behind haproxy share realtime chat', { skip: !PG && 'needs PostgreSQL (SALIK_TEST_PG_URL)' }, () => {
  let cluster;
  let call;
  let admin;
  const sockets = [];
  before(async () => {
    cluster = await startCluster();
    call = apiClient(cluster.url);
    admin = await login(call, ADMIN.email, ADMIN.password);
  });
  after(async () => {
    await Promise.all(sockets.map((s) => s.terminate()));
    await cluster?.stop();
  });

  // A socket pinned to one instance through haproxy, signed in.
  async function open(instance, token, resume = {}) {
    const s = await new Promise((resolve, reject) => {
      const ws = new WebSocket(`${cluster.url.replace(/^http/, 'ws')}/api/ws?instance=${instance}`, { maxPayload: 64 << 20 });
      ws.once('upgrade', (res) => assert.equal(res.headers['x-salik-instance'], instance));
      ws.once('open', () => resolve(new ChatSocket(ws)));
      ws.once('error', reject);
    });
    sockets.push(s);
    s.welcome = await s.hello(token, resume);
    return s;
  }
  const on = (instance, p) => `${p}${p.includes('?') ? '&' : '?'}instance=${instance}`;
  // A presence frame about `user` (online or not, or either when left out).
  const presenceOf = (user, online) => (f) =>
    f.type === 'presence' && f.user_id === user.user.id && (online === undefined || f.online === online);
  // After the refreshes have settled, the newest presence frame `socket` got about `user`.
  async function settledPresence(socket, user) {
    await new Promise((r) => setTimeout(r, 1500));
    await socket.sync();
    return socket.log.filter(presenceOf(user)).at(-1);
  }

  it('answers from both instances, and says which', async () => {
    for (const name of ['a', 'b']) {
      const res = await call('GET', on(name, '/api/health'));
      assert.equal(res.status, 200);
      assert.equal(res.json.instance, name);
      assert.equal(res.json.redis, 'ok');
      assert.equal(res.headers.get('x-salik-instance'), name);
    }
  });

  it('carries messages both ways between instances, seq 1..N with no gaps or repeats when both append at once', async () => {
    const { owner, mechanic, conversation } = await chatPair(call, admin);
    const o = await open('a', owner.token);
    const m = await open('b', mechanic.token);

    const id = o.sendMessage(conversation.id, 'Hello from instance a.');
    const ack = await o.reply(id);
    assert.equal(ack.type, 'ack', JSON.stringify(ack));
    assert.deepEqual((await m.next('message')).message, ack.message);
    const id2 = m.sendMessage(conversation.id, 'Hello back from instance b.');
    const ack2 = await m.reply(id2);
    assert.equal(ack2.message.seq, 2);

    // Both send 20 at the same moment, each through its own instance.
    const oIds = range(1, 20).map((i) => o.sendMessage(conversation.id, `a ${i}`));
    const mIds = range(1, 20).map((i) => m.sendMessage(conversation.id, `b ${i}`));
    for (const cid of oIds) assert.equal((await o.reply(cid)).type, 'ack');
    for (const cid of mIds) assert.equal((await m.reply(cid)).type, 'ack');
    const oFrames = await o.take('message', 42, 10_000);
    assert.deepEqual(oFrames.map((f) => f.message.seq), range(1, 42), 'every seq once, in order, on a');
    assert.deepEqual(oFrames[1].message, ack2.message);
    const mFrames = await m.take('message', 41, 10_000);
    assert.deepEqual(mFrames.map((f) => f.message.seq), range(2, 42), 'every seq once, in order, on b');
    await o.sync();
    await m.sync();
    assert.deepEqual([...o.pending('message'), ...m.pending('message')], []);
    const stored = (await allMessages(call, owner.token, conversation.id)).reverse();
    assert.deepEqual(stored.map((x) => x.seq), range(1, 42));
    assert.equal(new Set(stored.map((x) => x.client_id)).size, 42);
  });

  it('serves an attachment uploaded through one instance from the other, and lets the other delete it', async () => {
    const { owner, mechanic, conversation } = await chatPair(call, admin);
    const upload = (bytes, label) => call('POST', on('a', `/api/conversations/${conversation.id}/media?label=${label}`), {
      token: owner.token, body: bytes, headers: { 'content-type': 'application/octet-stream' },
    });
    const fetchOn = async (instance, url) => {
      const res = await fetch(cluster.url + on(instance, url));
      return { status: res.status, body: Buffer.from(await res.arrayBuffer()) };
    };
    const bytes = wav(1, { freq: 480 });
    const sent = await upload(bytes, 'sent.wav');
    assert.equal(sent.status, 201, sent.text);
    const o = await open('a', owner.token);
    const m = await open('b', mechanic.token);
    const id = randomUUID();
    o.send({ type: 'send', conversation_id: conversation.id, client_id: id, content: 'Listen', media_id: sent.json.id });
    assert.equal((await o.reply(id)).type, 'ack');
    const seen = (await m.next('message')).message;
    // The mechanic's link was signed by instance b; either instance answers it with the bytes.
    for (const instance of ['a', 'b']) {
      const got = await fetchOn(instance, seen.media.url);
      assert.equal(got.status, 200, `instance ${instance}`);
      assert.ok(got.body.equals(bytes), `instance ${instance} answers the uploaded bytes`);
    }

    const unsent = await upload(wav(1, { freq: 520 }), 'unsent.wav');
    assert.equal(unsent.status, 201, unsent.text);
    assert.equal((await fetchOn('b', unsent.json.url)).status, 200);
    const gone = await call('DELETE', on('b', `/api/media/${unsent.json.id}`), { token: owner.token });
    assert.equal(gone.status, 204, gone.text);
    for (const instance of ['a', 'b']) assert.equal((await fetchOn(instance, unsent.json.url)).status, 404, `instance ${instance}`);
    assert.equal((await fetchOn('a', seen.media.url)).status, 200, 'the sent one stays');
  });

  it('stores a resend through the other instance once and acks it with the original', async () => {
    const { owner, mechanic, conversation } = await chatPair(call, admin);
    const oa = await open('a', owner.token);
    const ob = await open('b', owner.token);
    const m = await open('b', mechanic.token);
    const cid = randomUUID();
    oa.sendMessage(conversation.id, 'Once only.', cid);
    const first = await oa.reply(cid);
    ob.sendMessage(conversation.id, 'Once only.', cid);
    const again = await ob.reply(cid);
    assert.equal(again.type, 'ack');
    assert.deepEqual(again.message, first.message);
    assert.equal((await m.next('message')).message.id, first.message.id);
    await m.sync();
    await new Promise((r) => setTimeout(r, 300));
    assert.deepEqual(m.pending('message'), [], 'delivered once');
    assert.equal((await allMessages(call, owner.token, conversation.id)).length, 1);
  });

  it('relays typing and read marks across instances', async () => {
    const { owner, mechanic, conversation } = await chatPair(call, admin);
    const o = await open('a', owner.token);
    const m = await open('b', mechanic.token);
    o.send({ type: 'typing', conversation_id: conversation.id, state: true });
    assert.deepEqual(await m.next('typing'), { type: 'typing', conversation_id: conversation.id, user_id: owner.user.id, state: true });
    const cid = m.sendMessage(conversation.id, 'Read this.');
    const { message } = await m.reply(cid);
    await o.next('message');
    o.send({ type: 'read', conversation_id: conversation.id, seq: message.seq });
    const read = await m.next('read');
    assert.deepEqual(read, { type: 'read', conversation_id: conversation.id, user_id: owner.user.id, seq: message.seq });
  });

  it('shows a user online while connected to any instance, offline with last_seen after the last closes', async () => {
    const { owner, mechanic } = await chatPair(call, admin);
    const m = await open('b', mechanic.token);
    assert.deepEqual(await m.next('presence'), { type: 'presence', user_id: owner.user.id, online: false, last_seen: null });
    const oa = await open('a', owner.token);
    assert.equal((await m.next('presence')).online, true);
    assert.equal((await oa.next('presence')).online, true, 'the owner on a sees the mechanic on b online');
    const ob = await open('b', owner.token); // a second tab, on the other instance
    await oa.close();
    await new Promise((r) => setTimeout(r, 500));
    await m.sync();
    assert.deepEqual(m.pending((f) => f.type === 'presence' && f.online === false), [], 'still online on b');
    await ob.close();
    const offline = await m.next('presence');
    assert.equal(offline.online, false);
    assert.match(offline.last_seen, /^\d{4}-\d\d-\d\dT/);
    // Someone connecting on the other instance learns last_seen from the shared presence.
    const m2 = await open('a', mechanic.token);
    const seen = await m2.next('presence');
    assert.deepEqual(seen, { type: 'presence', user_id: owner.user.id, online: false, last_seen: offline.last_seen });
  });

  it('resumes on the other instance with exactly the missed messages', async () => {
    const { owner, mechanic, conversation } = await chatPair(call, admin);
    const o = await open('a', owner.token);
    const mb = await open('b', mechanic.token);
    const first = await o.reply(o.sendMessage(conversation.id, 'one'));
    await mb.next('message');
    await mb.close();
    for (const text of ['two', 'three', 'four']) assert.equal((await o.reply(o.sendMessage(conversation.id, text))).type, 'ack');
    const ma = await open('a', mechanic.token, { [conversation.id]: first.message.seq });
    const frames = await ma.take('message', 3);
    assert.deepEqual(frames.map((f) => f.message.content), ['two', 'three', 'four']);
    assert.deepEqual(frames.map((f) => f.message.seq), [2, 3, 4]);
    await ma.sync();
    assert.deepEqual(ma.pending('message'), []);
  });

  it('shares the 60-a-minute message limit: 40 on one instance and 20 on the other, then refused', async () => {
    const { owner, conversation } = await chatPair(call, admin);
    for (let i = 0; i < 40; i += 1) {
      const res = await call('POST', on('a', `/api/conversations/${conversation.id}/messages`), {
        token: owner.token,
        json: { client_id: randomUUID(), content: `rest ${i}` },
      });
      assert.equal(res.status, 201, res.text);
    }
    const ob = await open('b', owner.token);
    for (let i = 0; i < 20; i += 1) assert.equal((await ob.reply(ob.sendMessage(conversation.id, `ws ${i}`))).type, 'ack', `message ${41 + i}`);
    const refused = await ob.reply(ob.sendMessage(conversation.id, 'the 61st'));
    assert.equal(refused.type, 'error');
    assert.equal(refused.code, 'rate_limited');
    const rest = await call('POST', on('a', `/api/conversations/${conversation.id}/messages`), {
      token: owner.token,
      json: { client_id: randomUUID(), content: 'the 62nd' },
    });
    assert.equal(rest.status, 429, rest.text);
    assert.equal((await allMessages(call, owner.token, conversation.id)).length, 60);
  });

  it('counts a burst sent to both instances at once against one limit: exactly 60 stored', async () => {
    const { owner, conversation } = await chatPair(call, admin);
    const oa = await open('a', owner.token);
    const ob = await open('b', owner.token);
    // Each instance takes a burst in few batches and asks Redis for all of a batch's counts at once.
    const fromA = range(1, 40).map((i) => oa.sendMessage(conversation.id, `a ${i}`));
    const fromB = range(1, 40).map((i) => ob.sendMessage(conversation.id, `b ${i}`));
    const replies = [];
    for (const cid of fromA) replies.push(await oa.reply(cid, 10_000));
    for (const cid of fromB) replies.push(await ob.reply(cid, 10_000));
    assert.equal(replies.filter((r) => r.type === 'ack').length, 60);
    const refused = replies.filter((r) => r.type === 'error');
    assert.equal(refused.length, 20);
    assert.ok(refused.every((r) => r.code === 'rate_limited'), JSON.stringify(refused[0]));
    const stored = (await allMessages(call, owner.token, conversation.id)).reverse();
    assert.deepEqual(stored.map((m) => m.seq), range(1, 60));
  });

  it('keeps serving its own connections while Redis is away, and shares again once it is back', { timeout: 60_000 }, async () => {
    const { owner, mechanic, conversation } = await chatPair(call, admin);
    const oa = await open('a', owner.token);
    const ma = await open('a', mechanic.token);
    const mbTab = await open('b', mechanic.token, { [conversation.id]: 0 });
    try {
      execFileSync('redis-cli', ['-p', cluster.redisPort, 'shutdown', 'nosave'], { stdio: 'pipe' });
    } catch {
      // redis-cli may report the connection it lost by shutting the server down
    }
    const ack = await oa.reply(oa.sendMessage(conversation.id, 'Redis is away.'));
    assert.equal(ack.type, 'ack', JSON.stringify(ack));
    assert.equal((await ma.next('message')).message.seq, ack.message.seq, 'same-instance chat goes on');
    const rest = await call('POST', on('b', `/api/conversations/${conversation.id}/messages`), {
      token: mechanic.token,
      json: { client_id: randomUUID(), content: 'Posted on b meanwhile.' },
    });
    assert.equal(rest.status, 201, rest.text);
    const meanwhile = rest.json;
    // b fills its tab's gap from the store when the REST message comes; the mechanic reads it there.
    assert.deepEqual((await mbTab.take('message', 2)).map((f) => f.message.seq), [ack.message.seq, meanwhile.seq]);
    mbTab.send({ type: 'read', conversation_id: conversation.id, seq: meanwhile.seq });
    await mbTab.sync();
    const fromB = (f) => f.type === 'message' && f.message.seq === meanwhile.seq;
    assert.deepEqual(oa.pending(fromB), [], 'a cannot hear of b while Redis is away');

    execFileSync('bash', ['-c', `source scripts/lib/redis.sh && salik_redis_start ${cluster.redisDir} ${cluster.redisPort}`], {
      cwd: REPO_ROOT,
      stdio: 'pipe',
    });
    // With nothing more sent, a catches its connections up from the store once it hears Redis
    // again: the message posted on b, and the mechanic's read mark.
    assert.equal((await oa.next(fromB, 15_000)).message.content, 'Posted on b meanwhile.');
    assert.equal((await ma.next('message', 15_000)).message.seq, meanwhile.seq, "the mechanic's tab on a too");
    await oa.next((f) => f.type === 'read' && f.user_id === mechanic.user.id && f.seq === meanwhile.seq, 15_000);
    // Redis came back empty: a wrote its users' presence again, so b sees the owner online.
    let ownerOnline = false;
    for (let i = 0; i < 20 && !ownerOnline; i += 1) {
      const tab = await open('b', mechanic.token);
      ownerOnline = (await tab.next((f) => f.type === 'presence' && f.user_id === owner.user.id)).online;
      await tab.close();
      if (!ownerOnline) await new Promise((r) => setTimeout(r, 250));
    }
    assert.ok(ownerOnline, 'the owner, connected to a throughout, is online for b again');
    // Within a few seconds both instances are subscribed again: a message sent on a reaches b.
    const mb = await open('b', mechanic.token, { [conversation.id]: ack.message.seq });
    assert.equal((await mb.next('message')).message.content, 'Posted on b meanwhile.', 'the resume fills what it missed');
    let delivered = false;
    for (let i = 0; i < 20 && !delivered; i += 1) {
      const cid = oa.sendMessage(conversation.id, `probe ${i}`);
      assert.equal((await oa.reply(cid)).type, 'ack');
      delivered = await mb.next((f) => f.type === 'message' && f.message.client_id === cid, 500).then(() => true, () => false);
    }
    assert.ok(delivered, 'fan-out across instances resumed after Redis came back');
    const stored = (await allMessages(call, owner.token, conversation.id)).reverse();
    assert.deepEqual(stored.map((m) => m.seq), range(1, stored.length), 'seq without gaps throughout');
  });

  it('keeps presence right through a Redis outage: who left or came meanwhile is shown on both instances', { timeout: 60_000 }, async () => {
    // Owner 1 is on a when Redis goes and leaves during the outage; owner 2 arrives on a during it.
    // Their mechanics watch from b; mechanic 1 also from a.
    const one = await chatPair(call, admin);
    const two = await chatPair(call, admin);
    const o1 = await open('a', one.owner.token);
    const m1a = await open('a', one.mechanic.token);
    const m1b = await open('b', one.mechanic.token);
    const m2b = await open('b', two.mechanic.token);
    assert.equal((await m1a.next(presenceOf(one.owner))).online, true);
    assert.equal((await m1b.next(presenceOf(one.owner))).online, true);
    assert.equal((await m2b.next(presenceOf(two.owner))).online, false);
    try {
      execFileSync('redis-cli', ['-p', cluster.redisPort, 'shutdown', 'nosave'], { stdio: 'pipe' });
    } catch {
      // redis-cli may report the connection it lost by shutting the server down
    }
    await o1.close();
    // On the same instance the mechanic hears it at once, Redis or not.
    const leftOnA = await m1a.next(presenceOf(one.owner, false), 5000);
    assert.match(leftOnA.last_seen, /^\d{4}-\d\d-\d\dT/);
    const o2 = await open('a', two.owner.token);
    await o2.sync();
    await m1b.sync();
    await m2b.sync();
    assert.deepEqual([...m1b.pending(presenceOf(one.owner)), ...m2b.pending(presenceOf(two.owner))], [],
      'b cannot hear of a while Redis is away');

    execFileSync('bash', ['-c', `source scripts/lib/redis.sh && salik_redis_start ${cluster.redisDir} ${cluster.redisPort}`], {
      cwd: REPO_ROOT,
      stdio: 'pipe',
    });
    // Once the instances are in touch again, b shows owner 1 offline since the moment a saw them
    // leave, and owner 2 online; a new tab on b learns the same from the shared presence.
    const left = await m1b.next((f) => presenceOf(one.owner, false)(f) && f.last_seen !== null, 15_000);
    assert.equal(left.last_seen, leftOnA.last_seen);
    await m2b.next(presenceOf(two.owner, true), 15_000);
    for (const [socket, user, online] of [[m1b, one.owner, false], [m1a, one.owner, false], [m2b, two.owner, true]]) {
      assert.equal((await settledPresence(socket, user)).online, online, 'no later frame undoes it');
    }
    const tab = await open('b', two.mechanic.token);
    assert.equal((await tab.next(presenceOf(two.owner))).online, true);
    const tab1 = await open('b', one.mechanic.token);
    assert.deepEqual(await tab1.next(presenceOf(one.owner)), { type: 'presence', user_id: one.owner.user.id, online: false, last_seen: leftOnA.last_seen });
  });

  it('rewrites its presence when only its publishing connection to Redis broke, not the subscription', async () => {
    const { owner, mechanic } = await chatPair(call, admin);
    const o = await open('a', owner.token);
    const ma = await open('a', mechanic.token);
    const mb = await open('b', mechanic.token);
    assert.equal((await ma.next(presenceOf(owner))).online, true);
    assert.equal((await mb.next(presenceOf(owner))).online, true);
    // Only a's worker connection (the one that publishes and keeps presence): a's departure
    // update fails, and no subscription breaks to tell anyone that something was lost.
    const clients = execFileSync('redis-cli', ['-p', cluster.redisPort, 'client', 'list'], { encoding: 'utf8' });
    const worker = /^id=(\d+) .*\bname=salik-a-worker\b/m.exec(clients);
    assert.ok(worker, `a's worker connection is named in CLIENT LIST:\n${clients}`);
    execFileSync('redis-cli', ['-p', cluster.redisPort, 'client', 'kill', 'id', worker[1]], { stdio: 'pipe' });
    await o.close();
    const leftOnA = await ma.next(presenceOf(owner, false), 5000);
    const left = await mb.next((f) => presenceOf(owner, false)(f) && f.last_seen !== null, 15_000);
    assert.equal(left.last_seen, leftOnA.last_seen);
    const settled = await settledPresence(mb, owner);
    assert.deepEqual([settled.online, settled.last_seen], [false, leftOnA.last_seen], 'no later frame undoes it');
  });

  it('closes the sockets of a logged-out session on both instances', async () => {
    const { owner } = await chatPair(call, admin);
    const oa = await open('a', owner.token);
    const ob = await open('b', owner.token);
    const res = await call('POST', on('a', '/api/auth/logout'), { token: owner.token });
    assert.equal(res.status, 204);
    for (const s of [oa, ob]) assert.deepEqual(await s.closedWithin(3000), { code: 1008, reason: 'Signed out' });
  });

  it('counts a presence field of an instance that never registered (an older version) as alive', async () => {
    const { owner, mechanic } = await chatPair(call, admin);
    const redis = (...args) => execFileSync('redis-cli', ['-p', cluster.redisPort, ...args], { encoding: 'utf8' }).trim();
    const ownerSeen = async () => {
      const tab = await open('a', mechanic.token);
      const seen = await tab.next(presenceOf(owner));
      await tab.close();
      return seen.online;
    };
    assert.equal(await ownerSeen(), false, 'not connected anywhere');
    // An instance without an alive key, as one of an older version writes its presence.
    redis('HSET', `salik:presence:${owner.user.id}`, 'older', '1');
    try {
      assert.equal(await ownerSeen(), true, 'an unregistered instance is taken at its word');
      // Registered and without its key, the same field is an instance that died.
      redis('SADD', 'salik:instances', 'older');
      assert.equal(await ownerSeen(), false, 'a registered instance without its alive key is dead');
    } finally {
      redis('HDEL', `salik:presence:${owner.user.id}`, 'older');
      redis('SREM', 'salik:instances', 'older');
    }
  });

  it('keeps answering while Redis stalls with its connections open, and shares again once it wakes', { timeout: 60_000 }, async () => {
    const { owner, mechanic, conversation } = await chatPair(call, admin);
    const oa = await open('a', owner.token);
    const ma = await open('a', mechanic.token);
    const mb = await open('b', mechanic.token, { [conversation.id]: 0 }); // resumed: b fills any gap
    // Frozen, Redis keeps every connection open and answers nothing: only a time limit on each
    // reply frees the threads waiting on it.
    const redisPid = Number(readFileSync(path.join(cluster.redisDir, 'redis.pid'), 'utf8'));
    process.kill(redisPid, 'SIGSTOP');
    try {
      // The send counts against the shared limit, the hello asks for shared presence, and the
      // REST request counts against the shared API limit: each answers, counting alone.
      const ack = await oa.reply(oa.sendMessage(conversation.id, 'Redis is frozen.'), 10_000);
      assert.equal(ack.type, 'ack', JSON.stringify(ack));
      assert.equal((await ma.next('message', 10_000)).message.seq, ack.message.seq, 'same-instance chat goes on');
      const tab = await open('a', owner.token);
      assert.equal(tab.welcome.type, 'welcome');
      const rest = await call('GET', on('b', `/api/conversations/${conversation.id}/messages`), {
        token: mechanic.token,
        signal: AbortSignal.timeout(10_000),
      });
      assert.equal(rest.status, 200, rest.text);
      for (const name of ['a', 'b']) assert.equal((await call('GET', on(name, '/api/health'))).json.redis, 'unreachable', name);
    } finally {
      process.kill(redisPid, 'SIGCONT');
    }
    // Each instance finds out within about a second that Redis answers again.
    for (const name of ['a', 'b']) {
      let state;
      for (let i = 0; i < 50 && state !== 'ok'; i += 1) {
        if (i > 0) await new Promise((r) => setTimeout(r, 100));
        state = (await call('GET', on(name, '/api/health'))).json.redis;
      }
      assert.equal(state, 'ok', `${name} reaches Redis again`);
    }
    // Fan-out across instances resumes both ways, and b's tab gets what it missed.
    for (const [from, to] of [[oa, mb], [mb, oa]]) {
      let delivered = false;
      for (let i = 0; i < 20 && !delivered; i += 1) {
        const cid = from.sendMessage(conversation.id, `probe ${i}`);
        assert.equal((await from.reply(cid, 10_000)).type, 'ack');
        delivered = await to.next((f) => f.type === 'message' && f.message.client_id === cid, 500).then(() => true, () => false);
      }
      assert.ok(delivered, 'fan-out across instances resumed after Redis woke');
    }
    assert.ok(mb.log.some((f) => f.type === 'message' && f.message.content === 'Redis is frozen.'), 'the message sent meanwhile reached b');
  });

  // Last: it leaves instance b dead.
  it('shows the users of an instance that stopped answering, then crashed, offline on the others', { timeout: 60_000 }, async () => {
    const { owner, mechanic } = await chatPair(call, admin);
    const ob = await open('b', owner.token);
    const ma = await open('a', mechanic.token);
    assert.equal((await ma.next(presenceOf(owner))).online, true);
    await ob.next(presenceOf(mechanic, true)); // the mechanic arrived after the owner
    const redis = (...args) => execFileSync('redis-cli', ['-p', cluster.redisPort, ...args], { encoding: 'utf8' }).trim();
    const fieldOnB = () => redis('HEXISTS', `salik:presence:${owner.user.id}`, 'b') === '1';

    // Frozen, b stops renewing its alive key. Once the key lapses, and before a removes b's fields,
    // a hello on a already counts only instances that are alive.
    const frozenAt = new Date().toISOString();
    const b = cluster.pidOf('b');
    process.kill(b, 'SIGSTOP');
    try {
      let filtered = false;
      for (let i = 0; i < 60 && !filtered; i += 1) {
        const before = fieldOnB();
        const tab = await open('a', mechanic.token);
        const seen = await tab.next(presenceOf(owner));
        await tab.close();
        filtered = before && !seen.online && fieldOnB(); // b's field was there all along
        if (!filtered) await new Promise((r) => setTimeout(r, 200));
      }
      assert.ok(filtered, "a hello on a showed the owner offline while b's presence field was still there");
    } finally {
      process.kill(b, 'SIGKILL'); // also ends it if the check failed: a stopped process ignores SIGTERM
    }
    // Killed: no departure is ever written for the owner.
    const offline = await ma.next(presenceOf(owner, false), 30_000);
    assert.ok(offline.last_seen >= frozenAt, `last_seen ${offline.last_seen} is when a noticed, after ${frozenAt}`);
    assert.equal(fieldOnB(), false, "a removed b's field");
    // A new tab on the surviving instance learns the same from the shared presence.
    const fresh = await open('a', mechanic.token);
    assert.deepEqual(await fresh.next(presenceOf(owner)), { type: 'presence', user_id: owner.user.id, online: false, last_seen: offline.last_seen });
  });
});
