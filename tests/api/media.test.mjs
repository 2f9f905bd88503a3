// Media uploads and downloads against a real server: the type comes from the bytes, photos lose
// their GPS tags, recordings are measured, links are signed and expire, downloads seek with Range.
// Every refusal stores nothing (the list is unchanged) and leaves no temp file in the data folder.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { startServer, ADMIN } from './server.mjs';
import { apiClient, assertError, assertStillServing, signup, login, validIssue, chatPair, NO_SUCH_ID } from './client.mjs';
import {
  wav, png, exifWithGps, withExifApp1, GPS_MARK, makeOpusWebm, makeRecorderWebm, makeMp4Video, makeWebmVideo,
  makeJpeg, makeOgg, makeMp3, makeM4a, makeWebp, elf,
} from './media_fixtures.mjs';

/** POST raw bytes to an upload route. */
export function upload(call, token, route, bytes, { label, type = 'application/octet-stream' } = {}) {
  const q = label === undefined ? '' : `?label=${encodeURIComponent(label)}`;
  return call('POST', route + q, { token, body: bytes, headers: { 'content-type': type } });
}

/** Files left in <data>/tmp (uploads in flight or leftovers). */
function tempFiles(server) {
  const dir = path.join(server.dataDir, 'tmp');
  return existsSync(dir) ? readdirSync(dir) : [];
}

/** Every stored media file under <data>/media (content-named). */
function storedFiles(server) {
  const root = path.join(server.dataDir, 'media');
  if (!existsSync(root)) return [];
  return readdirSync(root).flatMap((d) => readdirSync(path.join(root, d)).map((f) => `${d}/${f}`));
}

