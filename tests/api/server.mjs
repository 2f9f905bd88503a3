// Starts the real salik-server binary on a free loopback port with a fresh data folder (and a
// fresh PostgreSQL database when SALIK_TEST_PG_URL is set), waits until /api/health answers,
// and stops it again. Node's built-in modules only, so it runs on Node 18 and 20.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SERVER_BIN = process.env.SALIK_SERVER_BIN || path.join(REPO_ROOT, 'build', 'native', 'salik-server');

// The admin every test server bootstraps (SALIK_ADMIN_EMAIL / SALIK_ADMIN_PASSWORD).
export const ADMIN = { email: 'admin@salikchat.test', password: 'admin-password-123' };

const START_TIMEOUT_MS = 30_000;
const RUNNING_LINE = /SalikChat is running at http:\/\/localhost:(\d+)/;

// A new, empty PostgreSQL database next to the one SALIK_TEST_PG_URL names, so every server
// (and every test file, which node --test runs in parallel) starts clean.
function createPgDatabase(baseUrl) {
  const name = `salik_api_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  execFileSync('psql', [baseUrl, '-v', 'ON_ERROR_STOP=1', '-qc', `CREATE DATABASE ${name}`], { stdio: 'pipe' });
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => {
      try {
        execFileSync('psql', [baseUrl, '-qc', `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`], { stdio: 'pipe' });
      } catch {
        // a leftover test database is harmless; the throwaway cluster goes away anyway
      }
    },
  };
}

// Our own settings only: nothing SALIK_* leaks in from the shell that runs the tests.
function serverEnv(overrides) {
  const env = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('SALIK_')) env[k] = v;
  return { ...env, ...overrides };
}

/**
 * Starts a server. Options:
 *   env   extra or overriding environment (e.g. { SALIK_API_RATE_PER_MINUTE: '5' })
 *   args  command-line arguments (e.g. ['--demo'])
 *   keepData  leave the data folder and database in place at stop, for a restart
 *   dataFrom  a stopped server started with keepData: restart on its data (and clean it up)
 * Returns { baseUrl, port, dataDir, stdout(), stderr(), stop() }.
 */
export async function startServer({ env = {}, args = [], keepData = false, dataFrom } = {}) {
  if (!existsSync(SERVER_BIN)) throw new Error(`no server binary at ${SERVER_BIN} (build it or set SALIK_SERVER_BIN)`);
  const dataDir = dataFrom ? dataFrom.dataDir : mkdtempSync(path.join(os.tmpdir(), 'salik-api-'));
  const pg = dataFrom ? dataFrom.pg : process.env.SALIK_TEST_PG_URL ? createPgDatabase(process.env.SALIK_TEST_PG_URL) : null;

  const child = spawn(SERVER_BIN, args, {
    env: serverEnv({
      SALIK_HOST: '127.0.0.1',
      SALIK_PORT: '0',
      SALIK_DATA_DIR: dataDir,
      SALIK_WEB_ROOT: path.join(dataDir, 'no-web-root'),
      SALIK_API_RATE_PER_MINUTE: '1000000',
      SALIK_ADMIN_EMAIL: ADMIN.email,
      SALIK_ADMIN_PASSWORD: ADMIN.password,
      ...(pg ? { SALIK_DATABASE_URL: pg.url } : {}),
      ...env,
    }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d) => (stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));

  const cleanup = () => {
    if (keepData) return;
    rmSync(dataDir, { recursive: true, force: true });
    pg?.drop();
  };

  let port;
  try {
    port = await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`server did not start in time\n${stdout}\n${stderr}`)), START_TIMEOUT_MS);
      const check = () => {
        const m = RUNNING_LINE.exec(stdout);
        if (m) {
          clearTimeout(timer);
          resolve(Number(m[1]));
        }
      };
      child.stdout.on('data', check);
      exited.then(({ code, signal }) => {
        clearTimeout(timer);
        reject(new Error(`server exited (code ${code}, signal ${signal}) before it ran\n${stdout}\n${stderr}`));
      });
    });
  } catch (e) {
    child.kill('SIGKILL');
    cleanup();
    throw e;
  }

  const baseUrl = `http://127.0.0.1:${port}`;
  await waitForHealth(baseUrl);

  let stopped = false;
  return {
    baseUrl,
    port,
    dataDir,
    pg,
    stdout: () => stdout,
    stderr: () => stderr,
    exited,
    async stop() {
      if (stopped) return;
      stopped = true;
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const killer = setTimeout(() => child.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(killer);
      }
      cleanup();
    },
  };
}

async function waitForHealth(baseUrl) {
  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    try {
      const res = await fetch(`${baseUrl}/api/health`);
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${baseUrl}/api/health never answered 200`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
