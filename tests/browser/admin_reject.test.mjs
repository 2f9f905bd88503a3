// An admin rejects a mechanic with a reason, in a dialog; the mechanic then reads that reason.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { DESKTOP, PHONE, launchBrowser, openPage, screenshot, signIn, startAppServer } from './browser.mjs';

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

test('a rejection needs a reason, and the mechanic reads it', async () => {
  const admin = await openPage(browser, server.baseUrl, { viewport: DESKTOP, hash: '#/signin' });
  await signIn(admin, 'mariam.admin@salikchat.test');
  const card = admin.getByRole('listitem', { name: 'Samir Youssef' });
  await card.waitFor();
  await card.getByRole('button', { name: 'Reject' }).click();

  const dialog = admin.getByRole('dialog', { name: 'Reject Samir Youssef?' });
  await dialog.waitFor();
  await dialog.getByRole('button', { name: 'Confirm rejection' }).click();
  await dialog.getByText('A reason for the rejection is required.').first().waitFor();
  await screenshot(admin, 'desktop-admin-reject-dialog-error');
  await dialog.getByRole('textbox', { name: 'Reason for rejection' }).fill('The trade licence photo is not readable.');
  await dialog.getByRole('button', { name: 'Confirm rejection' }).click();
  await admin.getByText('Samir Youssef was rejected; they can see your reason.').waitFor();
  assert.equal(await admin.getByRole('dialog').count(), 0);
  assert.equal(await admin.getByRole('listitem', { name: 'Samir Youssef' }).count(), 0);
  // The other pending mechanic is still waiting; Cancel closes the dialog and changes nothing.
  const other = admin.getByRole('listitem', { name: 'Imran Qureshi' });
  await other.getByRole('button', { name: 'Reject' }).click();
  await admin.getByRole('dialog', { name: 'Reject Imran Qureshi?' }).getByRole('button', { name: 'Cancel' }).click();
  await admin.getByRole('dialog').waitFor({ state: 'detached' });
  assert.equal(await admin.getByRole('listitem', { name: 'Imran Qureshi' }).count(), 1);

  const mechanic = await openPage(browser, server.baseUrl, { viewport: PHONE, hash: '#/signin' });
  await signIn(mechanic, 'samir.youssef@salikchat.test');
  await mechanic.getByRole('heading', { name: 'Your application was not approved' }).waitFor();
  await mechanic.getByText('Reason: The trade licence photo is not readable.').waitFor();
  await screenshot(mechanic, 'phone-mechanic-rejected');
  assert.deepEqual([...admin.errors, ...mechanic.errors], []);
});