describe('media', () => {
  let server;
  let call;
  let admin;
  before(async () => {
    server = await startServer({ env: { SALIK_UPLOAD_RATE_PER_HOUR: '1000' } });
    call = apiClient(server.baseUrl);
    admin = await login(call, ADMIN.email, ADMIN.password);
  });
  after(() => server?.stop());

  async function ownerWithIssue() {
    const owner = await signup(call);
    const res = await call('POST', '/api/issues', { token: owner.token, json: validIssue() });
    assert.equal(res.status, 201, res.text);
    return { owner, issue: res.json, route: `/api/issues/${res.json.id}/media` };
  }

  async function issueMedia(token, issueId) {
    const res = await call('GET', `/api/issues/${issueId}`, { token });
    assert.equal(res.status, 200, res.text);
    return res.json.media;
  }

  async function download(url, headers = {}) {
    const res = await fetch(server.baseUrl + url, { headers });
    return { status: res.status, headers: res.headers, body: Buffer.from(await res.arrayBuffer()) };
  }

  /** A refusal: the status and code, nothing added to the issue, no temp file left. */
  async function assertRefused(res, status, code, { token, issueId, before = [] }) {
    assertError(res, status, code);
    if (issueId) assert.deepEqual(await issueMedia(token, issueId), before, 'nothing stored');
    assert.deepEqual(tempFiles(server), [], 'no temp file left');
  }

  it('takes a WAV recording: audio, measured, signed link, bytes come back unchanged', async () => {
    const { owner, issue, route } = await ownerWithIssue();
    const bytes = wav(3);
    const res = await upload(call, owner.token, route, bytes, { label: 'engine idle.wav', type: 'audio/wav' });
    assert.equal(res.status, 201, res.text);
    const m = res.json;
    assert.match(m.id, /^[0-9a-f-]{36}$/);
    assert.equal(m.media_type, 'audio');
    assert.equal(m.mime, 'audio/wav');
    assert.equal(m.file_size, bytes.length);
    assert.equal(m.label, 'engine idle.wav');
    assert.equal(m.owner_id, owner.user.id);
    assert.equal(m.width, null);
    assert.equal(m.height, null);
    assert.ok(Math.abs(m.duration_seconds - 3) < 0.05, `duration ${m.duration_seconds}`);
    assert.match(m.created_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
    assert.match(m.url, new RegExp(`^/api/media/${m.id}/content\\?expires=\\d+&sig=[0-9a-f]{64}$`));
    const expires = Number(new URL(m.url, server.baseUrl).searchParams.get('expires'));
    assert.ok(Math.abs(expires - (Date.now() / 1000 + 3600)) < 60, 'links live one hour');

    const got = await download(m.url);
    assert.equal(got.status, 200);
    assert.equal(got.headers.get('content-type'), 'audio/wav');
    assert.equal(got.headers.get('accept-ranges'), 'bytes');
    assert.match(got.headers.get('cache-control'), /^private/);
    assert.ok(got.body.equals(bytes), 'same bytes back');
    const head = await fetch(server.baseUrl + m.url, { method: 'HEAD' });
    assert.equal(head.status, 200, 'HEAD asks about a download without fetching it');
    assert.equal(head.headers.get('content-length'), String(bytes.length));
    assert.equal((await head.arrayBuffer()).byteLength, 0);

    const listed = await issueMedia(owner.token, issue.id);
    assert.equal(listed.length, 1);
    assert.equal(listed[0].id, m.id);
    assert.equal((await download(listed[0].url)).status, 200, 'the issue lists a working link');
    assert.deepEqual(tempFiles(server), []);
  });

  it('takes a WebM/Opus recording (and one written like MediaRecorder, without a duration header)', async () => {
    const { owner, issue, route } = await ownerWithIssue();
    const a = await upload(call, owner.token, route, makeOpusWebm(3), { label: 'engine.webm', type: 'audio/webm;codecs=opus' });
    assert.equal(a.status, 201, a.text);
    assert.equal(a.json.media_type, 'audio');
    assert.equal(a.json.mime, 'audio/webm');
    assert.ok(Math.abs(a.json.duration_seconds - 3) < 0.1, `duration ${a.json.duration_seconds}`);
    const b = await upload(call, owner.token, route, makeRecorderWebm(2), { label: 'recorded.webm' });
    assert.equal(b.status, 201, b.text);
    assert.ok(Math.abs(b.json.duration_seconds - 2) < 0.1, `duration ${b.json.duration_seconds}`);
    const listed = await issueMedia(owner.token, issue.id);
    assert.deepEqual(listed.map((x) => x.id), [a.json.id, b.json.id], 'oldest first');
  });

  it('takes Ogg, MP3 and M4A recordings and WebP photos, whatever their names say', async () => {
    const { owner, route } = await ownerWithIssue();
    const cases = [
      [makeOgg(2), 'audio', 'audio/ogg'],
      [makeMp3(2), 'audio', 'audio/mpeg'],
      [makeM4a(2), 'audio', 'audio/mp4'],
      [makeWebp(), 'image', 'image/webp'],
    ];
    for (const [bytes, type, mime] of cases) {
      const res = await upload(call, owner.token, route, bytes, { label: 'file.bin' });
      assert.equal(res.status, 201, res.text);
      assert.equal(res.json.media_type, type);
      assert.equal(res.json.mime, mime);
      if (type === 'audio') assert.ok(Math.abs(res.json.duration_seconds - 2) < 0.15, `${mime} ${res.json.duration_seconds}`);
      else assert.deepEqual([res.json.width, res.json.height], [48, 36]);
    }
  });

  it('takes videos (MP4 with sound, WebM) with size and duration', async () => {
    const { owner, route } = await ownerWithIssue();
    for (const [bytes, mime] of [[makeMp4Video(), 'video/mp4'], [makeWebmVideo(), 'video/webm']]) {
      const res = await upload(call, owner.token, route, bytes, { label: 'clip', type: mime });
      assert.equal(res.status, 201, res.text);
      assert.equal(res.json.media_type, 'video');
      assert.equal(res.json.mime, mime);
      assert.equal(res.json.width, 160);
      assert.equal(res.json.height, 120);
      assert.ok(Math.abs(res.json.duration_seconds - 2) < 0.2, `duration ${res.json.duration_seconds}`);
    }
  });

  it('takes a PNG with its size, and drops its eXIf chunk', async () => {
    const { owner, route } = await ownerWithIssue();
    const bytes = png(40, 30, { exif: exifWithGps() });
    const res = await upload(call, owner.token, route, bytes, { label: 'dash.png', type: 'image/png' });
    assert.equal(res.status, 201, res.text);
    assert.equal(res.json.media_type, 'image');
    assert.equal(res.json.mime, 'image/png');
    assert.equal(res.json.width, 40);
    assert.equal(res.json.height, 30);
    assert.equal(res.json.duration_seconds, null);
    const got = await download(res.json.url);
    assert.ok(got.body.equals(png(40, 30)), 'the stored PNG is the same picture without eXIf');
    assert.equal(res.json.file_size, got.body.length);
  });

  it('strips GPS from a JPEG before anyone can download it', async () => {
    const { owner, route } = await ownerWithIssue();
    const plain = makeJpeg();
    const tagged = withExifApp1(plain);
    assert.ok(tagged.includes(GPS_MARK), 'the fixture carries the GPS mark');
    const res = await upload(call, owner.token, route, tagged, { label: 'IMG_0001.JPG', type: 'image/jpeg' });
    assert.equal(res.status, 201, res.text);
    assert.equal(res.json.width, 32);
    assert.equal(res.json.height, 24);
    const got = await download(res.json.url);
    assert.equal(got.status, 200);
    assert.equal(got.headers.get('content-type'), 'image/jpeg');
    assert.ok(!got.body.includes(GPS_MARK), 'GPS latitude gone');
    assert.ok(!got.body.includes(Buffer.from('Exif\0\0', 'latin1')), 'Exif segment gone');
    assert.ok(got.body.equals(plain), 'everything else is kept as it was');
    assert.equal(res.json.file_size, plain.length, 'size is of the stored bytes');
  });

  it('answers Range requests with 206 and the exact bytes, and 416 past the end', async () => {
    const { owner, route } = await ownerWithIssue();
    const bytes = wav(2);
    const m = (await upload(call, owner.token, route, bytes)).json;
    const part = await download(m.url, { range: 'bytes=100-199' });
    assert.equal(part.status, 206);
    assert.equal(part.headers.get('content-range'), `bytes 100-199/${bytes.length}`);
    assert.equal(part.headers.get('content-length'), '100');
    assert.ok(part.body.equals(bytes.subarray(100, 200)));
    const open = await download(m.url, { range: `bytes=${bytes.length - 10}-` });
    assert.equal(open.status, 206);
    assert.ok(open.body.equals(bytes.subarray(bytes.length - 10)));
    const suffix = await download(m.url, { range: 'bytes=-44' });
    assert.equal(suffix.status, 206);
    assert.ok(suffix.body.equals(bytes.subarray(bytes.length - 44)));
    const past = await download(m.url, { range: `bytes=${bytes.length}-` });
    assert.equal(past.status, 416);
    assert.equal(past.headers.get('content-range'), `bytes */${bytes.length}`);
  });

  it('refuses a tampered link (403), an unknown id (404), and a link without a signature (403)', async () => {
    const { owner, route } = await ownerWithIssue();
    const m = (await upload(call, owner.token, route, wav(1))).json;
    const url = new URL(m.url, server.baseUrl);
    const sig = url.searchParams.get('sig');
    const flipped = (sig[0] === 'a' ? 'b' : 'a') + sig.slice(1);
    let res = await call('GET', `${url.pathname}?expires=${url.searchParams.get('expires')}&sig=${flipped}`);
    assertError(res, 403, 'invalid_link');
    const later = Number(url.searchParams.get('expires')) + 86400;
    res = await call('GET', `${url.pathname}?expires=${later}&sig=${sig}`);
    assertError(res, 403, 'invalid_link');
    res = await call('GET', url.pathname);
    assertError(res, 403, 'invalid_link');
    res = await call('GET', `/api/media/${NO_SUCH_ID}/content?expires=${later}&sig=${sig}`);
    assertError(res, 404, 'not_found');
  });

  it('refuses a PNG sent as audio (415), and an executable renamed .webm (415)', async () => {
    const { owner, issue, route } = await ownerWithIssue();
    const ctx = { token: owner.token, issueId: issue.id };
    let res = await upload(call, owner.token, route, png(8, 8), { label: 'engine.webm', type: 'audio/webm' });
    await assertRefused(res, 415, 'unsupported_media_type', ctx);
    assert.match(res.json.error.message, /PNG/);
    res = await upload(call, owner.token, route, elf(), { label: 'engine.webm', type: 'audio/webm' });
    await assertRefused(res, 415, 'unsupported_media_type', ctx);
    res = await upload(call, owner.token, route, elf(), { label: 'engine.webm' });
    await assertRefused(res, 415, 'unsupported_media_type', ctx);
    assert.deepEqual(storedFiles(server).filter((f) => f.includes('webm')), [], 'no name from the client on disk');
  });

  it('refuses truncated files with 400: WebM, WAV, PNG, JPEG, MP4', async () => {
    const { owner, issue, route } = await ownerWithIssue();
    const ctx = { token: owner.token, issueId: issue.id };
    const half = (b) => b.subarray(0, Math.floor(b.length / 2));
    for (const bytes of [half(makeOpusWebm(3)), half(wav(2)), half(png(64, 64)), half(makeJpeg()), half(makeMp4Video())]) {
      const res = await upload(call, owner.token, route, bytes, { label: 'cut' });
      await assertRefused(res, 400, 'unreadable_file', ctx);
    }
    const empty = await upload(call, owner.token, route, Buffer.alloc(0));
    await assertRefused(empty, 400, 'unreadable_file', ctx);
  });

  it('refuses 11 MB of audio and a 61 s recording with 413 saying the limit', async () => {
    const { owner, issue, route } = await ownerWithIssue();
    const ctx = { token: owner.token, issueId: issue.id };
    const big = wav(11 * 1024 * 1024 / 2 / 8000 + 1); // 16-bit mono at 8 kHz: a little over 11 MB
    assert.ok(big.length > 11 * 1024 * 1024);
    let res = await upload(call, owner.token, route, big, { type: 'audio/wav' });
    await assertRefused(res, 413, 'payload_too_large', ctx);
    assert.match(res.json.error.message, /10 MB/);
    res = await upload(call, owner.token, route, makeOpusWebm(61), { label: 'long.webm', type: 'audio/webm' });
    await assertRefused(res, 413, 'payload_too_large', ctx);
    assert.match(res.json.error.message, /60 seconds/);
    const ok = await upload(call, owner.token, route, makeOpusWebm(59), { label: 'ok.webm' });
    assert.equal(ok.status, 201, '59 s is fine');
  });

  it('refuses a body over 50 MB from its Content-Length, before it is sent, and leaves no temp file', async () => {
    const { owner, route } = await ownerWithIssue();
    const answer = await new Promise((resolve, reject) => {
      const socket = net.connect(server.port, '127.0.0.1', () => {
        socket.write(
          `POST ${route} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${owner.token}\r\n` +
            `Content-Type: video/mp4\r\nContent-Length: ${60 * 1024 * 1024}\r\n\r\n`,
        );
      });
      let text = '';
      socket.on('data', (d) => {
        text += d;
        if (text.includes('\r\n\r\n') && text.includes('}}')) socket.destroy(), resolve(text);
      });
      socket.on('error', reject);
      setTimeout(() => reject(new Error(`no early answer: ${text}`)), 5000);
    });
    assert.match(answer, /^HTTP\/1\.1 413/);
    assert.match(answer, /50 MB/);
    assert.deepEqual(tempFiles(server), []);
  });

  it('stops a chunked body (no Content-Length) at the route cap with 413, and leaves no temp file', async () => {
    const mechanic = await signup(call, { role: 'mechanic' });
    const answer = await new Promise((resolve, reject) => {
      const socket = net.connect(server.port, '127.0.0.1', () => {
        socket.write(
          `POST /api/mechanics/me/documents HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${mechanic.token}\r\n` +
            'Content-Type: image/png\r\nTransfer-Encoding: chunked\r\n\r\n',
        );
        const piece = Buffer.alloc(256 * 1024, 7);
        let sent = 0;
        const pump = () => {
          while (sent < 6 * 1024 * 1024 && !socket.destroyed) {
            sent += piece.length;
            const chunk = Buffer.concat([Buffer.from(`${piece.length.toString(16)}\r\n`), piece, Buffer.from('\r\n')]);
            if (!socket.write(chunk)) return socket.once('drain', pump);
          }
        };
        pump();
      });
      let text = '';
      socket.on('data', (d) => {
        text += d;
        if (text.includes('}}')) socket.destroy(), resolve(text);
      });
      socket.on('error', () => resolve(text));
      setTimeout(() => reject(new Error(`no answer: ${text}`)), 10000);
    });
    assert.match(answer, /^HTTP\/1\.1 413/);
    assert.match(answer, /5 MB/);
    assert.deepEqual(tempFiles(server), []);
    const docs = await call('GET', `/api/mechanics/${mechanic.user.id}/documents`, { token: mechanic.token });
    assert.deepEqual(docs.json.items, []);
  });

  it('removes the temp file when the client hangs up in the middle of the body', async () => {
    const { owner, issue, route } = await ownerWithIssue();
    await new Promise((resolve, reject) => {
      const socket = net.connect(server.port, '127.0.0.1', () => {
        socket.write(
          `POST ${route} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${owner.token}\r\n` +
            `Content-Type: audio/wav\r\nContent-Length: 1000000\r\n\r\n`,
        );
        socket.write(wav(10).subarray(0, 300000), () => setTimeout(() => (socket.destroy(), resolve()), 200));
      });
      socket.on('error', reject);
    });
    for (let i = 0; i < 50 && tempFiles(server).length > 0; i++) await new Promise((r) => setTimeout(r, 100));
    assert.deepEqual(tempFiles(server), []);
    assert.deepEqual(await issueMedia(owner.token, issue.id), []);
    await assertStillServing(call);
  });

  it('uses a path-traversal label as a label only: its last part, never a path', async () => {
    const { owner, route } = await ownerWithIssue();
    const res = await upload(call, owner.token, route, png(4, 4), { label: '../../etc/passwd' });
    assert.equal(res.status, 201, res.text);
    assert.equal(res.json.label, 'passwd');
    const win = await upload(call, owner.token, route, png(5, 5), { label: '..\\..\\boot.ini' });
    assert.equal(win.json.label, 'boot.ini');
    const dots = await upload(call, owner.token, route, png(6, 6), { label: '../..' });
    assert.equal(dots.json.label, 'photo', 'nothing usable left: named after its type');
    for (const f of storedFiles(server)) assert.match(f, /^[0-9a-f]{2}\/[0-9a-f]{62}$/, 'content-named files only');
    assert.ok(!existsSync(path.join(server.dataDir, 'etc')), 'nothing written outside the media folder');
    assert.ok(!existsSync(path.join(server.dataDir, 'media', 'passwd')));
  });

  it('lets only the issue owner upload: others get 403, an unknown issue 404, no token 401', async () => {
    const { owner, issue, route } = await ownerWithIssue();
    const other = await signup(call);
    const mechanic = await signup(call, { role: 'mechanic' });
    const ctx = { token: owner.token, issueId: issue.id };
    for (const token of [other.token, mechanic.token, admin]) {
      const res = await upload(call, token, route, png(4, 4));
      await assertRefused(res, 403, 'forbidden', ctx);
    }
    await assertRefused(await upload(call, undefined, route, png(4, 4)), 401, 'unauthorized', ctx);
    await assertRefused(await upload(call, owner.token, `/api/issues/${NO_SUCH_ID}/media`, png(4, 4)), 404, 'not_found', ctx);
  });

  it("keeps a mechanic's documents private: the mechanic and admins read them, nobody else", async () => {
    const mechanic = await signup(call, { role: 'mechanic' });
    const other = await signup(call, { role: 'mechanic' });
    const customer = await signup(call);
    const route = '/api/mechanics/me/documents';
    const listOf = (token, id = mechanic.user.id) => call('GET', `/api/mechanics/${id}/documents`, { token });

    const res = await upload(call, mechanic.token, route, png(20, 10), { label: 'trade licence.png' });
    assert.equal(res.status, 201, res.text);
    assert.equal(res.json.media_type, 'image');
    const mine = await listOf(mechanic.token);
    assert.equal(mine.status, 200, mine.text);
    assert.deepEqual(mine.json.items.map((m) => m.id), [res.json.id]);
    const byAdmin = await listOf(admin);
    assert.equal(byAdmin.status, 200);
    assert.equal((await download(byAdmin.json.items[0].url)).status, 200);

    assertError(await listOf(other.token), 403, 'forbidden');
    assertError(await listOf(customer.token), 403, 'forbidden');
    assertError(await listOf(undefined), 401, 'unauthorized');
    assertError(await listOf(admin, NO_SUCH_ID), 404, 'not_found');

    // Only photos, only mechanics; refusals store nothing.
    assertError(await upload(call, mechanic.token, route, wav(1)), 415, 'unsupported_media_type');
    assertError(await upload(call, customer.token, route, png(4, 4)), 403, 'forbidden');
    assert.equal((await listOf(mechanic.token)).json.items.length, 1);
    assert.deepEqual(tempFiles(server), []);
  });

  it('takes chat media from the two participants only', async () => {
    const { owner, mechanic, conversation } = await chatPair(call, admin);
    const route = `/api/conversations/${conversation.id}/media`;
    for (const p of [owner, mechanic]) {
      const res = await upload(call, p.token, route, wav(1), { label: 'noise.wav' });
      assert.equal(res.status, 201, res.text);
      assert.equal(res.json.owner_id, p.user.id);
    }
    const outsider = await signup(call);
    assertError(await upload(call, outsider.token, route, wav(1)), 403, 'forbidden');
    assertError(await upload(call, admin, route, wav(1)), 403, 'forbidden');
    assertError(await upload(call, owner.token, `/api/conversations/${NO_SUCH_ID}/media`, wav(1)), 404);
    assert.deepEqual(tempFiles(server), []);
  });

  it('deleting an issue deletes its media and its chats\' media: links 404, files go unless another upload shares them', async () => {
    const { owner, mechanic, conversation } = await chatPair(call, admin);
    const issueId = conversation.issue_id;
    const other = await call('POST', '/api/issues', { token: owner.token, json: validIssue() });
    const shared = wav(1.3);
    const onlyHere = wav(1.7);
    const inChat = wav(1.9);
    const sharedHere = (await upload(call, owner.token, `/api/issues/${issueId}/media`, shared)).json;
    const sharedThere = (await upload(call, owner.token, `/api/issues/${other.json.id}/media`, shared)).json;
    const mine = (await upload(call, owner.token, `/api/issues/${issueId}/media`, onlyHere)).json;
    const chat = (await upload(call, mechanic.token, `/api/conversations/${conversation.id}/media`, inChat)).json;
    const fileOf = (bytes) => {
      const h = createHash('sha256').update(bytes).digest('hex');
      return `${h.slice(0, 2)}/${h.slice(2)}`;
    };
    for (const bytes of [shared, onlyHere, inChat]) assert.ok(storedFiles(server).includes(fileOf(bytes)));

    assert.equal((await call('DELETE', `/api/issues/${issueId}`, { token: owner.token })).status, 204);
    for (const m of [sharedHere, mine, chat]) assert.equal((await download(m.url)).status, 404, 'its links stop working');
    assert.ok(!storedFiles(server).includes(fileOf(onlyHere)), 'the issue\'s own file is gone');
    assert.ok(!storedFiles(server).includes(fileOf(inChat)), 'the chat\'s file is gone');
    assert.ok(storedFiles(server).includes(fileOf(shared)), 'bytes another issue uses stay');
    const kept = await download(sharedThere.url);
    assert.equal(kept.status, 200);
    assert.ok(kept.body.equals(shared));
  });
});

describe('media limits', () => {
  it('allows 2 uploads an hour when so set, counting only uploads that pass; then 429 with Retry-After', async () => {
    const server = await startServer({ env: { SALIK_UPLOAD_RATE_PER_HOUR: '2' } });
    try {
      const call = apiClient(server.baseUrl);
      const owner = await signup(call);
      const issue = (await call('POST', '/api/issues', { token: owner.token, json: validIssue() })).json;
      const route = `/api/issues/${issue.id}/media`;
      assertError(await upload(call, owner.token, route, elf()), 415, 'unsupported_media_type');
      assert.equal((await upload(call, owner.token, route, wav(1))).status, 201);
      assert.equal((await upload(call, owner.token, route, wav(1))).status, 201, 'the refused one did not count');
      const res = await upload(call, owner.token, route, wav(1));
      assertError(res, 429, 'rate_limited');
      assert.ok(Number(res.headers.get('retry-after')) > 0);
      const other = await signup(call);
      const theirs = (await call('POST', '/api/issues', { token: other.token, json: validIssue() })).json;
      assert.equal((await upload(call, other.token, `/api/issues/${theirs.id}/media`, wav(1))).status, 201, 'per user');
      const list = await call('GET', `/api/issues/${issue.id}`, { token: owner.token });
      assert.equal(list.json.media.length, 2);
    } finally {
      await server.stop();
    }
  });

  it('refuses an expired link with 403 "link expired"; links survive a restart (key kept in the data folder)', async () => {
    const first = await startServer({ env: { SALIK_MEDIA_URL_TTL_SECONDS: '1' }, keepData: true });
    let server = first;
    try {
      const call = apiClient(server.baseUrl);
      const owner = await signup(call);
      const issue = (await call('POST', '/api/issues', { token: owner.token, json: validIssue() })).json;
      const m = (await upload(call, owner.token, `/api/issues/${issue.id}/media`, wav(1))).json;
      await new Promise((r) => setTimeout(r, 2100));
      const res = await call('GET', m.url);
      assertError(res, 403, 'link_expired');
      assert.match(res.json.error.message, /expired/);
      await server.stop();

      server = await startServer({ dataFrom: first, env: { SALIK_MEDIA_URL_TTL_SECONDS: '600' } });
      const call2 = apiClient(server.baseUrl);
      const token = await login(call2, owner.email, owner.password);
      const fresh = (await call2('GET', `/api/issues/${issue.id}`, { token })).json.media[0];
      const got = await fetch(server.baseUrl + fresh.url);
      assert.equal(got.status, 200);
      assert.ok(Buffer.from(await got.arrayBuffer()).equals(wav(1)), 'bytes and key kept across the restart');
    } finally {
      await server.stop();
    }
  });
});
