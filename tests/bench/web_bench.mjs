// Web app figures in headless Chromium against `salik-server --demo` (run by scripts/bench.sh web):
//   time to first frame   SalikPlatform.firstFrameAt, median of N loads (fresh profile = cold cache,
//                         and reloads in one profile = warm cache)
//   idle main thread      Chrome's TaskDuration / ScriptDuration per second of wall time, over 3 s
//                         with no input, on the landing page and on the mechanic's feed
//   frame CPU             salik_frame_ms_total / salik_frames_drawn while the feed is hovered and
//                         scrolled (layout + draw submission in wasm, not GPU time)
//   mirror                mirror nodes (C++ side) and DOM elements under #ui
// Figures only: nothing here passes or fails. Environment: SALIK_BENCH_LOADS (default 5).
import path from 'node:path';
import { REPO_ROOT, startServer } from '../api/server.mjs';
import { DESKTOP, launchBrowser, waitForFirstFrame } from '../browser/browser.mjs';

const LOADS = Number(process.env.SALIK_BENCH_LOADS || 5);
const MECHANIC = 'ahmed.alkareem@salikchat.test';
const PASSWORD = 'SalikDemo2026';

const print = (name, value, unit = '') => console.log(`${name.padEnd(48)} ${String(value).padStart(10)} ${unit}`);
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const stat = (page, name) => page.evaluate((n) => Module.ccall(n, 'number', [], []), name);

async function settle(page, quietMs = 700, timeoutMs = 15_000) {
  const start = Date.now();
  let last = await stat(page, 'salik_frames_drawn');
  let lastChange = Date.now();
  while (Date.now() - lastChange < quietMs && Date.now() - start < timeoutMs) {
    await page.waitForTimeout(100);
    const f = await stat(page, 'salik_frames_drawn');
    if (f !== last) {
      last = f;
      lastChange = Date.now();
    }
  }
  return Date.now() - lastChange >= quietMs;
}

async function idleMainThread(page, ms = 3000) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const read = async () => Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
  const a = await read();
  await page.waitForTimeout(ms);
  const b = await read();
  await cdp.detach();
  const s = b.Timestamp - a.Timestamp;
  return { task: ((b.TaskDuration - a.TaskDuration) * 1000) / s, script: ((b.ScriptDuration - a.ScriptDuration) * 1000) / s };
}

async function newPage(browser, baseUrl, hash = '') {
  const context = await browser.newContext({ viewport: DESKTOP });
  const page = await context.newPage();
  await page.goto(`${baseUrl}/${hash}`);
  await waitForFirstFrame(page);
  return page;
}

const server = await startServer({
  args: ['--demo'],
  env: { SALIK_WEB_ROOT: path.join(REPO_ROOT, 'build', 'web', 'dist'), SALIK_API_RATE_PER_MINUTE: '100000' },
});
const browser = await launchBrowser();
try {
  // --- time to first frame
  const cold = [];
  for (let i = 0; i < LOADS; i++) {
    const page = await newPage(browser, server.baseUrl);
    cold.push(await page.evaluate(() => window.SalikPlatform.firstFrameAt));
    await page.context().close();
  }
  const warmPage = await newPage(browser, server.baseUrl);
  const warm = [];
  for (let i = 0; i < LOADS; i++) {
    await warmPage.reload();
    await waitForFirstFrame(warmPage);
    warm.push(await warmPage.evaluate(() => window.SalikPlatform.firstFrameAt));
  }
  print(`time to first frame, cold (median of ${LOADS})`, median(cold).toFixed(0), `ms  (min ${Math.min(...cold).toFixed(0)}, max ${Math.max(...cold).toFixed(0)})`);
  print(`time to first frame, warm cache (median of ${LOADS})`, median(warm).toFixed(0), `ms  (min ${Math.min(...warm).toFixed(0)}, max ${Math.max(...warm).toFixed(0)})`);

  // --- idle on the landing page
  const settledLanding = await settle(warmPage);
  const idleLanding = await idleMainThread(warmPage);
  print('idle main thread, landing (task)', idleLanding.task.toFixed(2), `ms/s${settledLanding ? '' : '  (never stopped drawing!)'}`);
  print('idle main thread, landing (script)', idleLanding.script.toFixed(2), 'ms/s');
  print('mirror nodes, landing', await stat(warmPage, 'salik_a11y_node_count'), 'nodes');
  await warmPage.context().close();

  // --- the mechanic's feed: a busy list page
  const page = await newPage(browser, server.baseUrl, '#/signin');
  await page.getByRole('textbox', { name: 'Email' }).fill(MECHANIC);
  await page.getByRole('textbox', { name: 'Password' }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByRole('button', { name: 'Open issues' }).click();
  await page.getByRole('heading', { name: 'Open issues', exact: true }).waitFor();
  await page.getByRole('listitem').first().waitFor();
  const settledFeed = await settle(page);
  const idleFeed = await idleMainThread(page);
  print('idle main thread, mechanic feed (task)', idleFeed.task.toFixed(2), `ms/s${settledFeed ? '' : '  (never stopped drawing!)'}`);
  print('idle main thread, mechanic feed (script)', idleFeed.script.toFixed(2), 'ms/s');
  print('mirror nodes, mechanic feed', await stat(page, 'salik_a11y_node_count'), 'nodes');
  print('mirror DOM elements, mechanic feed', await page.evaluate(() => document.querySelectorAll('#ui [data-sid]').length), 'elements');
  print('issue cards on the feed', await page.getByRole('listitem').count(), 'cards');

  // Hover across the cards and scroll the page up and down: every frame lays out the whole list.
  const f0 = await stat(page, 'salik_frames_drawn');
  const ms0 = await stat(page, 'salik_frame_ms_total');
  const t0 = Date.now();
  for (let round = 0; round < 3; round++) {
    for (let y = 80; y < DESKTOP.height - 20; y += 24) await page.mouse.move(400 + round * 40, y);
    for (let i = 0; i < 10; i++) {
      await page.mouse.wheel(0, 240);
      await page.waitForTimeout(16);
    }
    for (let i = 0; i < 10; i++) {
      await page.mouse.wheel(0, -240);
      await page.waitForTimeout(16);
    }
  }
  await settle(page);
  const frames = (await stat(page, 'salik_frames_drawn')) - f0;
  const ms = (await stat(page, 'salik_frame_ms_total')) - ms0;
  print('frames drawn while hovering and scrolling the feed', frames, `frames in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  print('frame CPU, mechanic feed (mean)', (ms / Math.max(1, frames)).toFixed(2), 'ms/frame');
  await page.context().close();
} finally {
  await browser.close();
  await server.stop();
}
