// Real-time chat between a car owner and a verified mechanic (the demo data), in two browser
// contexts: both ways, the typing indicator, read receipts, and two messages typed while
// offline that arrive once and in order when the network returns; two tabs of one user typing
// offline and closed before the network returns, whose messages all go out from the next tab.
// Screenshots of the conversation list and the chat at phone and desktop width.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { apiClient } from '../api/client.mjs';
import {
  DEMO_PASSWORD, DESKTOP, PHONE, figure, launchBrowser, openPage, screenshot, signIn, signInOwnerAndMechanic,
  startAppServer, waitForFirstFrame,
} from './browser.mjs';

const OWNER = 'fatima.alzaabi@salikchat.test';
const MECHANIC = 'rajesh.menon@salikchat.test';
const ISSUE = "Car won't start - clicking sound";

let server;
let browser;
before(async () => {
  // The long conversation below is seeded in seconds: no message limit.
  server = await startAppServer({ SALIK_MESSAGE_RATE_PER_MINUTE: '1000000' }, { demo: true });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

const messages = (page) => page.getByRole('list', { name: 'Messages' });
const bubble = (page, name) => messages(page).getByRole('listitem', { name, exact: true });

// The accessible names of the bubbles in view, top to bottom.
async function bubbleNames(page) {
  return messages(page)
    .getByRole('listitem')
    .evaluateAll((items) => items.map((li) => li.getAttribute('aria-label')));
}

async function send(page, text) {
  const composer = page.getByRole('textbox', { name: 'Message' });
  await composer.fill(text);
  await composer.press('Enter');
  await bubble(page, `You: ${text}`).waitFor();
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

test('a car owner and a mechanic chat: both ways, typing, receipts, offline sends arrive once and in order', async () => {
  // --- both sign in: the car owner at a desk, the mechanic on a phone
  const { owner, mechanic } = await signInOwnerAndMechanic(browser, server.baseUrl, { owner: OWNER, mechanic: MECHANIC });

  // An empty list says how a conversation starts.
  await mechanic.getByRole('button', { name: 'Messages' }).click();
  await mechanic.getByRole('heading', { name: 'No conversations yet' }).waitFor();

  // --- the car owner opens a chat from Rajesh's response on her issue
  await owner.getByRole('listitem', { name: ISSUE }).getByRole('button', { name: 'View issue' }).click();
  const response = owner.getByRole('listitem', { name: 'Response from Rajesh Menon' });
  await response.getByRole('button', { name: 'Chat with Rajesh Menon' }).click();
  await owner.getByRole('heading', { name: 'Chat with Rajesh Menon' }).waitFor();
  await owner.getByText(`Re: ${ISSUE}`).waitFor();
  await send(owner, 'Hi Rajesh, it clicks every morning. Is it the battery or the starter?');

  // --- the mechanic sees the unread count live, in the top bar and in the list
  await mechanic.getByRole('button', { name: 'Messages, 1 unread' }).waitFor();
  const row = mechanic.getByRole('listitem', { name: 'Fatima Al Zaabi' });
  await row.getByText('1 unread message').waitFor();
  await row.getByText(`Re: ${ISSUE}`).waitFor();
  await screenshot(mechanic, 'phone-chats-list');
  await row.getByRole('button', { name: 'Open chat with Fatima Al Zaabi' }).click();
  await mechanic.getByRole('heading', { name: 'Chat with Fatima Al Zaabi' }).waitFor();
  await bubble(mechanic, 'Fatima Al Zaabi: Hi Rajesh, it clicks every morning. Is it the battery or the starter?').waitFor();
  await mechanic.getByText('Online').waitFor();  // the car owner is connected
  // Reading it clears the badge and turns the car owner's ticks to "Read".
  await mechanic.getByRole('button', { name: 'Messages', exact: true }).waitFor();
  await bubble(owner, 'You: Hi Rajesh, it clicks every morning. Is it the battery or the starter?')
    .getByText('Read', { exact: true })
    .waitFor();

  // --- typing shows on the other side while the mechanic types, and goes with the message
  const mechanicComposer = mechanic.getByRole('textbox', { name: 'Message' });
  await mechanicComposer.fill('Most likely the battery');
  await owner.getByText('Rajesh Menon is typing').waitFor();
  await screenshot(owner, 'desktop-chat-typing');
  await mechanicComposer.fill('Most likely the battery: a single click with flickering lights is a weak battery or a loose terminal.');
  await mechanicComposer.press('Enter');
  await bubble(mechanic, 'You: Most likely the battery: a single click with flickering lights is a weak battery or a loose terminal.').waitFor();
  await bubble(owner, 'Rajesh Menon: Most likely the battery: a single click with flickering lights is a weak battery or a loose terminal.').waitFor();
  await owner.getByText('Rajesh Menon is typing').waitFor({ state: 'detached' });
  await bubble(mechanic, 'You: Most likely the battery: a single click with flickering lights is a weak battery or a loose terminal.')
    .getByText('Read', { exact: true })
    .waitFor();

  // --- the car owner loses the network, types two messages, and comes back
  await owner.context().setOffline(true);
  await owner.getByText('You are offline', { exact: false }).waitFor();
  const composer = owner.getByRole('textbox', { name: 'Message' });
  for (const text of ['Offline one: I checked, the terminals look clean.', 'Offline two: should I try a jump start?']) {
    await composer.fill(text);
    await composer.press('Enter');
    await bubble(owner, `You: ${text}`).getByText('Sending', { exact: true }).waitFor();
  }
  await screenshot(owner, 'desktop-chat-offline');
  await mechanic.waitForTimeout(1000);
  assert.equal((await bubbleNames(mechanic)).filter((n) => n.includes('Offline')).length, 0, 'nothing arrives while offline');

  await owner.context().setOffline(false);
  const expected = [
    'Fatima Al Zaabi: Offline one: I checked, the terminals look clean.',
    'Fatima Al Zaabi: Offline two: should I try a jump start?',
  ];
  const offlineAtMechanic = (names) => names.filter((n) => n.includes('Offline'));
  await poll(() => bubbleNames(mechanic), (names) => offlineAtMechanic(names).length >= 2, {
    what: 'both offline messages at the mechanic',
  });
  assert.deepEqual(offlineAtMechanic(await bubbleNames(mechanic)), expected, 'once each, in order');
  for (const text of ['Offline one: I checked, the terminals look clean.', 'Offline two: should I try a jump start?'])
    await bubble(owner, `You: ${text}`).getByText('Read', { exact: true }).waitFor();

  // A reload rebuilds the conversation from history: still once each, in order.
  await mechanic.reload();
  await bubble(mechanic, expected[1]).waitFor();
  const all = await bubbleNames(mechanic);
  assert.deepEqual(offlineAtMechanic(all), expected);
  assert.equal(new Set(all).size, all.length, `no message twice: ${JSON.stringify(all)}`);

  // --- the mechanic answers from the phone; screenshots of both views at both widths
  await send(mechanic, 'Yes, a jump start is safe. If it starts, drive 30 minutes and we will test the battery.');
  await bubble(owner, 'Rajesh Menon: Yes, a jump start is safe. If it starts, drive 30 minutes and we will test the battery.').waitFor();
  await screenshot(mechanic, 'phone-chat');
  await screenshot(owner, 'desktop-chat');

  // An edit (over REST: the app has no edit box yet) shows as "edited" when the chat is opened again.
  const call = apiClient(server.baseUrl);
  const token = await owner.evaluate(() => localStorage.getItem('salikchat.token'));
  const convId = (await owner.evaluate(() => location.hash)).split('/').pop();
  const history = (await call('GET', `/api/conversations/${convId}/messages?limit=50`, { token })).json.items;
  const jump = history.find((m) => m.content === 'Offline two: should I try a jump start?');
  const edit = await call('PATCH', `/api/messages/${jump.id}`, { token, json: { content: 'Offline two: should I try a jump start, or call a tow?' } });
  assert.equal(edit.status, 200, edit.text);

  // The mechanic can open the same conversation from the issue too.
  await mechanic.getByRole('button', { name: 'Open issues' }).click();
  await mechanic.getByRole('listitem', { name: ISSUE }).getByRole('button', { name: 'View details & respond' }).click();
  await mechanic.getByRole('button', { name: 'Chat with the car owner' }).click();
  await mechanic.getByRole('heading', { name: 'Chat with Fatima Al Zaabi' }).waitFor();
  const edited = bubble(mechanic, 'Fatima Al Zaabi: Offline two: should I try a jump start, or call a tow?');
  await edited.getByText('edited', { exact: false }).waitFor();
  assert.equal(new Set(await bubbleNames(mechanic)).size, (await bubbleNames(mechanic)).length);

  await owner.getByRole('button', { name: 'Back to messages' }).click();
  await owner.getByRole('listitem', { name: 'Rajesh Menon', exact: true }).waitFor();
  await screenshot(owner, 'desktop-chats-list');
  // The car owner's chat at phone width: the header's "Share contact details" shrinks to an icon.
  await owner.setViewportSize(PHONE);
  await owner.getByRole('listitem', { name: 'Rajesh Menon', exact: true }).getByRole('button').click();
  await bubble(owner, 'Rajesh Menon: Yes, a jump start is safe. If it starts, drive 30 minutes and we will test the battery.').waitFor();
  await screenshot(owner, 'phone-chat-owner');

  assert.deepEqual([...owner.errors, ...mechanic.errors], []);
});

// --- a long conversation ------------------------------------------------------------------------

test('two tabs of one car owner type offline and are closed: the next tab sends every message once', async () => {
  const first = await openPage(browser, server.baseUrl, { viewport: DESKTOP, hash: '#/signin' });
  await signIn(first, OWNER);
  await first.getByRole('heading', { name: 'My issues' }).waitFor();
  await first.getByRole('listitem', { name: ISSUE }).getByRole('button', { name: 'View issue' }).click();
  await first.getByRole('listitem', { name: 'Response from Rajesh Menon' })
    .getByRole('button', { name: 'Chat with Rajesh Menon' }).click();
  await first.getByRole('heading', { name: 'Chat with Rajesh Menon' }).waitFor();
  const chatHash = await first.evaluate(() => location.hash);

  // A second tab of the same browser profile: the same session and the same localStorage.
  const context = first.context();
  const openTab = async () => {
    const tab = await context.newPage();
    tab.errors = [];
    tab.on('pageerror', (e) => tab.errors.push(e.message));
    await tab.goto(`${server.baseUrl}/${chatHash}`);
    await waitForFirstFrame(tab);
    await tab.getByRole('heading', { name: 'Chat with Rajesh Menon' }).waitFor();
    return tab;
  };
  const second = await openTab();

  await context.setOffline(true);
  const texts = ['Tab one: the battery light flickers at idle.', 'Tab two: and the radio resets when I crank.'];
  for (const [tab, text] of [[first, texts[0]], [second, texts[1]]]) {
    await tab.getByText('You are offline', { exact: false }).waitFor();
    const composer = tab.getByRole('textbox', { name: 'Message' });
    await composer.fill(text);
    await composer.press('Enter');
    await bubble(tab, `You: ${text}`).getByText('Sending', { exact: true }).waitFor();
  }
  await first.close();
  await second.close();

  // The network returns with only a new tab open: it sends both, once each.
  await context.setOffline(false);
  const third = await openTab();
  for (const text of texts)
    await bubble(third, `You: ${text}`).getByText(/^(Sent|Delivered|Read)$/).waitFor({ timeout: 20_000 });
  const call = apiClient(server.baseUrl);
  const token = await third.evaluate(() => localStorage.getItem('salikchat.token'));
  const history = (await call('GET', `/api/conversations/${chatHash.split('/').pop()}/messages?limit=50`, { token })).json.items;
  for (const text of texts)
    assert.equal(history.filter((m) => m.content === text).length, 1, `stored once: ${text}`);
  assert.equal(await third.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('salikchat.outbox.')).length), 0,
    'nothing left unsent');
  assert.deepEqual(first.errors, []);
  assert.deepEqual(second.errors, []);
  assert.deepEqual(third.errors, []);
});

const LONG = 10_000;

// Fatima and Ahmed exchange LONG messages over REST; the first one is known.
async function seedLongConversation(baseUrl) {
  const call = apiClient(baseUrl);
  const login = async (email) => (await call('POST', '/api/auth/login', { json: { email, password: DEMO_PASSWORD } })).json.token;
  const owner = await login(OWNER);
  const mechanic = await login('ahmed.alkareem@salikchat.test');
  const issues = (await call('GET', '/api/issues?mine=1&limit=50', { token: owner })).json.items;
  const issue = issues.find((i) => i.title === ISSUE);
  const responses = (await call('GET', `/api/issues/${issue.id}/responses`, { token: owner })).json.items;
  const ahmed = responses.find((r) => r.mechanic_name.startsWith('Ahmed'));
  const conv = (await call('POST', '/api/conversations', { token: owner, json: { issue_id: issue.id, mechanic_id: ahmed.mechanic_id } })).json;
  const post = async (token, n, content) => {
    const res = await call('POST', `/api/conversations/${conv.id}/messages`, { token, json: { client_id: `seed-${n}`, content } });
    assert.ok(res.status === 201 || res.status === 200, `seed message ${n}: ${res.status} ${res.text}`);
  };
  await post(owner, 0, 'The very first message of a long conversation.');
  let next = 1;
  const worker = async () => {
    while (next < LONG) {
      const n = next++;
      const long = n % 7 === 0 ? ' It goes on for a while, so that this bubble wraps over two or three lines at phone width.' : '';
      await post(n % 2 ? mechanic : owner, n, `Message number ${n}.${long}`);
    }
  };
  await Promise.all(Array.from({ length: 32 }, worker));
  return conv;
}

test('10,000 messages: the chat opens at the newest and scrolls back to the first, laying out only what is in view', async () => {
  const started = Date.now();
  await seedLongConversation(server.baseUrl);
  figure('seeding 10,000 messages over REST', ((Date.now() - started) / 1000).toFixed(1), 's');

  const owner = await openPage(browser, server.baseUrl, { viewport: DESKTOP, hash: '#/signin' });
  await signIn(owner, OWNER);
  await owner.getByRole('heading', { name: 'My issues' }).waitFor();
  await owner.getByRole('button', { name: 'Messages' }).click();
  await owner.getByRole('listitem', { name: 'Ahmed Al-Kareem', exact: true }).getByRole('button').click();
  await owner.getByRole('heading', { name: 'Chat with Ahmed Al-Kareem' }).waitFor();
  await messages(owner).getByRole('listitem', { name: /Message number 9999\./ }).waitFor();

  const stats = () =>
    owner.evaluate(() => ({
      frames: Module.ccall('salik_frames_drawn', 'number', [], []),
      ms: Module.ccall('salik_frame_ms_total', 'number', [], []),
      items: document.querySelectorAll('#ui [aria-label="Messages"] li').length,
      elements: document.querySelectorAll('#ui *').length,
    }));
  const before = await stats();
  await owner.mouse.move(640, 450);
  let most = 0;
  const first = messages(owner).getByRole('listitem', { name: 'You: The very first message of a long conversation.' });
  const deadline = Date.now() + 120_000;
  while (!(await first.count())) {
    assert.ok(Date.now() < deadline, 'scrolled back to the first message within two minutes');
    await owner.mouse.wheel(0, -4000);
    await owner.waitForTimeout(16);
    most = Math.max(most, (await stats()).items);
  }
  const after = await stats();
  const frames = after.frames - before.frames;
  figure('10,000 messages: frames drawn scrolling back to the first', frames, 'frames');
  figure('10,000 messages: mean frame CPU while scrolling', ((after.ms - before.ms) / frames).toFixed(2), 'ms');
  figure('10,000 messages: most message rows in the DOM at once', most, 'rows');
  figure('10,000 messages: mirror elements at the top', after.elements, 'elements');
  assert.ok(most < 80, `only rows in view are laid out (saw ${most})`);
  await owner.getByText('This is the beginning of your conversation.').waitFor();
  for (let i = 0; i < 3; ++i) await owner.mouse.wheel(0, -4000);
  await first.waitFor();
  await screenshot(owner, 'desktop-chat-long-top');

  // All of it loaded, once each: the app holds every seq 1…10,000.
  const back = owner.getByRole('button', { name: 'Jump to latest' });
  await back.click();
  await messages(owner).getByRole('listitem', { name: /Message number 9999\./ }).waitFor();
  assert.deepEqual(owner.errors, []);
});
