// Attachments in the chat, in two browser contexts: the car owner (desktop) attaches a photo through
// the paperclip's file dialog, which waits in the composer until Send gives it a caption, and
// drops a 440 Hz recording onto the conversation, sent without one; the mechanic
// (phone) sees both arrive live, the list previews the newest as "Engine recording", the photo
// opens in the viewer and the recording in the player with its dominant frequency. Screenshots
// of both sides at desktop and phone width. A text sent while a photo still uploads reaches the
// other party after that photo, as it was sent; one removed before Send is deleted on the server,
// and a second tab that held it too lets it go rather than storing it again.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ffmpeg, wav } from '../api/media_fixtures.mjs';
import {
  DESKTOP, PHONE, dominantHz, launchBrowser, openPage, screenshot, settle, signIn, signInOwnerAndMechanic,
  startAppServer, waitForFirstFrame,
} from './browser.mjs';

const OWNER = 'fatima.alzaabi@salikchat.test';
const MECHANIC = 'rajesh.menon@salikchat.test';
const ISSUE = "Car won't start - clicking sound";

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

const messages = (page) => page.getByRole('list', { name: 'Messages' });
const bubble = (page, name) => messages(page).getByRole('listitem', { name, exact: true });

// Drops a file onto the page as a browser does: dragenter, dragover, drop carrying a DataTransfer.
async function dropFile(page, name, type, bytes) {
  await page.evaluate(([name, type, base64]) => {
    const data = Uint8Array.from(atob(base64), (ch) => ch.charCodeAt(0));
    const dt = new DataTransfer();
    dt.items.add(new File([data], name, { type }));
    for (const kind of ['dragenter', 'dragover', 'drop'])
      window.dispatchEvent(new DragEvent(kind, { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, [name, type, bytes.toString('base64')]);
}

test('a photo and an engine recording sent in the chat reach the other party, open in the viewer and the player', async () => {
  const photo = ffmpeg('engine-bay.png', ['-f', 'lavfi', '-i', 'testsrc2=size=640x480:rate=1', '-frames:v', '1']);
  const recording = wav(3, { rate: 48000, freq: 440 });

  const { owner, mechanic } = await signInOwnerAndMechanic(browser, server.baseUrl, { owner: OWNER, mechanic: MECHANIC });

  // --- the car owner opens the chat with Rajesh from his response
  await owner.getByRole('listitem', { name: ISSUE }).getByRole('button', { name: 'View issue' }).click();
  const response = owner.getByRole('listitem', { name: 'Response from Rajesh Menon' });
  await response.getByRole('button', { name: 'Chat with Rajesh Menon' }).click();
  await owner.getByRole('heading', { name: 'Chat with Rajesh Menon' }).waitFor();

  // --- a photo through the paperclip: one dialog takes photos, videos and sound
  const chooser = owner.waitForEvent('filechooser');
  await owner.getByRole('button', { name: 'Attach a photo, video or recording' }).click();
  await (await chooser).setFiles({ name: 'engine-bay.png', mimeType: 'image/png', buffer: photo });
  await owner.getByText('Ready to send · engine-bay.png').waitFor({ timeout: 20_000 });
  await screenshot(owner, 'desktop-chat-attachment-ready');
  await owner.setViewportSize(PHONE);
  await screenshot(owner, 'phone-chat-attachment-ready');
  await owner.setViewportSize(DESKTOP);
  assert.equal(await messages(owner).getByRole('listitem').count(), 0);  // nothing sent before Send
  const composer = owner.getByRole('textbox', { name: 'Message' });
  await composer.fill('The bay after a cold start');
  await owner.getByRole('button', { name: 'Send' }).click();
  const sentPhoto = bubble(owner, 'You: Photo engine-bay.png. The bay after a cold start');
  await sentPhoto.waitFor({ timeout: 20_000 });
  await sentPhoto.getByText(/^(Sent|Delivered|Read)$/).waitFor({ timeout: 20_000 });

  // --- a recording dropped onto the conversation goes out the same way
  await dropFile(owner, 'engine-idle.wav', 'audio/wav', recording);
  await owner.getByText('Ready to send · engine-idle.wav').waitFor({ timeout: 20_000 });
  await composer.press('Enter');  // an empty draft: sent without a caption
  const sentSound = bubble(owner, 'You: Engine recording engine-idle.wav');
  await sentSound.waitFor({ timeout: 20_000 });
  await sentSound.getByText(/^(Sent|Delivered|Read)$/).waitFor({ timeout: 20_000 });
  await owner.getByText('Engine recording · 0:03').waitFor();
  await screenshot(owner, 'desktop-chat-attachments');

  // --- the mechanic's list says what the newest message is, then the chat shows both
  await mechanic.getByRole('button', { name: /^Messages, \d+ unread$/ }).click();
  const row = mechanic.getByRole('listitem', { name: 'Fatima Al Zaabi' });
  await row.getByText('Engine recording', { exact: true }).waitFor();
  await screenshot(mechanic, 'phone-chats-list-attachment');
  await row.getByRole('button', { name: 'Open chat with Fatima Al Zaabi' }).click();
  await bubble(mechanic, 'Fatima Al Zaabi: Photo engine-bay.png. The bay after a cold start').waitFor();
  await bubble(mechanic, 'Fatima Al Zaabi: Engine recording engine-idle.wav').waitFor();
  await screenshot(mechanic, 'phone-chat-attachments');

  // The photo opens in the zoomable viewer.
  await mechanic.getByRole('button', { name: 'Photo: engine-bay.png' }).click();
  const viewer = mechanic.getByRole('dialog');
  await viewer.getByRole('group', { name: 'Photo: engine-bay.png' }).waitFor();
  await viewer.getByRole('button', { name: 'Zoom in' }).click();
  await screenshot(mechanic, 'phone-chat-photo-viewer');
  await viewer.getByRole('button', { name: 'Close' }).click();
  await viewer.waitFor({ state: 'detached' });

  // The recording opens in the player: about 3 s, and the 440 Hz tone within 5 %.
  await mechanic.getByRole('button', { name: 'Open recording' }).click();
  const player = mechanic.getByRole('dialog', { name: 'Engine recording' });
  const hz = await dominantHz(player);
  assert.ok(Math.abs(hz - 440) / 440 < 0.05, `dominant frequency ${hz} Hz`);
  await player.getByText(/0:03\.0/).first().waitFor();
  await screenshot(mechanic, 'phone-chat-recording-player');
  await player.getByRole('button', { name: 'Close' }).click();
  await player.waitFor({ state: 'detached' });

  assert.deepEqual(owner.errors, []);
  assert.deepEqual(mechanic.errors, []);
});

test('an attachment removed before Send is deleted on the server; a text sent while a photo uploads arrives after it', async () => {
  const photo = ffmpeg('under-car.png', ['-f', 'lavfi', '-i', 'testsrc2=size=320x240:rate=1', '-frames:v', '1']);
  const { owner, mechanic } = await signInOwnerAndMechanic(browser, server.baseUrl, { owner: OWNER, mechanic: MECHANIC });

  await owner.getByRole('listitem', { name: ISSUE }).getByRole('button', { name: 'View issue' }).click();
  await owner.getByRole('listitem', { name: 'Response from Rajesh Menon' })
    .getByRole('button', { name: 'Chat with Rajesh Menon' }).click();
  await owner.getByRole('heading', { name: 'Chat with Rajesh Menon' }).waitFor();

  // An attachment removed from the composer before Send: nothing is sent, and the server lets the
  // upload go (its link answers 404 afterwards).
  const uploaded = owner.waitForResponse((r) => r.request().method() === 'POST' && /\/media/.test(r.url()));
  const firstChooser = owner.waitForEvent('filechooser');
  await owner.getByRole('button', { name: 'Attach a photo, video or recording' }).click();
  await (await firstChooser).setFiles({ name: 'wrong-car.png', mimeType: 'image/png', buffer: photo });
  const media = await (await uploaded).json();
  await owner.getByText('Ready to send · wrong-car.png').waitFor({ timeout: 20_000 });
  const forgotten = owner.waitForResponse((r) => r.request().method() === 'DELETE');
  await owner.getByRole('button', { name: 'Remove wrong-car.png' }).click();
  assert.equal((await forgotten).status(), 204);
  await owner.getByText('Ready to send · wrong-car.png').waitFor({ state: 'detached' });
  assert.equal((await fetch(server.baseUrl + media.url)).status, 404);

  // The upload reaches the server only when the test lets it: a slow network, made certain.
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  let uploadSeen;
  const uploading = new Promise((resolve) => { uploadSeen = resolve; });
  await owner.route('**/api/conversations/*/media*', async (route) => {
    uploadSeen();
    await held;
    await route.continue();
  });

  const chooser = owner.waitForEvent('filechooser');
  await owner.getByRole('button', { name: 'Attach a photo, video or recording' }).click();
  await (await chooser).setFiles({ name: 'under-car.png', mimeType: 'image/png', buffer: photo });
  await uploading;
  const composer = owner.getByRole('textbox', { name: 'Message' });
  await composer.fill('Under the car');
  await owner.getByRole('button', { name: 'Send' }).click();  // the photo goes once uploaded
  // The row says the photo goes once uploaded, and with which caption.
  await owner.getByText(/^under-car\.png · uploading \d+%, sends when uploaded: “Under the car”$/).waitFor();
  await composer.fill('Is that a leak?');
  await owner.getByRole('button', { name: 'Send' }).click();
  const text = bubble(owner, 'You: Is that a leak?');
  await text.waitFor();
  await owner.waitForTimeout(1000);  // time enough for a text to reach the server, were it sent
  assert.equal(await text.getByText(/^(Sent|Delivered|Read)$/).count(), 0, 'the text waits for the photo');
  await screenshot(owner, 'desktop-chat-text-behind-upload');
  await owner.setViewportSize(PHONE);
  await screenshot(owner, 'phone-chat-text-behind-upload');
  await owner.setViewportSize(DESKTOP);

  release();
  await bubble(owner, 'You: Photo under-car.png. Under the car').getByText(/^(Sent|Delivered|Read)$/)
    .waitFor({ timeout: 20_000 });
  await text.getByText(/^(Sent|Delivered|Read)$/).waitFor({ timeout: 20_000 });

  // The mechanic sees them in the order they were sent. (The first test's mechanic tab, still in
  // this chat, may have read them already: the badge then shows no count.)
  await mechanic.getByRole('button', { name: /^Messages(, \d+ unread)?$/ }).click();
  await mechanic.getByRole('listitem', { name: 'Fatima Al Zaabi' })
    .getByRole('button', { name: 'Open chat with Fatima Al Zaabi' }).click();
  await bubble(mechanic, 'Fatima Al Zaabi: Is that a leak?').waitFor({ timeout: 20_000 });
  const names = await messages(mechanic).getByRole('listitem').evaluateAll((items) =>
    items.map((item) => item.getAttribute('aria-label')));
  const photoAt = names.indexOf('Fatima Al Zaabi: Photo under-car.png. Under the car');
  const textAt = names.indexOf('Fatima Al Zaabi: Is that a leak?');
  assert.ok(photoAt >= 0 && textAt === photoAt + 1, `order on the mechanic's side: ${names.join(' | ')}`);

  assert.deepEqual(owner.errors, []);
  assert.deepEqual(mechanic.errors, []);
});

// The car owner alone, signed in on a page of their own, in the chat with Rajesh; `errors`
// collects the page's uncaught errors.
async function openOwnerChat(viewport) {
  const page = await openPage(browser, server.baseUrl, { viewport, hash: '#/signin' });
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(e.message));
  await signIn(page, OWNER);
  await page.getByRole('listitem', { name: ISSUE }).getByRole('button', { name: 'View issue' }).click();
  await page.getByRole('listitem', { name: 'Response from Rajesh Menon' })
    .getByRole('button', { name: 'Chat with Rajesh Menon' }).click();
  await page.getByRole('heading', { name: 'Chat with Rajesh Menon' }).waitFor();
  return page;
}

test('an attachment waiting in two tabs and removed in one is gone from the other at its next write', async () => {
  const photo = (name) => ffmpeg(name, ['-f', 'lavfi', '-i', 'testsrc2=size=160x120:rate=1', '-frames:v', '1']);
  const first = await openOwnerChat(DESKTOP);
  const attach = async (tab, name) => {
    const chooser = tab.waitForEvent('filechooser');
    await tab.getByRole('button', { name: 'Attach a photo, video or recording' }).click();
    await (await chooser).setFiles({ name, mimeType: 'image/png', buffer: photo(name) });
    await tab.getByText(`Ready to send · ${name}`).waitFor({ timeout: 20_000 });
  };
  await attach(first, 'stale.png');

  // A second tab of the same profile finds it waiting too (the outbox in localStorage).
  const second = await first.context().newPage();
  second.errors = [];
  second.on('pageerror', (e) => second.errors.push(e.message));
  await second.goto(`${server.baseUrl}/${await first.evaluate(() => location.hash)}`);
  await waitForFirstFrame(second);
  await second.getByText('Ready to send · stale.png').waitFor({ timeout: 20_000 });

  const deleted = first.waitForResponse((r) => r.request().method() === 'DELETE');
  await first.getByRole('button', { name: 'Remove stale.png' }).click();
  assert.equal((await deleted).status(), 204);

  // The second tab's next write (another photo) keeps the removed one out of storage and out of
  // its composer.
  await attach(second, 'fresh.png');
  await second.getByText('Ready to send · stale.png').waitFor({ state: 'detached', timeout: 10_000 });
  const stored = await second.evaluate(() => Object.entries(localStorage)
    .filter(([k]) => k.startsWith('salikchat.outbox.')).map(([, v]) => JSON.parse(v)).flat());
  assert.deepEqual(stored.map((e) => e.media?.label), ['fresh.png']);
  await screenshot(second, 'desktop-chat-second-tab-after-remove');
  await second.setViewportSize(PHONE);
  await screenshot(second, 'phone-chat-second-tab-after-remove');

  // Sent from the second tab: only the fresh photo goes.
  await second.getByRole('textbox', { name: 'Message' }).fill('This one');
  await second.getByRole('button', { name: 'Send' }).click();
  await bubble(second, 'You: Photo fresh.png. This one').getByText(/^(Sent|Delivered|Read)$/).waitFor({ timeout: 20_000 });
  assert.equal(await messages(second).getByRole('listitem', { name: /stale\.png/ }).count(), 0);
  assert.deepEqual(first.errors, []);
  assert.deepEqual(second.errors, []);
  await first.context().close();
});

test('a message refused for good says why and can be deleted, its upload with it', async () => {
  const page = await openOwnerChat(PHONE);
  const token = await page.evaluate(() => localStorage.getItem('salikchat.token'));
  // A photo whose upload is deleted behind the app's back (as another tab or the sweep of old
  // uploads would) before Send: the server refuses the message.
  const refusedPhoto = async (name, caption) => {
    const uploaded = page.waitForResponse((r) => r.request().method() === 'POST' && /\/media/.test(r.url()));
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Attach a photo, video or recording' }).click();
    await (await chooser).setFiles({ name, mimeType: 'image/png',
      buffer: ffmpeg(name, ['-f', 'lavfi', '-i', 'testsrc2=size=160x120:rate=1', '-frames:v', '1']) });
    const media = await (await uploaded).json();
    await page.getByText(`Ready to send · ${name}`).waitFor({ timeout: 20_000 });
    const res = await fetch(`${server.baseUrl}/api/media/${media.id}`, { method: 'DELETE', headers: { authorization: `Bearer ${token}` } });
    assert.equal(res.status, 204);
    await page.getByRole('textbox', { name: 'Message' }).fill(caption);
    await page.getByRole('button', { name: 'Send' }).click();
    const refused = bubble(page, `You: Photo ${name}. ${caption}`);
    await refused.getByText('Not sent: This attachment is no longer available. Attach the file again.').waitFor({ timeout: 20_000 });
    return refused;
  };
  const refused = await refusedPhoto('gone.png', 'Too late');
  const second = await refusedPhoto('gone-too.png', 'Also too late');
  await screenshot(page, 'phone-chat-refused-message');
  // The reason is whole, on its own lines, and its buttons sit under it.
  const reasonBox = await refused.getByText(/^Not sent: /).boundingBox();
  const deleteBox = await refused.getByRole('button', { name: 'Delete unsent message' }).boundingBox();
  assert.ok(reasonBox.x >= 0 && reasonBox.x + reasonBox.width <= PHONE.width, JSON.stringify(reasonBox));
  assert.ok(deleteBox.y >= reasonBox.y + reasonBox.height - 4, `${JSON.stringify(deleteBox)} under ${JSON.stringify(reasonBox)}`);
  await page.setViewportSize(DESKTOP);
  await screenshot(page, 'desktop-chat-refused-message');
  await page.setViewportSize(PHONE);
  await settle(page);  // the buttons' elements are where the phone layout draws them

  // Deleting the first (a click) leaves the second as it was; then it goes too, from the keyboard,
  // and the focus moves to the message field rather than falling to the page.
  for (const gone of [refused, second]) {
    const forgotten = page.waitForResponse((r) => r.request().method() === 'DELETE');
    const button = gone.getByRole('button', { name: 'Delete unsent message' });
    if (gone === refused) {
      await button.click();
    } else {
      await settle(page);  // the list has moved up over the deleted message
      await button.focus();
      await page.keyboard.press('Enter');
    }
    assert.equal((await forgotten).status(), 404, 'the upload was already gone');
    await gone.waitFor({ state: 'detached' });
    if (gone === refused) await second.getByText(/^Not sent: /).waitFor();
  }
  const composer = page.getByRole('textbox', { name: 'Message' });
  await page.waitForFunction((el) => el === document.activeElement, await composer.elementHandle(), { timeout: 5_000 });
  const left = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('salikchat.outbox.')).length);
  assert.equal(left, 0, 'nothing left to send');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
