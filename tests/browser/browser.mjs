// Headless Chromium (Debian's package) driven by playwright-core, and the SalikChat server the
// page talks to. Tests drive the app only through the semantic DOM mirror (getByRole).
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT, startServer } from '../api/server.mjs';

export const SCREENSHOT_DIR = path.join(REPO_ROOT, 'tests', 'browser', 'screenshots');
export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1280, height: 860 };
// The demo data's accounts (salik-server --demo) all share this password.
export const DEMO_PASSWORD = 'SalikDemo2026';

const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--use-gl=swiftshader', '--enable-unsafe-swiftshader',
];

// `extraArgs`: e.g. Chromium's fake microphone (--use-fake-device-for-media-stream, …).
export async function launchBrowser(extraArgs = []) {
  return chromium.launch({
    executablePath: process.env.SALIK_CHROMIUM || '/usr/bin/chromium',
    args: [...CHROMIUM_ARGS, ...extraArgs],
  });
}

// A server with the built web app and a bootstrapped admin; `demo` adds the demo data (--demo).
export async function startAppServer(extraEnv = {}, { demo = false } = {}) {
  return startServer({
    args: demo ? ['--demo'] : [],
    env: {
      SALIK_WEB_ROOT: process.env.SALIK_TEST_WEB_ROOT || path.join(REPO_ROOT, 'build', 'web', 'dist'),
      SALIK_API_RATE_PER_MINUTE: '100000',
      ...extraEnv,
    },
  });
}

// A new page at `viewport`, with page errors collected so a test can assert there were none.
export async function openPage(browser, baseUrl, { viewport = DESKTOP, deviceScaleFactor = 1, hash = '' } = {}) {
  const context = await browser.newContext({ viewport, deviceScaleFactor });
  const page = await context.newPage();
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(e.message));
  await page.goto(baseUrl + '/' + hash);
  await waitForFirstFrame(page);
  return page;
}

export async function waitForFirstFrame(page) {
  await page.waitForFunction(() => window.SalikPlatform && window.SalikPlatform.firstFrameAt > 0, null, {
    timeout: 30_000,
  });
}

// Saves a screenshot for people to look at (tests/browser/screenshots/NAME.png).
export async function screenshot(page, name) {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  // Let the frames after the last input settle.
  await page.waitForTimeout(250);
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`) });
}

// Frames the app has drawn since it started.
export const framesDrawn = (page) => page.evaluate(() => Module.ccall('salik_frames_drawn', 'number', [], []));

// Waits until no frame has been drawn for `quietMs`; fails if the app keeps drawing. After a
// resize or a change of layout, the mirror's elements sit where the canvas shows them only once
// the frames have settled, so a pointer or focus aimed at them lands on what it means.
export async function settle(page, { quietMs = 700, timeoutMs = 15_000 } = {}) {
  const start = Date.now();
  let last = await framesDrawn(page);
  let lastChange = Date.now();
  while (Date.now() - lastChange < quietMs) {
    if (Date.now() - start > timeoutMs)
      throw new Error(`the app never stopped drawing: ${last} frames and still going after ${timeoutMs} ms`);
    await page.waitForTimeout(100);
    const f = await framesDrawn(page);
    if (f !== last) {
      last = f;
      lastChange = Date.now();
    }
  }
  return last;
}

// A figure for the closing note and benchmarks; printed, never asserted against a time.
export function figure(name, value, unit) {
  console.log(`# FIGURE ${name}: ${value} ${unit}`);
}

// Signs in through the app's own form (the page is on the sign-in screen).
export async function signIn(page, email, password = DEMO_PASSWORD) {
  await page.getByRole('textbox', { name: 'Email' }).fill(email);
  await page.getByRole('textbox', { name: 'Password' }).fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

// The demo's car owner at a desk and its mechanic on a phone, each signed in on their home screen.
export async function signInOwnerAndMechanic(browser, baseUrl, { owner, mechanic }) {
  const ownerPage = await openPage(browser, baseUrl, { viewport: DESKTOP, hash: '#/signin' });
  await signIn(ownerPage, owner);
  await ownerPage.getByRole('heading', { name: 'My issues' }).waitFor();
  const mechanicPage = await openPage(browser, baseUrl, { viewport: PHONE, hash: '#/signin' });
  await signIn(mechanicPage, mechanic);
  await mechanicPage.getByRole('heading', { name: 'Open issues', exact: true }).waitFor();
  return { owner: ownerPage, mechanic: mechanicPage };
}

// The recording player's dominant frequency in Hz, read from its text in the mirror
// ("Dominant frequency 440 Hz", "… 1.2 kHz"), within `scope` (a page or a dialog).
export async function dominantHz(scope) {
  const node = scope.getByText(/^Dominant frequency/);
  await node.waitFor({ timeout: 30_000 });
  const text = (await node.textContent()).trim();
  const m = /^Dominant frequency ([\d.]+) (k?)Hz$/.exec(text);
  if (!m) throw new Error(`dominant frequency text: "${text}"`);
  return Number(m[1]) * (m[2] ? 1000 : 1);
}
