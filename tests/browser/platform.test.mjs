// The web platform under the screens, in a real browser: frames on demand (an idle tab draws
// nothing), HiDPI and resizing, keyboard and assistive-technology activation through the semantic
// mirror, the mirror's <input> as the real text editor, the cost of the mirror, error display,
// signing out, and role guards on typed addresses.
// Like the walkthrough, every interaction goes through the mirror (getByRole / getByText); the
// only raw input is pointer movement used to wake an idle page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import {
  DEMO_PASSWORD, DESKTOP, PHONE, figure, framesDrawn, launchBrowser, openPage, screenshot, settle, signIn, startAppServer,
  waitForFirstFrame,
} from './browser.mjs';

const CUSTOMER = 'fatima.alzaabi@salikchat.test';
const MECHANIC = 'ahmed.alkareem@salikchat.test';
const LANDING_HEADING = 'Find out what is wrong with your car';

let server;
let browser;
before(async () => {
  server = await startAppServer({}, { demo: true });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

// --- helpers --------------------------------------------------------------------------------

const frameMsTotal = (page) => page.evaluate(() => Module.ccall('salik_frame_ms_total', 'number', [], []));
const batchesApplied = (page) => page.evaluate(() => (window.SalikMirror ? window.SalikMirror.applied : 0));
const mirrorElementCount = (page) => page.evaluate(() => document.querySelectorAll('#ui [data-sid]').length);

// Polls `read` until `ok(value)` holds; returns the value, or fails with the last one seen.
async function poll(read, ok, { timeoutMs = 10_000, what = 'condition' } = {}) {
  const deadline = Date.now() + timeoutMs;
  let value;
  for (;;) {
    value = await read();
    if (ok(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last value ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

// Main-thread busy time per second of wall time, from Chrome's own counters, over `ms`.
async function mainThreadMsPerSecond(page, ms = 3000) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const read = async () => Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
  const a = await read();
  await page.waitForTimeout(ms);
  const b = await read();
  await cdp.detach();
  const seconds = b.Timestamp - a.Timestamp;
  return {
    task: ((b.TaskDuration - a.TaskDuration) * 1000) / seconds,
    script: ((b.ScriptDuration - a.ScriptDuration) * 1000) / seconds,
  };
}

// Every mirror element as "role:name", for comparing what a page shows before and after.
async function mirrorInventory(page) {
  return page.evaluate(() =>
    [...document.querySelectorAll('#ui [data-sid]')].map((el) => {
      const role = el.getAttribute('role') || el.tagName.toLowerCase();
      const own = [...el.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE).map((n) => n.data).join('');
      return `${role}:${el.getAttribute('aria-label') || own}`;
    }),
  );
}

// The focused mirror element: its name and where it is on screen.
async function focused(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || !el.dataset || !el.dataset.sid) return null;
    const r = el.getBoundingClientRect();
    return { sid: el.dataset.sid, name: el.getAttribute('aria-label') || el.textContent, x: r.left, y: r.top, w: r.width, h: r.height };
  });
}

// Counts the DOM nodes under #ui that a mutation touched (attributes, text, children) until read.
async function startMutationCount(page) {
  await page.evaluate(() => {
    const touched = new Set();
    let records = 0;
    const note = (list) => {
      for (const m of list) {
        records++;
        touched.add(m.target);
        m.addedNodes.forEach((n) => touched.add(n));
        m.removedNodes.forEach((n) => touched.add(n));
      }
    };
    const obs = new MutationObserver(note);
    obs.observe(document.getElementById('ui'), { subtree: true, childList: true, attributes: true, characterData: true });
    window.__salikMutations = {
      read() {
        note(obs.takeRecords());
        return { nodes: touched.size, records };
      },
      stop() {
        obs.disconnect();
      },
    };
  });
}
const readMutationCount = (page) => page.evaluate(() => window.__salikMutations.read());
const stopMutationCount = (page) => page.evaluate(() => window.__salikMutations.stop());

async function signedInPage(email, home, opts = {}) {
  const page = await openPage(browser, server.baseUrl, { hash: '#/signin', ...opts });
  await signIn(page, email);
  await page.getByRole('heading', { name: home, exact: true }).waitFor();
  return page;
}

async function closePage(page) {
  assert.deepEqual(page.errors, [], 'no uncaught errors on the page');
  await page.context().close();
}

// Idle for two seconds: no frame and no mirror batch; then input wakes the app.
async function assertIdleThenWakes(page, label, wakeTarget) {
  await settle(page);
  const f0 = await framesDrawn(page);
  const a0 = await batchesApplied(page);
  await page.waitForTimeout(2000);
  const f1 = await framesDrawn(page);
  const a1 = await batchesApplied(page);
  assert.equal(f1, f0, `${label}: frames drawn while idle (${f1 - f0} in 2 s)`);
  assert.equal(a1, a0, `${label}: mirror batches applied while idle (${a1 - a0} in 2 s)`);

  await wakeTarget.hover();
  const f2 = await poll(() => framesDrawn(page), (f) => f > f1, { what: `${label}: a frame after a mouse move` });
  await settle(page);
  const f3 = await framesDrawn(page);
  await wakeTarget.click();
  await poll(() => framesDrawn(page), (f) => f > f3, { what: `${label}: a frame after a click` });
  const f4 = await settle(page);
  figure(`${label}: frames for one mouse move`, f3 - f1, 'frames');
  figure(`${label}: frames for one click`, f4 - f3, 'frames');
  return f2;
}

// --- idle throttling ------------------------------------------------------------------------

test('idle: the landing page draws nothing and sends no mirror update until input arrives', async () => {
  const page = await openPage(browser, server.baseUrl, { viewport: DESKTOP });
  const heading = page.getByRole('heading', { name: LANDING_HEADING });
  await heading.waitFor();
  const firstFrameAt = await page.evaluate(() => window.SalikPlatform.firstFrameAt);
  figure('time to first frame (landing, desktop, cold context)', firstFrameAt.toFixed(0), 'ms');

  await assertIdleThenWakes(page, 'landing', heading);

  await settle(page);
  const idle = await mainThreadMsPerSecond(page, 3000);
  figure('idle main thread, landing (TaskDuration)', idle.task.toFixed(2), 'ms/s');
  figure('idle main thread, landing (ScriptDuration)', idle.script.toFixed(2), 'ms/s');
  await screenshot(page, 'platform-landing-idle');
  await closePage(page);
});

test('idle: a signed-in list page (mechanic feed) rests too', async () => {
  const page = await openPage(browser, server.baseUrl, { hash: '#/signin' });
  await signIn(page, MECHANIC);
  // (Reached through the top bar: see the next test for where sign-in itself lands.)
  await page.getByRole('button', { name: 'Open issues' }).click();
  await page.getByRole('heading', { name: 'Open issues', exact: true }).waitFor();
  await page.getByRole('listitem').first().waitFor();
  const items = await page.getByRole('listitem').count();
  assert.ok(items >= 3, `the demo feed shows several issues (saw ${items})`);

  await assertIdleThenWakes(page, 'mechanic feed', page.getByRole('heading', { name: 'Open issues', exact: true }));

  await settle(page);
  const idle = await mainThreadMsPerSecond(page, 3000);
  figure('idle main thread, mechanic feed (TaskDuration)', idle.task.toFixed(2), 'ms/s');
  figure('idle main thread, mechanic feed (ScriptDuration)', idle.script.toFixed(2), 'ms/s');
  const frames = await framesDrawn(page);
  const ms = await frameMsTotal(page);
  figure('mechanic feed: mean frame CPU so far', (ms / frames).toFixed(2), 'ms');
  figure('mechanic feed: mirror elements', await mirrorElementCount(page), 'elements');
  await screenshot(page, 'platform-feed-idle');
  await closePage(page);
});

test('roles: a verified demo mechanic who signs in lands on the open-issues feed', async () => {
  const page = await openPage(browser, server.baseUrl, { hash: '#/signin' });
  await signIn(page, MECHANIC);
  await poll(() => page.evaluate(() => location.hash), (h) => h !== '#/signin', { what: 'leaving the sign-in page' });
  await settle(page);
  const hash = await page.evaluate(() => location.hash);
  const headings = await page.getByRole('heading').allTextContents();
  await screenshot(page, 'platform-mechanic-after-sign-in');
  // Ahmed is verified with a bio and specializations; the empty onboarding form is not for him.
  assert.equal(hash, '#/feed', `landed on ${hash} (headings: ${headings.join(' | ')})`);
  await page.getByRole('heading', { name: 'Open issues', exact: true }).waitFor();
  await closePage(page);
});

// --- HiDPI and resize -----------------------------------------------------------------------

test('HiDPI: the canvas backing store is 2x at deviceScaleFactor 2, and follows a resize with the mirror', async () => {
  const page = await openPage(browser, server.baseUrl, { viewport: DESKTOP, deviceScaleFactor: 2 });
  await page.getByRole('heading', { name: LANDING_HEADING }).waitFor();
  const canvasSize = () =>
    page.evaluate(() => {
      const c = document.getElementById('canvas');
      return { w: c.width, h: c.height, cssW: c.clientWidth, cssH: c.clientHeight, dpr: window.devicePixelRatio };
    });
  const c1 = await canvasSize();
  assert.equal(c1.dpr, 2);
  assert.deepEqual([c1.cssW, c1.cssH], [DESKTOP.width, DESKTOP.height]);
  assert.deepEqual([c1.w, c1.h], [2 * c1.cssW, 2 * c1.cssH], 'backing store is CSS size x devicePixelRatio');
  await settle(page);
  await screenshot(page, 'platform-hidpi-desktop');

  // "Get a diagnosis" has its natural width on a desktop and takes the whole column on a phone.
  const cta = page.getByRole('button', { name: 'Get a diagnosis' });
  const desktopBox = await cta.boundingBox();
  assert.ok(desktopBox.width < DESKTOP.width / 2, `natural width on desktop (${desktopBox.width})`);

  await page.setViewportSize(PHONE);
  const c2 = await poll(canvasSize, (c) => c.w === 2 * PHONE.width && c.h === 2 * PHONE.height, {
    what: 'the canvas to follow the new viewport',
  });
  assert.deepEqual([c2.cssW, c2.cssH], [PHONE.width, PHONE.height]);
  const phoneBox = await poll(() => cta.boundingBox(), (b) => b && Math.abs(b.width - desktopBox.width) > 1, {
    what: 'the mirror button to take the phone layout',
  });
  assert.ok(phoneBox.width > PHONE.width * 0.85 && phoneBox.x >= 0 && phoneBox.x + phoneBox.width <= PHONE.width,
    `full width inside the phone viewport (x ${phoneBox.x}, width ${phoneBox.width})`);
  // The heading wraps inside the narrow column instead of running off the screen.
  const headingBox = await page.getByRole('heading', { name: LANDING_HEADING }).boundingBox();
  assert.ok(headingBox.x + headingBox.width <= PHONE.width, `heading inside the viewport (${JSON.stringify(headingBox)})`);
  await settle(page);
  await screenshot(page, 'platform-hidpi-phone');

  // And back: the layout returns to what it was.
  await page.setViewportSize(DESKTOP);
  await poll(canvasSize, (c) => c.w === 2 * DESKTOP.width, { what: 'the canvas to grow back' });
  const backBox = await poll(() => cta.boundingBox(), (b) => b && Math.abs(b.width - desktopBox.width) <= 1, {
    what: 'the button to return to its desktop width',
  });
  assert.ok(Math.abs(backBox.x - desktopBox.x) <= 1, 'same place as before the resize');
  await closePage(page);
});

// --- keyboard and assistive technology ------------------------------------------------------

test('keyboard: Enter on a focused mirror button activates it, Space toggles a radio', async () => {
  const page = await openPage(browser, server.baseUrl, { viewport: DESKTOP });
  const start = page.getByRole('button', { name: 'Get started' });
  await start.focus();
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'Create your account' }).waitFor();
  assert.equal(await page.evaluate(() => location.hash), '#/signup');

  const mechanic = page.getByRole('radio', { name: 'Mechanic' });
  assert.equal(await mechanic.getAttribute('aria-checked'), 'false');
  await mechanic.focus();
  await page.keyboard.press(' ');
  await poll(() => mechanic.getAttribute('aria-checked'), (v) => v === 'true', { what: 'Space to choose Mechanic' });
  await page.getByText('An admin verifies every mechanic', { exact: false }).waitFor();
  await screenshot(page, 'platform-keyboard-signup');
  await closePage(page);
});

