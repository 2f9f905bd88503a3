// Mechanics' verification documents (issue 4, app side): a mechanic signs up, adds photos of their
// documents through the file dialog (a PDF dropped on the page is refused at once, a second photo
// is removed before upload), uploads one, and sees it on the profile and the pending screen; a
// fake PNG the server refuses shows the server's reason with Retry, and can be given up. The admin sees the document as
// a tile on the candidate's card and opens it in the photo viewer. Another mechanic and a car
// owner cannot list the first mechanic's documents. Screenshots at desktop and phone width.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { apiClient, signup, login, PASSWORD, uniqueEmail } from '../api/client.mjs';
import { ADMIN } from '../api/server.mjs';
import { DESKTOP, PHONE, launchBrowser, openPage, screenshot, startAppServer } from './browser.mjs';

let server;
let browser;
let call;
before(async () => {
  server = await startAppServer();
  call = apiClient(server.baseUrl);
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

// A PNG drawn in the page (a card with a few lines of text), like a phone photo of a licence.
async function documentPng(page, title, color) {
  const b64 = await page.evaluate(async ([title, color]) => {
    const canvas = document.createElement('canvas');
    canvas.width = 640;
    canvas.height = 400;
    const g = canvas.getContext('2d');
    g.fillStyle = '#f4efe1';
    g.fillRect(0, 0, 640, 400);
    g.fillStyle = color;
    g.fillRect(0, 0, 640, 70);
    g.fillStyle = '#fff';
    g.font = 'bold 30px sans-serif';
    g.fillText(title, 24, 46);
    g.fillStyle = '#333';
    g.font = '22px sans-serif';
    ['Name: Khalid Test', 'Licence no. 784-2026-0001', 'Valid until 2027-12-31'].forEach((t, i) => g.fillText(t, 24, 130 + i * 40));
    const blob = await new Promise((r) => canvas.toBlob(r, 'image/png'));
    const bytes = new Uint8Array(await blob.arrayBuffer());
    let s = '';
    for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return btoa(s);
  }, [title, color]);
  return Buffer.from(b64, 'base64');
}

async function pickFiles(page, files) {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Add documents' }).click();
  await (await chooser).setFiles(files);
}

// Drops a file onto the page the way a browser does: dragenter, dragover, drop with a DataTransfer.
async function dropFile(page, name, type, text) {
  await page.evaluate(([name, type, text]) => {
    const dt = new DataTransfer();
    dt.items.add(new File([text], name, { type }));
    for (const kind of ['dragenter', 'dragover', 'drop'])
      window.dispatchEvent(new DragEvent(kind, { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, [name, type, text]);
}

async function signIn(page, email, password) {
  await page.getByRole('textbox', { name: 'Email' }).fill(email);
  await page.getByRole('textbox', { name: 'Password' }).fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

test('a mechanic uploads a document; the admin opens it from the queue; nobody else can list it', async () => {
  const name = 'Khalid Documents';
  const email = uniqueEmail('docs');
  // --- the mechanic signs up at a desk and lands on onboarding, with the documents' empty state
  const mechanic = await openPage(browser, server.baseUrl, { viewport: DESKTOP });
  await mechanic.getByRole('button', { name: 'Get started' }).click();
  await mechanic.getByRole('heading', { name: 'Create your account' }).waitFor();
  await mechanic.getByRole('radio', { name: 'Mechanic' }).click();
  await mechanic.getByRole('textbox', { name: 'Full name' }).fill(name);
  await mechanic.getByRole('textbox', { name: 'Email' }).fill(email);
  await mechanic.getByRole('textbox', { name: 'Password' }).fill(PASSWORD);
  await mechanic.getByRole('textbox', { name: 'City' }).fill('Abu Dhabi');
  await mechanic.getByRole('button', { name: 'Create account' }).click();
  await mechanic.getByRole('heading', { name: 'Set up your mechanic profile' }).waitFor();
  await mechanic.getByRole('heading', { name: 'No documents yet' }).waitFor();
  await mechanic.getByText(/trade licence, your Emirates ID/).first().waitFor();
  await mechanic.getByRole('button', { name: 'Add documents' }).scrollIntoViewIfNeeded();
  await screenshot(mechanic, 'desktop-documents-empty');

  // --- a PDF dropped on the page: not a photo, refused at once
  await dropFile(mechanic, 'licence.pdf', 'application/pdf', '%PDF-1.4 not really');
  await mechanic.getByRole('alert').filter({ hasText: 'licence.pdf is not a photo' }).waitFor();

  // --- two photos through the dialog; the second is removed before upload
  const licence = await documentPng(mechanic, 'TRADE LICENCE', '#0e6b5c');
  const id = await documentPng(mechanic, 'EMIRATES ID', '#8a1c1c');
  await pickFiles(mechanic, { name: 'trade-licence.png', mimeType: 'image/png', buffer: licence });
  const drafts = mechanic.getByRole('list', { name: 'Documents to upload' });
  await drafts.getByRole('listitem', { name: /^trade-licence\.png, Photo/ }).waitFor();
  await pickFiles(mechanic, { name: 'emirates-id.png', mimeType: 'image/png', buffer: id });
  await mechanic.getByRole('heading', { name: 'Ready to upload (2)' }).waitFor();
  await mechanic.getByRole('button', { name: 'Upload 2 documents' }).scrollIntoViewIfNeeded();
  await screenshot(mechanic, 'desktop-documents-added');
  await mechanic.getByRole('button', { name: 'Remove emirates-id.png' }).click();
  await mechanic.getByRole('heading', { name: 'Ready to upload (1)' }).waitFor();

  // --- upload: the row goes away and the document appears as a tile
  await mechanic.getByRole('button', { name: 'Upload 1 document' }).click();
  const tile = mechanic.getByRole('button', { name: 'Photo: trade-licence.png' });
  await tile.waitFor({ timeout: 20_000 });
  await mechanic.getByRole('heading', { name: 'Uploaded (1)' }).waitFor();
  assert.equal(await mechanic.getByRole('list', { name: 'Documents to upload' }).count(), 0);
  await screenshot(mechanic, 'desktop-documents-uploaded');

  const token = await login(call, email, PASSWORD);
  const me = (await call('GET', '/api/auth/me', { token })).json;
  const listed = await call('GET', `/api/mechanics/${me.id}/documents`, { token });
  assert.equal(listed.status, 200, listed.text);
  assert.deepEqual(listed.json.items.map((d) => d.label), ['trade-licence.png']);
  assert.equal(listed.json.items[0].media_type, 'image');

  // --- a fake PNG (text bytes): the server refuses it; the row says the server's reason, with Retry
  const fake = await call('POST', '/api/mechanics/me/documents?label=probe.png', {
    token: (await signup(call, { role: 'mechanic' })).token, body: Buffer.from('not really a picture'),
    headers: { 'content-type': 'image/png' },
  });
  assert.equal(fake.status, 415, fake.text);
  await dropFile(mechanic, 'scan.png', 'image/png', 'not really a picture');
  await mechanic.getByRole('button', { name: 'Upload 1 document' }).click();
  const failed = mechanic.getByRole('list', { name: 'Document uploads' }).getByRole('listitem', { name: 'scan.png, upload failed' });
  await failed.waitFor({ timeout: 20_000 });
  await mechanic.getByText(`Upload failed: ${fake.json.error.message}`).waitFor();
  await failed.getByRole('button', { name: 'Retry' }).waitFor();
  await screenshot(mechanic, 'desktop-documents-refused');
  assert.equal((await call('GET', `/api/mechanics/${me.id}/documents`, { token })).json.items.length, 1, 'nothing stored');
  // Given up: the row goes; the uploaded document stays.
  await mechanic.getByRole('link', { name: 'Remove scan.png' }).click();
  await failed.waitFor({ state: 'detached' });
  assert.equal(await mechanic.getByRole('list', { name: 'Document uploads' }).count(), 0);
  await mechanic.getByRole('button', { name: 'Photo: trade-licence.png' }).waitFor();

  // --- the rest of the profile; then the pending screen shows what was uploaded
  await mechanic.getByRole('textbox', { name: 'Bio' }).fill('Twelve years on diesel engines and gearboxes in Mussafah.');
  await mechanic.getByRole('checkbox', { name: 'Engine' }).click();
  await mechanic.getByRole('button', { name: 'Save and continue' }).click();
  await mechanic.getByRole('heading', { name: 'Pending verification' }).waitFor();
  await mechanic.getByRole('heading', { name: 'Your documents' }).waitFor();
  await mechanic.getByRole('button', { name: 'Photo: trade-licence.png' }).waitFor();
  await screenshot(mechanic, 'desktop-documents-pending');

  const phone = await openPage(browser, server.baseUrl, { viewport: PHONE, hash: '#/signin' });
  await signIn(phone, email, PASSWORD);
  await phone.getByRole('heading', { name: 'Pending verification' }).waitFor();
  await phone.getByRole('button', { name: 'Photo: trade-licence.png' }).waitFor();
  await screenshot(phone, 'phone-documents-pending');
  await phone.getByRole('button', { name: 'Add documents' }).click();
  await phone.getByRole('heading', { name: 'My profile' }).waitFor();
  await phone.getByRole('button', { name: 'Photo: trade-licence.png' }).scrollIntoViewIfNeeded();
  await screenshot(phone, 'phone-documents-profile');

  // --- the admin: the candidate's card shows the document; it opens in the photo viewer
  const admin = await openPage(browser, server.baseUrl, { viewport: DESKTOP, hash: '#/signin' });
  await signIn(admin, ADMIN.email, ADMIN.password);
  const card = admin.getByRole('listitem', { name });
  await card.waitFor();
  const adminTile = card.getByRole('button', { name: 'Photo: trade-licence.png' });
  await adminTile.waitFor({ timeout: 15_000 });
  await admin.waitForFunction(() => (window.SalikMedia?.uploads || 0) >= 1, null, { timeout: 15_000 });
  await screenshot(admin, 'desktop-admin-documents');
  await adminTile.click();
  const viewer = admin.getByRole('dialog', { name: 'Photo viewer' });
  await viewer.waitFor();
  await viewer.getByRole('group', { name: 'Photo: trade-licence.png' }).waitFor();
  await screenshot(admin, 'desktop-admin-document-viewer');
  await admin.keyboard.press('Escape');
  await viewer.waitFor({ state: 'detached' });

  const adminPhone = await openPage(browser, server.baseUrl, { viewport: PHONE, hash: '#/signin' });
  await signIn(adminPhone, ADMIN.email, ADMIN.password);
  await adminPhone.getByRole('listitem', { name }).getByRole('button', { name: 'Photo: trade-licence.png' }).waitFor({ timeout: 15_000 });
  await screenshot(adminPhone, 'phone-admin-documents');

  // --- nobody else lists them: another mechanic, a car owner, nobody signed in
  const other = await signup(call, { role: 'mechanic' });
  const owner = await signup(call, { role: 'customer' });
  for (const [who, t] of [['another mechanic', other.token], ['a car owner', owner.token]]) {
    const res = await call('GET', `/api/mechanics/${me.id}/documents`, { token: t });
    assert.equal(res.status, 403, `${who}: ${res.text}`);
    assert.equal(res.json.error.code, 'forbidden');
    assert.ok(!res.text.includes('/api/media/'), `${who} gets no link`);
  }
  assert.equal((await call('GET', `/api/mechanics/${me.id}/documents`)).status, 401);

  assert.deepEqual([...mechanic.errors, ...phone.errors, ...admin.errors, ...adminPhone.errors], []);
});

test('the admin queue asks for documents only for cards near the view, and for the others as they scroll in', async () => {
  const adminToken = await login(call, ADMIN.email, ADMIN.password);
  for (let i = 1; i <= 14; i++) await signup(call, { role: 'mechanic', full_name: `Queue Mechanic ${String(i).padStart(2, '0')}` });
  const queue = (await call('GET', '/api/admin/verification-queue', { token: adminToken })).json.items;
  const last = queue[queue.length - 1];

  const admin = await openPage(browser, server.baseUrl, { viewport: DESKTOP, hash: '#/signin' });
  const asked = new Set();
  admin.on('request', (r) => {
    const m = /^\/api\/mechanics\/([^/]+)\/documents$/.exec(new URL(r.url()).pathname);
    if (m) asked.add(m[1]);
  });
  await signIn(admin, ADMIN.email, ADMIN.password);
  await admin.getByRole('listitem', { name: queue[0].full_name }).waitFor();
  await admin.getByText('No documents uploaded yet.').first().waitFor();
  await admin.waitForTimeout(500);  // any further requests the first frames would make
  const first = asked.size;
  console.log(`# FIGURE documents lists asked for on opening the queue: ${first} of ${queue.length} candidates`);
  assert.ok(first >= 1 && first < queue.length, `asked for ${first} of ${queue.length}`);
  assert.ok(!asked.has(last.id), 'the last card is far below the view');

  await admin.getByRole('listitem', { name: last.full_name }).getByRole('button', { name: 'Approve' }).scrollIntoViewIfNeeded();
  const end = Date.now() + 10_000;
  while (!asked.has(last.id) && Date.now() < end) await admin.waitForTimeout(100);
  assert.ok(asked.has(last.id), 'scrolled into view, the last card asks for its documents');
  const lastCard = admin.getByRole('listitem', { name: last.full_name });
  await lastCard.getByText('No documents uploaded yet.').or(lastCard.getByRole('button', { name: /^Photo: / })).first().waitFor();
  await screenshot(admin, 'desktop-admin-queue-scrolled');
  assert.deepEqual(admin.errors, []);
});
