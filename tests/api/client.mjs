// HTTP helpers and shared assertions for the API tests.
import assert from 'node:assert/strict';
import http from 'node:http';
import { randomUUID } from 'node:crypto';

/** A JSON API caller bound to one server: call(method, path, { token, json, body, headers }). */
export function apiClient(baseUrl) {
  return async function call(method, path, { token, json, body, headers = {}, signal } = {}) {
    const h = { ...headers };
    if (token) h.authorization = `Bearer ${token}`;
    let payload = body;
    if (json !== undefined) {
      payload = JSON.stringify(json);
      if (!Object.keys(h).some((k) => k.toLowerCase() === 'content-type')) h['content-type'] = 'application/json';
    }
    const res = await fetch(baseUrl + path, { method, headers: h, body: payload, signal });
    const text = await res.text();
    let data = null;
    try {
      data = text ? JSON.parse(text) : null;
    } catch {
      data = undefined; // not JSON
    }
    return { status: res.status, headers: res.headers, text, json: data };
  };
}

/**
 * One request with the path sent exactly as given (fetch would normalise "/../" away).
 * Resolves { status, headers, body: Buffer }.
 */
export function rawRequest(port, method, rawPath, { headers = {}, body } = {}) {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path: rawPath, headers, agent: false }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

// Text that must never reach a client: database or C++ internals.
const LEAK = /sqlite|postgres|syntax|std::|exception|what\(\)|constraint|SELECT |INSERT |UPDATE |DELETE FROM|libpq|nlohmann|boost|beast|terminate|segfault|stack/i;

/** Asserts the one error shape, the status, the code (and field), and that nothing leaks. */
export function assertError(res, status, code, field) {
  assert.equal(res.status, status, `expected ${status} ${code}, got ${res.status}: ${res.text}`);
  assert.ok(res.json && typeof res.json === 'object', `error body is not JSON: ${res.text}`);
  assert.deepEqual(Object.keys(res.json), ['error'], `error body has other keys: ${res.text}`);
  const err = res.json.error;
  assert.equal(typeof err.message, 'string');
  assert.ok(err.message.length > 5, 'error message is a sentence');
  assert.match(err.code, /^[a-z][a-z0-9_]*$/, 'code is snake_case');
  if (code) assert.equal(err.code, code, `code: ${res.text}`);
  if (field !== undefined) assert.equal(err.field, field, `field: ${res.text}`);
  assert.doesNotMatch(res.text, LEAK, `error leaks internals: ${res.text}`);
  for (const key of Object.keys(err)) assert.ok(['code', 'message', 'field'].includes(key), `unexpected key ${key}`);
}

let counter = 0;
export function uniqueEmail(prefix = 'user') {
  counter += 1;
  return `${prefix}-${process.pid}-${counter}-${randomUUID().slice(0, 8)}@salikchat.test`;
}

export const PASSWORD = 'correct-horse-42';

/** Signs up a fresh account; resolves { token, user, email, password }. */
export async function signup(call, { role = 'customer', city = 'Dubai', full_name } = {}) {
  const email = uniqueEmail(role);
  const res = await call('POST', '/api/auth/signup', {
    json: { email, password: PASSWORD, full_name: full_name ?? `Test ${role}`, city, role },
  });
  assert.equal(res.status, 201, res.text);
  return { token: res.json.token, user: res.json.user, email, password: PASSWORD };
}

export async function login(call, email, password) {
  const res = await call('POST', '/api/auth/login', { json: { email, password } });
  assert.equal(res.status, 200, res.text);
  return res.json.token;
}

/** A mechanic whose profile an admin has verified. */
export async function verifiedMechanic(call, adminToken, opts = {}) {
  const m = await signup(call, { role: 'mechanic', ...opts });
  const res = await call('POST', `/api/mechanics/${m.user.id}/verify`, {
    token: adminToken,
    json: { decision: 'verified', reason: 'Documents checked.' },
  });
  assert.equal(res.status, 200, res.text);
  return m;
}

export function validIssue(overrides = {}) {
  return {
    title: 'Grinding noise when braking',
    description: 'Metal on metal sound from the front left wheel at low speed.',
    category: 'brakes',
    urgency: 'urgent',
    car_make: 'Toyota',
    car_model: 'Camry',
    car_year: 2019,
    car_mileage: 85000,
    budget_range: '200_500',
    ...overrides,
  };
}

export function validResponse(overrides = {}) {
  return {
    initial_diagnosis: 'Worn brake pads touching the rotor; replace pads and check the disc.',
    estimated_cost_min: 15000,
    estimated_cost_max: 30000,
    estimated_fix_time: '1-2 hours',
    confidence_level: 'high',
    needs_video_call: false,
    ...overrides,
  };
}

/** The number of issues a customer has (any status), to prove a refusal wrote nothing. */
export async function myIssueCount(call, token) {
  const res = await call('GET', '/api/issues?mine=1&limit=50', { token });
  assert.equal(res.status, 200, res.text);
  return res.json.total;
}

/** The server still answers normally after whatever the test just did. */
export async function assertStillServing(call) {
  const res = await call('GET', '/api/health');
  assert.equal(res.status, 200);
  assert.equal(res.json.status, 'ok');
}

export const NO_SUCH_ID = '00000000-0000-4000-8000-000000000000';

// --- chat (conversations and messages)

/** A new car owner's issue and a verified mechanic who responded to it: { owner, mechanic, issue }. */
export async function respondedIssue(call, adminToken) {
  const owner = await signup(call);
  const created = await call('POST', '/api/issues', { token: owner.token, json: validIssue() });
  assert.equal(created.status, 201, created.text);
  const mechanic = await verifiedMechanic(call, adminToken);
  const res = await call('POST', `/api/issues/${created.json.id}/responses`, { token: mechanic.token, json: validResponse() });
  assert.equal(res.status, 201, res.text);
  return { owner, mechanic, issue: created.json };
}

/** respondedIssue plus the conversation the car owner opened with that mechanic. */
export async function chatPair(call, adminToken) {
  const pair = await respondedIssue(call, adminToken);
  const res = await call('POST', '/api/conversations', {
    token: pair.owner.token,
    json: { issue_id: pair.issue.id, mechanic_id: pair.mechanic.user.id },
  });
  assert.equal(res.status, 201, res.text);
  return { ...pair, conversation: res.json };
}

/** POST a chat message; a fresh client_id unless one is given. */
export function sendMessage(call, token, conversationId, content, clientId = randomUUID()) {
  return call('POST', `/api/conversations/${conversationId}/messages`, { token, json: { client_id: clientId, content } });
}

/** Every message of a conversation as `token` sees it, newest first (walks the pages). */
export async function allMessages(call, token, conversationId) {
  const out = [];
  let before = '';
  for (;;) {
    const res = await call('GET', `/api/conversations/${conversationId}/messages?limit=100${before}`, { token });
    assert.equal(res.status, 200, res.text);
    out.push(...res.json.items);
    if (!res.json.has_more) return out;
    before = `&before=${out[out.length - 1].seq}`;
  }
}

/** How many conversations the user has, to prove a refusal opened none. */
export async function conversationCount(call, token) {
  const res = await call('GET', '/api/conversations', { token });
  assert.equal(res.status, 200, res.text);
  return res.json.items.length;
}