test('keyboard: Tab walks the sign-in form in order, and Enter in the password field signs in', async () => {
  const page = await openPage(browser, server.baseUrl, { viewport: DESKTOP, hash: '#/signin' });
  const email = page.getByRole('textbox', { name: 'Email' });
  await email.focus();
  const order = [(await focused(page)).name];
  for (let i = 0; i < 3; i++) {
    await page.keyboard.press('Tab');
    order.push((await focused(page))?.name);
  }
  assert.deepEqual(order, ['Email', 'Password', 'Sign in', 'Create an account']);

  await email.fill(CUSTOMER);
  const password = page.getByRole('textbox', { name: 'Password' });
  await password.focus();
  await page.keyboard.type(DEMO_PASSWORD);
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'My issues', exact: true }).waitFor();
  await closePage(page);
});

test('keyboard: Tab order through a whole page follows the visual order (top bar first)', async () => {
  const page = await openPage(browser, server.baseUrl, { viewport: DESKTOP, hash: '#/signin' });
  await page.getByRole('heading', { name: 'Welcome back' }).waitFor();
  await settle(page);
  const seen = [];
  for (let i = 0; i < 30; i++) {
    await page.keyboard.press('Tab');
    const f = await focused(page);
    if (!f) continue;  // the document itself, between two rounds
    if (seen.some((s) => s.sid === f.sid)) break;
    seen.push(f);
  }
  const names = seen.map((f) => f.name);
  assert.ok(names.includes('SalikChat home') && names.includes('Email'), `reachable by Tab: ${names.join(' → ')}`);
  // Reading order: each next element is on a lower line, or on the same line further right.
  for (let i = 1; i < seen.length; i++) {
    const a = seen[i - 1];
    const b = seen[i];
    const sameLine = b.y < a.y + a.h && a.y < b.y + b.h;
    const ok = sameLine ? b.x >= a.x : b.y >= a.y;
    assert.ok(ok, `Tab goes from "${a.name}" (y ${a.y}) to "${b.name}" (y ${b.y}), against the visual order; ` +
      `whole order: ${names.join(' → ')}`);
  }
  await closePage(page);
});

