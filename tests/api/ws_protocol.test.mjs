// The WebSocket protocol itself at /api/ws (RFC 6455), spoken byte by byte over a plain TCP
// socket, since the server implements it (src/server/http/websocket_session.cpp): the opening
// handshake and its refusals, frames that come with the upgrade request, fragments, ping and
// pong, the closing handshake, and each protocol error answered with its close code.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { createHash, randomBytes } from 'node:crypto';
import { startServer } from './server.mjs';
import { apiClient, signup, assertStillServing } from './client.mjs';

const WAIT_MS = 5000;
const KEY = 'dGhlIHNhbXBsZSBub25jZQ==';
const ACCEPT = 's3pPLMBiTxaQ9kYGzzhZRbK+xOo='; // RFC 6455 section 1.3's example

/** A masked client frame; `fin` false for a fragment that more will follow. */
function frame(opcode, payload = Buffer.alloc(0), { fin = true, mask = true } = {}) {
  const data = Buffer.from(payload);
  const n = data.length;
  const head = [(fin ? 0x80 : 0) | opcode];
  const maskBit = mask ? 0x80 : 0;
  if (n < 126) head.push(maskBit | n);
  else if (n <= 0xffff) head.push(maskBit | 126, n >> 8, n & 0xff);
  else throw new Error('test frames stay under 64 KB');
  if (!mask) return Buffer.concat([Buffer.from(head), data]);
  const key = randomBytes(4);
  const body = Buffer.from(data.map((b, i) => b ^ key[i & 3]));
  return Buffer.concat([Buffer.from(head), key, body]);
}
const text = (s, opts) => frame(0x1, Buffer.from(s), opts);
const closeFrame = (code, reason = '') => {
  const p = Buffer.alloc(2 + Buffer.byteLength(reason));
  p.writeUInt16BE(code, 0);
  p.write(reason, 2);
  return frame(0x8, p);
};

