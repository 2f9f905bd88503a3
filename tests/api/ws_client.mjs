// A test client for /api/ws on top of the `ws` package: every frame the server sends lands in an
// inbox, and tests take frames out by type or predicate, waiting when they have not come yet.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';

const WAIT_MS = 5000;

export function wsUrl(baseUrl) {
  return `${baseUrl.replace(/^http/, 'ws')}/api/ws`;
}

/** Opens the socket; rejects with { status } when the upgrade is refused. Options: origin, headers. */
export function openSocket(baseUrl, { origin, headers = {} } = {}) {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(wsUrl(baseUrl), { origin, headers, maxPayload: 64 * 1024 * 1024 });
    ws.once('open', () => resolve(new ChatSocket(ws)));
    ws.once('unexpected-response', (_req, res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (body += d));
      res.on('end', () => reject(Object.assign(new Error(`upgrade refused: ${res.statusCode}`), { status: res.statusCode, body })));
    });
    ws.once('error', reject);
  });
}

/** Opens a socket and says hello; resolves once the welcome arrived. */
export async function connect(baseUrl, token, resume = {}) {
  const socket = await openSocket(baseUrl);
  socket.welcome = await socket.hello(token, resume);
  return socket;
}

export class ChatSocket {
  constructor(ws) {
    this.ws = ws;
    this.inbox = [];
    this.log = []; // every frame received, in order, taken or not
    this.waiters = [];
    this.closed = null; // { code, reason } once closed
    this.closedPromise = new Promise((resolve) => {
      ws.on('close', (code, reason) => {
        this.closed = { code, reason: reason.toString() };
        for (const w of this.waiters.splice(0)) w.reject(new Error(`socket closed (${code} ${reason}) while waiting`));
        resolve(this.closed);
      });
    });
    ws.on('error', () => {}); // a close follows; tests look at that
    ws.on('message', (data, isBinary) => {
      assert.equal(isBinary, false, 'the server sends text frames only');
      const frame = JSON.parse(data.toString());
      assert.equal(typeof frame.type, 'string', `a frame without a type: ${data}`);
      this.inbox.push(frame);
      this.log.push(frame);
      this.waiters = this.waiters.filter((w) => !w.check());
    });
  }

  send(frame) {
    this.ws.send(JSON.stringify(frame));
  }
  sendRaw(data, { binary = false } = {}) {
    this.ws.send(data, { binary });
  }

  async hello(token, resume = {}) {
    this.send({ type: 'hello', token, resume });
    const welcome = await this.next('welcome');
    return welcome;
  }

  sendMessage(conversationId, content, clientId = randomUUID()) {
    this.send({ type: 'send', conversation_id: conversationId, client_id: clientId, content });
    return clientId;
  }

  /** The first frame (oldest first) matching `what` (a type or a predicate), taken out of the inbox. */
  next(what = () => true, timeoutMs = WAIT_MS) {
    const match = typeof what === 'string' ? (f) => f.type === what : what;
    return new Promise((resolve, reject) => {
      const take = () => {
        const i = this.inbox.findIndex(match);
        if (i < 0) return false;
        resolve(this.inbox.splice(i, 1)[0]);
        return true;
      };
      if (take()) return;
      if (this.closed) return reject(new Error(`socket closed (${this.closed.code} ${this.closed.reason})`));
      const waiter = {
        check: () => {
          if (!take()) return false;
          clearTimeout(timer);
          return true;
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(new Error(`no frame matching ${what} within ${timeoutMs} ms; inbox: ${JSON.stringify(this.inbox).slice(0, 2000)}`));
      }, timeoutMs);
      this.waiters.push(waiter);
    });
  }

  /** `count` frames matching `what`, in arrival order. */
  async take(what, count, timeoutMs = WAIT_MS) {
    const out = [];
    for (let i = 0; i < count; i += 1) out.push(await this.next(what, timeoutMs));
    return out;
  }

  /** The ack for `clientId` (or the error frame that refused it). */
  reply(clientId, timeoutMs = WAIT_MS) {
    return this.next((f) => (f.type === 'ack' || f.type === 'error') && f.client_id === clientId, timeoutMs);
  }

  /** Round trip: once the pong is back, every frame the server sent before it is in the inbox. */
  async sync() {
    this.send({ type: 'ping' });
    await this.next('pong');
  }

  /** Frames still in the inbox that match (without taking them). */
  pending(what = () => true) {
    const match = typeof what === 'string' ? (f) => f.type === what : what;
    return this.inbox.filter(match);
  }

  /** Waits for the server to close; resolves { code, reason }. */
  async closedWithin(timeoutMs = WAIT_MS) {
    let timer;
    const timeout = new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`the server did not close within ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      return await Promise.race([this.closedPromise, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  close() {
    if (!this.closed) this.ws.close(1000);
    return this.closedPromise;
  }
  /** Drops the TCP connection without a closing handshake, like a lost network. */
  terminate() {
    this.ws.terminate();
    return this.closedPromise;
  }
}