// --- text entry -----------------------------------------------------------------------------

test('text: fill, IME-style insertText, typing and select-all + Backspace all reach the app', async () => {
  const page = await signedInPage(CUSTOMER, 'My issues');
  await page.getByRole('button', { name: 'Post an issue' }).first().click();
  await page.getByRole('heading', { name: 'What is wrong with your car?' }).waitFor();

  // Step 1: fill the title, type the description key by key, choose a category.
  await page.getByRole('textbox', { name: 'Title' }).fill('Brake squeal at low speed');
  await page.getByRole('textbox', { name: 'Description' }).focus();
  await page.keyboard.type('Squeals for ten minutes every morning.');
  await page.getByRole('combobox', { name: 'Category' }).click();
  await page.getByRole('option', { name: 'Brakes' }).click();
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('heading', { name: 'Tell us about your car' }).waitFor();

  // Step 2: an IME-like commit (insertText, non-ASCII), typing, erasing with select-all + Backspace.
  await page.getByRole('textbox', { name: 'Make' }).focus();
  await page.keyboard.insertText('Citroën');
  const model = page.getByRole('textbox', { name: 'Model' });
  await model.focus();
  await page.keyboard.type('Camry');
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Backspace');
  await page.keyboard.type('C4 Picasso');
  const year = page.getByRole('textbox', { name: 'Year' });
  await year.fill('2019');
  await year.focus();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Backspace');
  // The app now holds an empty year: Next names that field.
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByText('Car year is required.').waitFor();
  assert.equal(await year.getAttribute('aria-invalid'), 'true');
  await screenshot(page, 'platform-text-year-required');
  await year.focus();
  await page.keyboard.type('2019');
  await page.getByRole('textbox', { name: 'Mileage (km)' }).fill('85000');
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('heading', { name: 'Let mechanics hear and see it' }).waitFor();  // media: none
  await page.getByRole('button', { name: 'Next' }).click();

  // The review shows exactly what was entered, the erased "Camry" gone.
  await page.getByRole('heading', { name: 'Review and post' }).waitFor();
  // (By text on the page, not by the card: cards are not named groups yet, see the mirror test.)
  const review = page;
  await review.getByText('Brake squeal at low speed', { exact: true }).waitFor();
  await review.getByText('Squeals for ten minutes every morning.', { exact: true }).waitFor();
  await review.getByText('Citroën C4 Picasso 2019 · 85000 km', { exact: true }).waitFor();
  assert.equal(await review.getByText('Camry').count(), 0, 'the erased model is gone');
  await screenshot(page, 'platform-text-review');
  await closePage(page);
});