/** A raw TCP connection that does the upgrade by hand and then reads server frames. */
class RawSocket {
  static open(port) {
    return new Promise((resolve, reject) => {
      const s = net.connect(port, '127.0.0.1', () => resolve(new RawSocket(s)));
      s.once('error', reject);
    });
  }
  constructor(socket) {
    this.socket = socket;
    this.buf = Buffer.alloc(0);
    this.ended = false;
    this.wake = () => {};
    socket.on('data', (d) => {
      this.buf = Buffer.concat([this.buf, d]);
      this.wake();
    });
    socket.on('close', () => {
      this.ended = true;
      this.wake();
    });
    socket.on('error', () => {});
  }
  write(bytes) {
    this.socket.write(bytes);
  }
  upgradeRequest({ key = KEY, version = '13', extra = '' } = {}) {
    return (
      `GET /api/ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
      `Sec-WebSocket-Key: ${key}\r\nSec-WebSocket-Version: ${version}\r\n${extra}\r\n`
    );
  }
  /** Waits for ready() to give something; `ms` later it throws, or gives null when `quiet`. */
  async until(ready, what, { ms = WAIT_MS, quiet = false } = {}) {
    const deadline = Date.now() + ms;
    for (;;) {
      const got = ready();
      if (got !== undefined) return got;
      if (this.ended) throw new Error(`connection ended while waiting for ${what}`);
      if (Date.now() > deadline) {
        if (quiet) return null;
        throw new Error(`timed out waiting for ${what}`);
      }
      await new Promise((r) => {
        this.wake = r;
        setTimeout(r, 50);
      });
    }
  }
  /** The HTTP response head: { status, headers (lower-case), body so far }. */
  async response() {
    const head = await this.until(() => {
      const end = this.buf.indexOf('\r\n\r\n');
      if (end < 0) return undefined;
      const text = this.buf.subarray(0, end).toString();
      this.buf = this.buf.subarray(end + 4);
      return text;
    }, 'the HTTP response');
    const [statusLine, ...lines] = head.split('\r\n');
    const headers = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
    return { status: Number(statusLine.split(' ')[1]), headers };
  }
  /** The next server frame: { fin, opcode, payload }; with `wait.quiet`, null if none came. */
  async frame(wait = {}) {
    return this.until(() => {
      const b = this.buf;
      if (b.length < 2) return undefined;
      assert.equal(b[1] & 0x80, 0, 'a server frame is never masked');
      let len = b[1] & 0x7f;
      let at = 2;
      if (len === 126) {
        if (b.length < 4) return undefined;
        len = b.readUInt16BE(2);
        at = 4;
      } else if (len === 127) {
        if (b.length < 10) return undefined;
        len = Number(b.readBigUInt64BE(2));
        at = 10;
      }
      if (b.length < at + len) return undefined;
      this.buf = b.subarray(at + len);
      return { fin: (b[0] & 0x80) !== 0, opcode: b[0] & 0x0f, payload: b.subarray(at, at + len) };
    }, 'a frame', wait);
  }
  /** The next text frame as JSON, skipping presence frames. */
  async json() {
    for (;;) {
      const f = await this.frame();
      assert.equal(f.opcode, 0x1, `expected a text frame, got opcode ${f.opcode}`);
      const msg = JSON.parse(f.payload.toString());
      if (msg.type !== 'presence') return msg;
    }
  }
  /** Waits for a close frame; returns { code, reason }. */
  async closeFrame() {
    for (;;) {
      const f = await this.frame();
      if (f.opcode !== 0x8) continue;
      return f.payload.length >= 2 ? { code: f.payload.readUInt16BE(0), reason: f.payload.subarray(2).toString() } : { code: 1005, reason: '' };
    }
  }
  async ended_() {
    await this.until(() => (this.ended ? true : undefined), 'the server to end the connection');
  }
  destroy() {
    this.socket.destroy();
  }
}

/** A server (with `env`), one user's token, and raw sockets closed when the suite ends. */
function rawSuite(env) {
  const suite = { server: null, call: null, token: null };
  const sockets = [];
  before(async () => {
    suite.server = await startServer(env ? { env } : {});
    suite.call = apiClient(suite.server.baseUrl);
    suite.token = (await signup(suite.call)).token;
  });
  after(async () => {
    for (const s of sockets) s.destroy();
    await suite.server?.stop();
  });
  suite.open = async () => {
    const s = await RawSocket.open(suite.server.port);
    sockets.push(s);
    return s;
  };
  /** An upgraded, signed-in socket. */
  suite.signedIn = async () => {
    const s = await suite.open();
    s.write(s.upgradeRequest());
    assert.equal((await s.response()).status, 101);
    s.write(text(JSON.stringify({ type: 'hello', token: suite.token, resume: {} })));
    assert.equal((await s.json()).type, 'welcome');
    return s;
  };
  return suite;
}

describe('the WebSocket protocol at /api/ws', () => {
  const suite = rawSuite();
  let call;
  let token;
  before(() => ({ call, token } = suite));
  const { open, signedIn } = suite;

  it('accepts the upgrade with the key RFC 6455 derives', async () => {
    const s = await open();
    s.write(s.upgradeRequest());
    const res = await s.response();
    assert.equal(res.status, 101);
    assert.equal(res.headers['sec-websocket-accept'], ACCEPT);
    assert.equal(res.headers.upgrade.toLowerCase(), 'websocket');
    assert.equal(res.headers.connection.toLowerCase(), 'upgrade');
    const key = randomBytes(16).toString('base64');
    const other = await open();
    other.write(other.upgradeRequest({ key }));
    const expected = createHash('sha1').update(key + '258EAFA5-E914-47DA-95CA-C5AB0DC85B11').digest('base64');
    assert.equal((await other.response()).headers['sec-websocket-accept'], expected);
  });

  it('refuses a wrong version with 426 and a bad key with 400, and stays up', async () => {
    const v = await open();
    v.write(v.upgradeRequest({ version: '8' }));
    const res = await v.response();
    assert.equal(res.status, 426);
    assert.equal(res.headers['sec-websocket-version'], '13');
    const k = await open();
    k.write(k.upgradeRequest({ key: 'too-short' }));
    assert.equal((await k.response()).status, 400);
    await assertStillServing(call);
  });

  it('reads frames sent in the same packet as the upgrade request', async () => {
    const s = await open();
    s.write(Buffer.concat([Buffer.from(s.upgradeRequest()), text(JSON.stringify({ type: 'hello', token, resume: {} })), frame(0x9, 'right behind')]));
    assert.equal((await s.response()).status, 101);
    assert.equal((await s.json()).type, 'welcome');
    const pong = await s.frame();
    assert.equal(pong.opcode, 0xa);
    assert.equal(pong.payload.toString(), 'right behind');
  });

  it('joins fragments, answers a ping between them with its payload, and echoes a close', async () => {
    const s = await open();
    s.write(s.upgradeRequest());
    assert.equal((await s.response()).status, 101);
    const hello = Buffer.from(JSON.stringify({ type: 'hello', token, resume: {} }));
    s.write(Buffer.concat([
      frame(0x1, hello.subarray(0, 10), { fin: false }),
      frame(0x9, 'mid-message'),
      frame(0x0, hello.subarray(10, 20), { fin: false }),
      frame(0x0, hello.subarray(20)),
    ]));
    const pong = await s.frame();
    assert.deepEqual([pong.opcode, pong.payload.toString()], [0xa, 'mid-message']);
    assert.equal((await s.json()).type, 'welcome');
    s.write(text(JSON.stringify({ type: 'ping' })));
    assert.equal((await s.json()).type, 'pong');
    s.write(closeFrame(1000, 'bye'));
    assert.deepEqual(await s.closeFrame(), { code: 1000, reason: '' });
    await s.ended_();
  });

  for (const [name, bytes, code] of [
    ['an unmasked frame', () => text('{"type":"ping"}', { mask: false }), 1002],
    ['a continuation with nothing to continue', () => frame(0x0, 'orphan'), 1002],
    ['a new message inside a fragmented one', () => Buffer.concat([text('{"ty', { fin: false }), text('{}')]), 1002],
    ['a reserved opcode', () => frame(0x3, 'x'), 1002],
    ['a fragmented ping', () => frame(0x9, 'x', { fin: false }), 1002],
    ['a one-byte close payload', () => frame(0x8, Buffer.from([3])), 1002],
    ['a close code no one may send', () => closeFrame(1005), 1002],
    ['text that is not UTF-8', () => frame(0x1, Buffer.from([0x7b, 0xc3, 0x28, 0x7d])), 1007],
  ]) {
    it(`closes on ${name} with ${code}, and the server stays up`, async () => {
      const s = await signedIn();
      s.write(bytes());
      assert.equal((await s.closeFrame()).code, code);
      await s.ended_();
      await assertStillServing(call);
    });
  }

  it('ends the connection when the client answers the server\'s close', async () => {
    const s = await open();
    s.write(s.upgradeRequest());
    assert.equal((await s.response()).status, 101);
    s.write(text(JSON.stringify({ type: 'ping' })));
    assert.equal((await s.json()).code, 'hello_required');
    assert.equal((await s.closeFrame()).code, 1008);
    s.write(closeFrame(1008));
    await s.ended_();
  });
});

describe('keep-alive at /api/ws (SALIK_WS_KEEPALIVE_SECONDS=1)', () => {
  const { signedIn } = rawSuite({ SALIK_WS_KEEPALIVE_SECONDS: '1' });

  it('pings a silent connection and drops it when the ping goes unanswered', async () => {
    const s = await signedIn();
    let ping;
    do ping = await s.frame(); while (ping.opcode !== 0x9);
    const pinged = Date.now();
    await s.ended_();
    assert.ok(Date.now() - pinged >= 500, 'dropped a period after the ping, not at once');
  });

  it('drops a connection that keeps sending pings but stops reading', async () => {
    const s = await signedIn();
    s.socket.pause(); // its pongs pile up in the socket until the server cannot write
    const ping = frame(0x9, 'x'.repeat(125));
    for (const end = Date.now() + 15000; !s.ended && Date.now() < end; ) {
      for (let i = 0; i < 2000 && !s.ended; i++) s.socket.write(ping);
      await new Promise((r) => setTimeout(r, 20));
    }
    assert.ok(s.ended, 'the server ended the connection');
  });

  it('keeps a connection that answers its pings', async () => {
    const s = await signedIn();
    let pings = 0;
    for (const end = Date.now() + 4000; Date.now() < end; ) {
      const f = await s.frame({ ms: end - Date.now(), quiet: true });
      if (f?.opcode === 0x9) {
        pings += 1;
        s.write(frame(0xa, f.payload));
      }
    }
    assert.ok(pings >= 1, 'it was pinged');
    s.write(text(JSON.stringify({ type: 'ping' })));
    assert.equal((await s.json()).type, 'pong');
  });
});
