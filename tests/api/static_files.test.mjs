// The web app's files: MIME types, gzip, ETag/304, index.html at "/", 404s, no listings.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { startServer } from './server.mjs';
import { rawRequest } from './client.mjs';

describe('static files', () => {
  let server;
  let webRoot;
  const js = `console.log(${JSON.stringify('SalikChat '.repeat(200))});\n`;
  const wasm = Buffer.concat([Buffer.from([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]), Buffer.alloc(4096, 7)]);
  const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(2048, 1)]);
  const html = `<!doctype html><title>SalikChat</title>${'<p>hello</p>'.repeat(100)}`;

  before(async () => {
    webRoot = mkdtempSync(path.join(os.tmpdir(), 'salik-web-'));
    writeFileSync(path.join(webRoot, 'index.html'), html);
    writeFileSync(path.join(webRoot, 'salikchat.js'), js);
    writeFileSync(path.join(webRoot, 'salikchat.wasm'), wasm);
    mkdirSync(path.join(webRoot, 'assets'));
    writeFileSync(path.join(webRoot, 'assets', 'icon.png'), png);
    writeFileSync(path.join(webRoot, 'assets', 'Inter.ttf'), Buffer.alloc(3000, 65));
    writeFileSync(path.join(webRoot, 'manifest.json'), JSON.stringify({ name: 'SalikChat', pad: 'x'.repeat(400) }));
    writeFileSync(path.join(webRoot, '.secret'), 'hidden');
    server = await startServer({ env: { SALIK_WEB_ROOT: webRoot } });
  });
  after(async () => {
    await server?.stop();
    rmSync(webRoot, { recursive: true, force: true });
  });

  const get = (p, headers) => rawRequest(server.port, 'GET', p, { headers });

  it('serves each file with its MIME type', async () => {
    const cases = [
      ['/', 'text/html; charset=utf-8', Buffer.from(html)],
      ['/index.html', 'text/html; charset=utf-8', Buffer.from(html)],
      ['/salikchat.js', 'text/javascript; charset=utf-8', Buffer.from(js)],
      ['/salikchat.wasm', 'application/wasm', wasm],
      ['/assets/icon.png', 'image/png', png],
      ['/assets/Inter.ttf', 'font/ttf', Buffer.alloc(3000, 65)],
      ['/manifest.json', 'application/json', null],
    ];
    for (const [p, type, bytes] of cases) {
      const res = await get(p);
      assert.equal(res.status, 200, p);
      assert.equal(res.headers['content-type'], type, p);
      assert.equal(res.headers['cache-control'], 'no-cache');
      assert.equal(res.headers['x-content-type-options'], 'nosniff');
      assert.equal(res.headers['content-encoding'], undefined, 'no gzip unless asked');
      if (bytes) assert.deepEqual(res.body, bytes, p);
    }
  });

  it('gzips compressible types when asked, never images', async () => {
    for (const [p, original] of [['/salikchat.js', Buffer.from(js)], ['/salikchat.wasm', wasm], ['/', Buffer.from(html)]]) {
      const res = await get(p, { 'accept-encoding': 'gzip, deflate, br' });
      assert.equal(res.headers['content-encoding'], 'gzip', p);
      assert.equal(res.headers.vary, 'Accept-Encoding');
      assert.ok(res.body.length < original.length, `${p} got smaller`);
      assert.deepEqual(zlib.gunzipSync(res.body), original);
    }
    const img = await get('/assets/icon.png', { 'accept-encoding': 'gzip' });
    assert.equal(img.headers['content-encoding'], undefined);
    assert.deepEqual(img.body, png);
    const refused = await get('/salikchat.js', { 'accept-encoding': 'gzip;q=0' });
    assert.equal(refused.headers['content-encoding'], undefined);
  });

  it('answers 304 to a matching If-None-Match, per encoding', async () => {
    const plain = await get('/salikchat.js');
    const gz = await get('/salikchat.js', { 'accept-encoding': 'gzip' });
    assert.ok(plain.headers.etag);
    assert.notEqual(plain.headers.etag, gz.headers.etag);
    const again = await get('/salikchat.js', { 'if-none-match': plain.headers.etag });
    assert.equal(again.status, 304);
    assert.equal(again.body.length, 0);
    const gzAgain = await get('/salikchat.js', { 'accept-encoding': 'gzip', 'if-none-match': gz.headers.etag });
    assert.equal(gzAgain.status, 304);
    const stale = await get('/salikchat.js', { 'if-none-match': '"something-else"' });
    assert.equal(stale.status, 200);
    // A changed file gets a new ETag.
    writeFileSync(path.join(webRoot, 'salikchat.js'), `${js}// v2\n`);
    const changed = await get('/salikchat.js', { 'if-none-match': plain.headers.etag });
    assert.equal(changed.status, 200);
    assert.match(changed.body.toString(), /v2/);
  });

  it('answers HEAD with headers only', async () => {
    const res = await rawRequest(server.port, 'HEAD', '/salikchat.wasm');
    assert.equal(res.status, 200);
    assert.equal(res.headers['content-type'], 'application/wasm');
    assert.equal(res.headers['content-length'], String(wasm.length));
    assert.equal(res.body.length, 0);
  });

  it('gives 404 for unknown files, folders and hidden files, 405 for writes', async () => {
    for (const p of ['/nope.js', '/assets', '/assets/', '/.secret', '/assets/.hidden', '/index.html/x']) {
      const res = await get(p);
      assert.equal(res.status, 404, p);
      const body = JSON.parse(res.body.toString());
      assert.equal(body.error.code, 'not_found');
      assert.doesNotMatch(res.body.toString(), /icon\.png|Inter/, 'no listing');
    }
    const post = await rawRequest(server.port, 'POST', '/index.html', { body: 'x' });
    assert.equal(post.status, 405);
  });

  it('refuses climbing paths with 400', async () => {
    for (const p of ['/../index.html', '/assets/../index.html', '/assets/%2e%2e/index.html', '/%2E%2E%2Fetc%2Fpasswd']) {
      const res = await get(p);
      assert.equal(res.status, 400, p);
      assert.equal(JSON.parse(res.body.toString()).error.code, 'bad_path');
    }
  });
});