test('text: an email erased with select-all + Backspace is empty to the app (the error names the field)', async () => {
  const page = await openPage(browser, server.baseUrl, { viewport: PHONE, hash: '#/signin' });
  const email = page.getByRole('textbox', { name: 'Email' });
  await email.fill(CUSTOMER);
  await email.focus();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Backspace');
  await page.getByRole('textbox', { name: 'Password' }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByText('Email is required.').waitFor();
  assert.equal(await email.getAttribute('aria-invalid'), 'true');
  assert.equal(await page.getByRole('textbox', { name: 'Password' }).getAttribute('aria-invalid'), null);
  await screenshot(page, 'platform-text-email-required');
  await closePage(page);
});

// --- the mirror's cost ----------------------------------------------------------------------

test('mirror: one typed character touches at most a few DOM nodes; an idle page touches none', async () => {
  const page = await signedInPage(CUSTOMER, 'My issues');
  await page.getByRole('button', { name: 'Post an issue' }).first().click();
  const title = page.getByRole('textbox', { name: 'Title' });
  await title.waitFor();
  await title.focus();
  await settle(page);
  const elements = await mirrorElementCount(page);

  await startMutationCount(page);
  await page.waitForTimeout(2000);
  const idle = await readMutationCount(page);
  await stopMutationCount(page);
  assert.equal(idle.records, 0, `idle page mutated the mirror ${idle.records} times`);

  const f0 = await framesDrawn(page);
  const a0 = await batchesApplied(page);
  await startMutationCount(page);
  await page.keyboard.type('B');
  await poll(() => framesDrawn(page), (f) => f > f0, { what: 'a frame after typing' });
  await settle(page);
  const typed = await readMutationCount(page);
  await stopMutationCount(page);
  const a1 = await batchesApplied(page);
  assert.equal(await title.inputValue(), 'B');
  assert.ok(a1 > a0, 'the app saw the new value (a mirror batch carried it)');
  figure('mirror elements on the posting wizard', elements, 'elements');
  figure('mirror DOM nodes touched by one typed character', typed.nodes, 'nodes');
  figure('mirror batches for one typed character', a1 - a0, 'batches');
  assert.ok(typed.nodes <= 5, `one character touched ${typed.nodes} DOM nodes (${typed.records} mutations) of ${elements}`);
  await closePage(page);
});

test('mirror: a card is a group named by its title (aria-label), with no stray text inside', async () => {
  const page = await openPage(browser, server.baseUrl, { viewport: DESKTOP });
  await page.getByRole('heading', { name: LANDING_HEADING }).waitFor();
  const card = await page.evaluate(() => {
    const g = [...document.querySelectorAll('#ui [role=group]')].find((el) => el.textContent.includes('1. Post your problem'));
    if (!g) return null;
    return {
      label: g.getAttribute('aria-label'),
      strayText: [...g.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE).map((n) => n.data),
    };
  });
  assert.ok(card, 'the first feature card is in the mirror as a group');
  assert.deepEqual(card.strayText, [], 'the card name is not a text node inside the group');
  assert.equal(card.label, '1. Post your problem');
  assert.equal(await page.getByRole('group', { name: '1. Post your problem' }).count(), 1, 'found by role and name');
  await closePage(page);
});

// --- errors and sessions --------------------------------------------------------------------

test('errors: a wrong password shows one alert with a clear sentence and changes nothing else', async () => {
  const page = await openPage(browser, server.baseUrl, { viewport: DESKTOP, hash: '#/signin' });
  await page.getByRole('textbox', { name: 'Email' }).fill(CUSTOMER);
  await page.getByRole('textbox', { name: 'Password' }).fill('not-the-password');
  await settle(page);
  const before = await mirrorInventory(page);
  assert.equal(await page.getByRole('alert').count(), 0);

  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  const alert = page.getByRole('alert');
  await alert.waitFor();
  await settle(page);
  const message = (await alert.textContent()).trim();
  assert.equal(message, 'That email and password do not match.');
  assert.match(message, /^[A-Z][^{}<>_]{10,}\.$/, 'a sentence, not a code');
  await screenshot(page, 'platform-wrong-password');

  const afterInv = await mirrorInventory(page);
  const added = afterInv.filter((x) => !before.includes(x));
  const removed = before.filter((x) => !afterInv.includes(x));
  assert.deepEqual(added, [`alert:${message}`], 'only the alert is new');
  assert.deepEqual(removed, [], 'nothing disappeared');
  assert.equal(await page.evaluate(() => location.hash), '#/signin');
  assert.equal(await page.evaluate(() => localStorage.getItem('salikchat.token')), null, 'no session stored');
  assert.equal(await page.getByRole('textbox', { name: 'Email' }).inputValue(), CUSTOMER, 'the email is kept');
  assert.equal(await page.getByRole('textbox', { name: 'Email' }).getAttribute('aria-invalid'), null);

  // The right password then works, and the alert goes.
  await page.getByRole('textbox', { name: 'Password' }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByRole('heading', { name: 'My issues', exact: true }).waitFor();
  assert.equal(await page.getByRole('alert').count(), 0);
  await closePage(page);
});

test('session: after Sign out a reload shows the landing page and the old token is dead', async () => {
  const page = await signedInPage(CUSTOMER, 'My issues');
  const token = await page.evaluate(() => localStorage.getItem('salikchat.token'));
  assert.ok(token, 'a token is stored while signed in');
  const me = (t) => fetch(`${server.baseUrl}/api/auth/me`, { headers: { authorization: `Bearer ${t}` } });
  assert.equal((await me(token)).status, 200);

  const loggedOut = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/auth/logout');
  await page.getByRole('button', { name: 'Sign out' }).click();
  assert.ok((await loggedOut).ok(), 'the app tells the server');
  await page.getByRole('heading', { name: LANDING_HEADING }).waitFor();

  await page.reload();
  await waitForFirstFrame(page);
  await page.getByRole('heading', { name: LANDING_HEADING }).waitFor();
  assert.equal(await page.getByRole('button', { name: 'Sign out' }).count(), 0);
  assert.equal(await page.evaluate(() => localStorage.getItem('salikchat.token')), null);
  assert.equal((await me(token)).status, 401, 'the old token no longer works');
  await screenshot(page, 'platform-signed-out-reload');
  await closePage(page);
});

test('roles: a customer who types #/admin/verification lands on their own home', async () => {
  const page = await signedInPage(CUSTOMER, 'My issues');
  const adminCalls = [];
  page.on('request', (r) => {
    if (new URL(r.url()).pathname.startsWith('/api/admin')) adminCalls.push(r.url());
  });

  // Typed into the address bar of the open tab: a hash change.
  await page.goto(`${server.baseUrl}/#/admin/verification`);
  await poll(() => page.evaluate(() => location.hash), (h) => h === '#/my-issues', { what: 'the hash to go home' });
  await page.getByRole('heading', { name: 'My issues', exact: true }).waitFor();
  await settle(page);
  assert.equal(await page.getByRole('heading', { name: 'Mechanic verification' }).count(), 0);

  // Opened fresh in a new tab of the same browser profile: the boot path.
  const tab = await page.context().newPage();
  tab.errors = [];
  tab.on('pageerror', (e) => tab.errors.push(e.message));
  tab.on('request', (r) => {
    if (new URL(r.url()).pathname.startsWith('/api/admin')) adminCalls.push(r.url());
  });
  await tab.goto(`${server.baseUrl}/#/admin/verification`);
  await waitForFirstFrame(tab);
  await tab.getByRole('heading', { name: 'My issues', exact: true }).waitFor();
  await settle(tab);
  assert.equal(await tab.evaluate(() => location.hash), '#/my-issues');
  assert.equal(await tab.getByRole('heading', { name: 'Mechanic verification' }).count(), 0);
  assert.deepEqual(adminCalls, [], 'no admin API call from a customer page');
  await screenshot(tab, 'platform-customer-admin-url');
  assert.deepEqual(tab.errors, []);
  await closePage(page);
});
