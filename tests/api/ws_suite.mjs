// The setup every /api/ws test suite shares, called inside describe(): a fresh server (with
// `env`), an API client, the bootstrapped admin's token, and open() for sockets that are all
// closed when the suite ends. The fields are filled in by the suite's first before() hook.
import { before, after } from 'node:test';
import { startServer, ADMIN } from './server.mjs';
import { apiClient, login } from './client.mjs';
import { connect, openSocket } from './ws_client.mjs';

export function socketSuite({ env } = {}) {
  const suite = { server: null, call: null, admin: null, sockets: [] };
  before(async () => {
    suite.server = await startServer(env ? { env } : {});
    suite.call = apiClient(suite.server.baseUrl);
    suite.admin = await login(suite.call, ADMIN.email, ADMIN.password);
  });
  after(async () => {
    await Promise.all(suite.sockets.map((s) => s.terminate()));
    await suite.server?.stop();
  });
  /** A signed-in chat socket (hello sent, welcome read), closed with the suite. */
  suite.open = async (token, resume) => {
    const s = await connect(suite.server.baseUrl, token, resume);
    suite.sockets.push(s);
    return s;
  };
  /** A socket before any hello (for origin and first-frame tests), closed with the suite. */
  suite.raw = async (opts) => {
    const s = await openSocket(suite.server.baseUrl, opts);
    suite.sockets.push(s);
    return s;
  };
  return suite;
}
