// Photos and videos inside the ImGui UI (issue 4): a car owner's issue carries a PNG and a short
// video uploaded through the API; a verified mechanic opens the issue, opens the photo viewer,
// zooms (button, wheel, keyboard), resets with a double click and closes it; then plays the video,
// sees the time move, pauses, and the app goes idle again. Screenshots at desktop and phone width.
//
// The files are made here: with Debian's ffmpeg (a test pattern PNG and an MP4 or WebM the browser
// can play), or, without ffmpeg, in the page itself (a canvas PNG and a MediaRecorder WebM).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from '../api/server.mjs';
import { apiClient } from '../api/client.mjs';
import {
  DEMO_PASSWORD, DESKTOP, PHONE, figure, framesDrawn, launchBrowser, openPage, screenshot, signIn, startAppServer,
  waitForFirstFrame,
} from './browser.mjs';

const OWNER = 'fatima.alzaabi@salikchat.test';
const MECHANIC = 'rajesh.menon@salikchat.test';
// The built app to serve; SALIK_TEST_WEB_ROOT lets an engineer point at their own build.
const WEB_ROOT = process.env.SALIK_TEST_WEB_ROOT || path.join(REPO_ROOT, 'build', 'web', 'dist');

let server;
let browser;
let call;
before(async () => {
  server = await startAppServer({ SALIK_WEB_ROOT: WEB_ROOT }, { demo: true });
  call = apiClient(server.baseUrl);
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

function hasFfmpeg() {
  try {
    execFileSync('ffmpeg', ['-version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function ffmpeg(name, args) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'salik-view-'));
  try {
    const out = path.join(dir, name);
    execFileSync('ffmpeg', ['-v', 'error', '-y', ...args, out], { stdio: 'pipe' });
    return readFileSync(out);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// Without ffmpeg: a PNG from a canvas and a 10 s WebM recorded from an animated canvas, in the page.
async function filesFromPage(page) {
  const made = await page.evaluate(async () => {
    const canvas = document.createElement('canvas');
    canvas.width = 640;
    canvas.height = 480;
    const g = canvas.getContext('2d');
    const paint = (t) => {
      const grad = g.createLinearGradient(0, 0, 640, 480);
      grad.addColorStop(0, '#0e6b5c');
      grad.addColorStop(1, '#e8921a');
      g.fillStyle = grad;
      g.fillRect(0, 0, 640, 480);
      g.fillStyle = '#fff';
      g.fillRect(40 + ((t * 200) % 520), 200, 80, 80);
    };
    paint(0);
    const toBase64 = async (blob) => {
      const bytes = new Uint8Array(await blob.arrayBuffer());
      let s = '';
      for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
      return btoa(s);
    };
    const png = await new Promise((r) => canvas.toBlob(r, 'image/png'));
    const stream = canvas.captureStream(25);
    const rec = new MediaRecorder(stream, { mimeType: 'video/webm;codecs=vp8' });
    const chunks = [];
    rec.ondataavailable = (e) => chunks.push(e.data);
    const start = performance.now();
    rec.start();
    await new Promise((resolve) => {
      const tick = () => {
        const t = (performance.now() - start) / 1000;
        paint(t);
        if (t < 10) requestAnimationFrame(tick);
        else resolve();
      };
      tick();
    });
    await new Promise((r) => { rec.onstop = r; rec.stop(); });
    return { png: await toBase64(png), video: await toBase64(new Blob(chunks, { type: 'video/webm' })) };
  });
  return { png: Buffer.from(made.png, 'base64'), png2: Buffer.from(made.png, 'base64'), video: Buffer.from(made.video, 'base64'), videoLabel: 'clip.webm' };
}

// With ffmpeg: MP4 (H.264) if this Chromium plays it, else WebM (VP9).
async function filesFromFfmpeg(page) {
  const png = ffmpeg('photo.png', ['-f', 'lavfi', '-i', 'testsrc2=size=640x480:rate=1', '-frames:v', '1']);
  const png2 = ffmpeg('photo2.png', ['-f', 'lavfi', '-i', 'smptebars=size=360x640:rate=1', '-frames:v', '1']);
  const mp4 = await page.evaluate(() => document.createElement('video').canPlayType('video/mp4; codecs="avc1.42E01E"'));
  const source = ['-f', 'lavfi', '-i', 'testsrc2=size=320x240:rate=25', '-t', '20', '-pix_fmt', 'yuv420p'];
  if (mp4) {
    return { png, png2, video: ffmpeg('clip.mp4', [...source, '-c:v', 'libx264', '-profile:v', 'baseline', '-movflags', '+faststart']), videoLabel: 'clip.mp4' };
  }
  return { png, png2, video: ffmpeg('clip.webm', [...source, '-c:v', 'libvpx-vp9', '-b:v', '300k']), videoLabel: 'clip.webm' };
}

async function upload(token, issueId, label, bytes, type) {
  const res = await call('POST', `/api/issues/${issueId}/media?label=${encodeURIComponent(label)}`, {
    token, body: bytes, headers: { 'content-type': type },
  });
  assert.equal(res.status, 201, `upload ${label}: ${res.text}`);
  return res.json;
}

async function poll(read, ok, { what, timeout = 15_000 } = {}) {
  const end = Date.now() + timeout;
  let value;
  while (Date.now() < end) {
    value = await read();
    if (ok(value)) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.fail(`${what}: last seen ${JSON.stringify(value)}`);
}

const frameMs = (page) => page.evaluate(() => Module._salik_frame_ms_total());
const liveMedia = (page) => page.evaluate(() => Module._salik_media_live_count());
const dialog = (page, name) => page.getByRole('dialog', { name });
// The texts the viewer declares: "Zoom 150%", "Time 0:01 of 0:03".
const mirrorText = (page, prefix) =>
  page.evaluate((p) => {
    for (const el of document.querySelectorAll('#ui p')) if (el.textContent.startsWith(p)) return el.textContent;
    return null;
  }, prefix);
const zoomPercent = async (page) => Number(/Zoom (\d+)%/.exec((await mirrorText(page, 'Zoom ')) || '')?.[1]);
const seconds = (t) => t.split(':').reduce((a, b) => a * 60 + Number(b), 0);
const timeNow = async (page) => {
  const m = /^Time (\S+) of (\S+)$/.exec((await mirrorText(page, 'Time ')) || '');
  return m ? { now: seconds(m[1]), total: m[2] } : null;
};

test('a mechanic views a car owner\'s photo (zoom, pan, close) and plays the video (time moves, pause rests)', async () => {
  // --- the car owner's issue with a photo and a video, through the API
  const maker = await openPage(browser, server.baseUrl, { viewport: DESKTOP });
  const files = hasFfmpeg() ? await filesFromFfmpeg(maker) : await filesFromPage(maker);
  await maker.context().close();
  const owner = (await call('POST', '/api/auth/login', { json: { email: OWNER, password: DEMO_PASSWORD } })).json;
  const issue = (
    await call('POST', '/api/issues', {
      token: owner.token,
      json: {
        title: 'Grinding noise from the front left wheel', category: 'brakes',
        description: 'A metal grinding sound when braking below 40 km/h, worse in the morning.',
        car_make: 'Toyota', car_model: 'Land Cruiser', car_year: 2019,
      },
    })
  ).json;
  assert.ok(issue?.id, 'issue posted');
  const photo = await upload(owner.token, issue.id, 'brake-disc.png', files.png, 'image/png');
  assert.equal(photo.media_type, 'image');
  await upload(owner.token, issue.id, 'tyre.png', files.png2, 'image/png');
  const video = await upload(owner.token, issue.id, files.videoLabel, files.video, 'video/mp4');
  assert.equal(video.media_type, 'video');

  // --- the mechanic opens the issue at a desk
  const page = await openPage(browser, server.baseUrl, { viewport: DESKTOP, hash: '#/signin' });
  await signIn(page, MECHANIC);
  await page.getByRole('heading', { name: 'Open issues', exact: true }).waitFor();
  await page.evaluate((id) => { window.location.hash = `#/issues/${id}`; }, issue.id);
  const photoTile = page.getByRole('button', { name: 'Photo: brake-disc.png' });
  const videoTile = page.getByRole('button', { name: new RegExp(`^Video: ${files.videoLabel.replace('.', '\\.')}`) });
  await photoTile.waitFor();
  await videoTile.waitFor();
  // Both thumbnails arrive as textures (the photo and the video's first frame).
  await poll(() => page.evaluate(() => window.SalikMedia?.uploads || 0), (n) => n >= 3, { what: 'thumbnail uploads' });
  await screenshot(page, 'media-tiles-desktop');

  // --- the photo viewer: zoom by button, wheel and keyboard; double click resets; Escape closes
  await photoTile.click();
  const viewer = dialog(page, 'Photo viewer');
  await viewer.waitFor();
  await viewer.getByRole('group', { name: 'Photo: brake-disc.png' }).waitFor();
  assert.equal(await zoomPercent(page), 100);
  await viewer.getByRole('button', { name: 'Zoom in' }).click();
  await poll(() => zoomPercent(page), (z) => z === 150, { what: 'zoom after Zoom in' });
  await page.mouse.move(DESKTOP.width / 2, DESKTOP.height / 2);
  await page.mouse.wheel(0, -300);
  await poll(() => zoomPercent(page), (z) => z > 150, { what: 'zoom after the wheel' });
  await page.keyboard.press('-');
  const afterKey = await poll(() => zoomPercent(page), (z) => z < 290 && z > 100, { what: 'zoom after -' });
  // Drag to pan: the photo moves but stays zoomed.
  await page.mouse.move(DESKTOP.width / 2, DESKTOP.height / 2);
  await page.mouse.down();
  await page.mouse.move(DESKTOP.width / 2 + 120, DESKTOP.height / 2 + 60, { steps: 4 });
  await page.mouse.up();
  assert.equal(await zoomPercent(page), afterKey);
  await screenshot(page, 'media-photo-zoomed-desktop');
  await page.mouse.dblclick(DESKTOP.width / 2, DESKTOP.height / 2);
  await poll(() => zoomPercent(page), (z) => z === 100, { what: 'zoom after a double click' });
  await screenshot(page, 'media-photo-desktop');
  // Between photos: the arrow key and the Previous button; each photo starts unzoomed.
  await viewer.getByRole('button', { name: 'Zoom in' }).click();
  await poll(() => zoomPercent(page), (z) => z === 150, { what: 'zoom before stepping' });
  await page.keyboard.press('ArrowRight');
  await viewer.getByRole('group', { name: 'Photo: tyre.png' }).waitFor();
  assert.ok(await mirrorText(page, 'tyre.png'), 'the title says which photo');
  assert.match(await mirrorText(page, 'tyre.png'), /2 of 2/);
  assert.equal(await zoomPercent(page), 100);
  await screenshot(page, 'media-photo-second-desktop');
  await viewer.getByRole('button', { name: 'Previous photo' }).click();
  await viewer.getByRole('group', { name: 'Photo: brake-disc.png' }).waitFor();
  await page.keyboard.press('Escape');
  await viewer.waitFor({ state: 'detached' });

  // --- the video player: play, the time moves, pause; paused, the app draws nothing
  await videoTile.click();
  const player = dialog(page, 'Video player');
  await player.waitFor();
  const start = await poll(() => timeNow(page), (t) => t && t.total !== '--:--', { what: 'video length known' });
  assert.equal(start.now, 0);
  const framesBefore = await framesDrawn(page);
  const msBefore = await frameMs(page);
  await player.getByRole('button', { name: 'Play', exact: true }).click();
  await player.getByRole('button', { name: 'Pause', exact: true }).waitFor();
  await poll(() => timeNow(page), (t) => t && t.now >= 1, { what: 'time moving while playing' });
  const framesPlaying = (await framesDrawn(page)) - framesBefore;
  const msPerFrame = ((await frameMs(page)) - msBefore) / Math.max(1, framesPlaying);
  await player.getByRole('button', { name: 'Pause', exact: true }).click();
  await player.getByRole('button', { name: 'Play', exact: true }).waitFor();
  const pausedAt = await timeNow(page);
  await screenshot(page, 'media-video-paused-desktop');
  // On a busy machine the click can land seconds later; what matters is that the video had not
  // ended by itself (an ended video rests too, and would prove nothing).
  const [mins, secs] = pausedAt.total.split(':').map(Number);
  assert.ok(pausedAt.now < mins * 60 + secs - 1, `paused before the end: ${JSON.stringify(pausedAt)}`);
  await page.waitForTimeout(300);  // the last frames after the click settle
  const restStart = await framesDrawn(page);
  await page.waitForTimeout(1000);
  const restFrames = (await framesDrawn(page)) - restStart;
  assert.equal(restFrames, 0, 'a paused video draws no frames');
  assert.deepEqual(await timeNow(page), pausedAt, 'the time stays where it was paused');
  figure('frames drawn while the video played (about 1 s)', framesPlaying, 'frames');
  figure('frames drawn in 1 s paused', restFrames, 'frames');
  figure('CPU per frame while playing (layout, draw, frame upload; SwiftShader)', msPerFrame.toFixed(1), 'ms');
  // Seeking with the keyboard's arrow moves the time back 5 s.
  await page.keyboard.press('ArrowLeft');
  await poll(() => timeNow(page), (t) => t && t.now === Math.max(0, pausedAt.now - 5), { what: 'time after seeking back' });
  await player.getByRole('button', { name: 'Close' }).click();
  await player.waitFor({ state: 'detached' });

  // --- leaving the issue (here by the address bar, with the viewer open) closes the viewer and
  // frees every picture and video
  assert.ok((await liveMedia(page)) >= 3, 'the tiles hold their thumbnails');
  await photoTile.click();
  await dialog(page, 'Photo viewer').waitFor();
  await page.evaluate(() => { window.location.hash = '#/feed'; });
  await page.getByRole('heading', { name: 'Open issues', exact: true }).waitFor();
  await dialog(page, 'Photo viewer').waitFor({ state: 'detached' });
  await poll(() => liveMedia(page), (n) => n === 0, { what: 'media alive after leaving the issue' });
  assert.equal(await page.evaluate(() => window.SalikMedia.items.size), 0, 'no image or video element left');
  assert.deepEqual(page.errors, []);
  await page.context().close();

  // --- the same on a touch phone: tiles, pinch and double tap in the photo viewer, the player
  const phoneContext = await browser.newContext({ viewport: PHONE, hasTouch: true });
  const phone = await phoneContext.newPage();
  phone.errors = [];
  phone.on('pageerror', (e) => phone.errors.push(e.message));
  await phone.goto(server.baseUrl + '/#/signin');
  await waitForFirstFrame(phone);
  await signIn(phone, MECHANIC);
  await phone.getByRole('heading', { name: 'Open issues', exact: true }).waitFor();
  await phone.evaluate((id) => { window.location.hash = `#/issues/${id}`; }, issue.id);
  const phoneTile = phone.getByRole('button', { name: 'Photo: brake-disc.png' });
  await phoneTile.waitFor();
  await poll(() => phone.evaluate(() => window.SalikMedia?.uploads || 0), (n) => n >= 3, { what: 'phone thumbnails' });
  await phoneTile.scrollIntoViewIfNeeded();
  await screenshot(phone, 'media-tiles-phone');
  await phoneTile.click();
  await dialog(phone, 'Photo viewer').waitFor();
  // Two fingers spread apart zoom in about their centre; a double tap resets.
  const touch = await phoneContext.newCDPSession(phone);
  const fingers = (spread) => [
    { x: 195 - spread, y: 420, id: 1 },
    { x: 195 + spread, y: 420, id: 2 },
  ];
  await touch.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: fingers(40) });
  for (const spread of [55, 70, 85, 100]) {
    await touch.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: fingers(spread) });
  }
  await touch.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  const pinched = await poll(() => zoomPercent(phone), (z) => z > 200, { what: 'zoom after a pinch' });
  assert.ok(pinched <= 260, `a 2.5x spread zooms about 2.5x: ${pinched}%`);
  await screenshot(phone, 'media-photo-pinched-phone');
  for (let i = 0; i < 2; i++) {
    await touch.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x: 195, y: 420, id: 3 }] });
    await touch.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  }
  await poll(() => zoomPercent(phone), (z) => z === 100, { what: 'zoom after a double tap' });
  await phone.getByRole('button', { name: 'Zoom in' }).click();
  await poll(() => zoomPercent(phone), (z) => z === 150, { what: 'phone zoom' });
  await screenshot(phone, 'media-photo-phone');
  await phone.getByRole('button', { name: 'Close' }).click();
  await dialog(phone, 'Photo viewer').waitFor({ state: 'detached' });
  await phone.getByRole('button', { name: new RegExp(`^Video: `) }).click();
  await dialog(phone, 'Video player').waitFor();
  await phone.getByRole('button', { name: 'Play', exact: true }).click();
  await poll(() => timeNow(phone), (t) => t && t.now >= 1, { what: 'phone video time' });
  await phone.getByRole('button', { name: 'Pause', exact: true }).click();
  await screenshot(phone, 'media-video-phone');
  assert.deepEqual(phone.errors, []);
  await phoneContext.close();
});
