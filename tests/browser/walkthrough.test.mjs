// The foundation's whole story in a real browser, through the semantic mirror only:
// a car owner signs up and posts, an admin verifies a mechanic, the mechanic responds, and the
// car owner sees the response card. Screenshots at phone and desktop width along the way.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ADMIN } from '../api/server.mjs';
import { DESKTOP, PHONE, launchBrowser, openPage, screenshot, startAppServer } from './browser.mjs';

let server;
let browser;
before(async () => {
  server = await startAppServer();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

async function signUp(page, { role, name, email, city }) {
  await page.getByRole('link', { name: 'SalikChat home' }).waitFor();
  await page.getByRole('button', { name: 'Get started' }).click();
  await page.getByRole('heading', { name: 'Create your account' }).waitFor();
  await page.getByRole('radio', { name: role }).click();
  await page.getByRole('textbox', { name: 'Full name' }).fill(name);
  await page.getByRole('textbox', { name: 'Email' }).fill(email);
  await page.getByRole('textbox', { name: 'Password' }).fill('a-good-password');
  await page.getByRole('textbox', { name: 'City' }).fill(city);
}

async function signIn(page, email, password) {
  await page.getByRole('textbox', { name: 'Email' }).fill(email);
  await page.getByRole('textbox', { name: 'Password' }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

test('car owner posts, admin verifies, mechanic responds, car owner sees the response', async () => {
  // --- the car owner, on a phone
  const owner = await openPage(browser, server.baseUrl, { viewport: PHONE });
  await screenshot(owner, 'phone-landing');
  await signUp(owner, { role: 'Car owner', name: 'Fatima Al Zaabi', email: 'fatima@example.com', city: 'Dubai' });
  await screenshot(owner, 'phone-signup');
  await owner.getByRole('button', { name: 'Create account' }).click();
  await owner.getByRole('heading', { name: 'My issues' }).waitFor();
  await owner.getByRole('heading', { name: 'Post your first issue' }).waitFor();
  await screenshot(owner, 'phone-empty-dashboard');

  await owner.getByRole('button', { name: 'Post your first issue' }).click();
  await owner.getByRole('textbox', { name: 'Title' }).fill('Grinding noise when braking');
  await owner.getByRole('textbox', { name: 'Description' }).fill('For the past week I hear a metal grinding sound at low speed.');
  await owner.getByRole('combobox', { name: 'Category' }).click();
  await owner.getByRole('option', { name: 'Brakes' }).click();
  await owner.getByRole('radio', { name: 'Urgent' }).click();
  await screenshot(owner, 'phone-wizard-step1');
  await owner.getByRole('button', { name: 'Next' }).click();
  await owner.getByRole('textbox', { name: 'Make' }).fill('Toyota');
  await owner.getByRole('textbox', { name: 'Model' }).fill('Camry');
  // A year out of range is refused on the spot, with the field named.
  await owner.getByRole('textbox', { name: 'Year' }).fill('1890');
  await owner.getByRole('button', { name: 'Next' }).click();
  await owner.getByText('Car year must be between 1950').waitFor();
  await owner.getByRole('textbox', { name: 'Year' }).fill('2022');
  await owner.getByRole('textbox', { name: 'Mileage (km)' }).fill('85,000');
  await screenshot(owner, 'phone-wizard-step2');
  await owner.getByRole('button', { name: 'Next' }).click();
  await owner.getByRole('heading', { name: 'Let mechanics hear and see it' }).waitFor();  // media: none
  await owner.getByRole('button', { name: 'Next' }).click();
  await owner.getByRole('heading', { name: 'Review and post' }).waitFor();
  await screenshot(owner, 'phone-wizard-review');
  await owner.getByRole('button', { name: 'Post issue' }).click();
  await owner.getByRole('heading', { name: 'Your issue is live!' }).waitFor();
  await owner.getByRole('button', { name: 'View my issue' }).click();
  await owner.getByRole('heading', { name: 'Grinding noise when braking' }).waitFor();
  await owner.getByText('No responses yet').first().waitFor();

  // --- a mechanic signs up on a desktop and lands on onboarding, then the pending screen
  const mechanic = await openPage(browser, server.baseUrl, { viewport: DESKTOP });
  await signUp(mechanic, { role: 'Mechanic', name: 'Ahmed Al-Kareem', email: 'ahmed@example.com', city: 'Dubai' });
  await mechanic.getByRole('button', { name: 'Create account' }).click();
  await mechanic.getByRole('heading', { name: 'Set up your mechanic profile' }).waitFor();
  await mechanic.getByRole('textbox', { name: 'Bio' }).fill('Eight years at a dealer workshop in Al Quoz: brakes, engines and diagnostics.');
  await mechanic.getByRole('textbox', { name: 'Experience (years)' }).fill('8');
  await mechanic.getByRole('textbox', { name: 'Hourly rate (AED)' }).fill('120');
  await mechanic.getByRole('checkbox', { name: 'Brakes' }).click();
  await mechanic.getByRole('checkbox', { name: 'Engine' }).click();
  assert.equal(await mechanic.getByRole('checkbox', { name: 'Brakes' }).getAttribute('aria-checked'), 'true');
  await screenshot(mechanic, 'desktop-mechanic-onboarding');
  await mechanic.getByRole('button', { name: 'Save and continue' }).click();
  await mechanic.getByRole('heading', { name: 'Pending verification' }).waitFor();
  await screenshot(mechanic, 'desktop-mechanic-pending');

  // --- the admin verifies them
  const admin = await openPage(browser, server.baseUrl, { viewport: DESKTOP, hash: '#/signin' });
  await signIn(admin, ADMIN.email, ADMIN.password);
  await admin.getByRole('heading', { name: 'Mechanic verification' }).waitFor();
  const card = admin.getByRole('listitem', { name: 'Ahmed Al-Kareem' });
  await card.waitFor();
  await screenshot(admin, 'desktop-admin-queue');
  await card.getByRole('button', { name: 'Approve' }).click();
  await admin.getByText('Ahmed Al-Kareem is verified').waitFor();

  // --- the mechanic sees the feed (after a reload: the session survives it) and responds
  await mechanic.reload();
  await mechanic.getByRole('heading', { name: 'Open issues' }).waitFor();
  const issueCard = mechanic.getByRole('listitem', { name: 'Grinding noise when braking' });
  await issueCard.waitFor();
  await screenshot(mechanic, 'desktop-mechanic-feed');
  await issueCard.getByRole('button', { name: 'View details & respond' }).click();
  await mechanic.getByRole('button', { name: 'Respond to this issue' }).click();
  await mechanic.getByRole('textbox', { name: 'Your initial diagnosis' }).fill('Sounds like worn brake pads touching the rotor.');
  await mechanic.getByRole('textbox', { name: 'Minimum cost (AED)' }).fill('150');
  await mechanic.getByRole('textbox', { name: 'Maximum cost (AED)' }).fill('300');
  await mechanic.getByRole('textbox', { name: 'Estimated fix time' }).fill('1-2 hours');
  await mechanic.getByRole('radio', { name: 'High' }).click();
  await mechanic.getByRole('checkbox', { name: /video call/ }).click();
  await screenshot(mechanic, 'desktop-respond');
  await mechanic.getByRole('button', { name: 'Submit response' }).click();
  await mechanic.getByRole('heading', { name: 'Your response was sent' }).waitFor();

  // --- the car owner sees the response card
  await owner.reload();
  const response = owner.getByRole('listitem', { name: 'Response from Ahmed Al-Kareem' });
  await response.waitFor();
  await response.getByText('Sounds like worn brake pads touching the rotor.', { exact: false }).waitFor();
  await response.getByText('Estimate: AED 150–300').waitFor();
  await response.getByText('Verified').waitFor();
  await response.getByText('Suggests a video call').waitFor();
  await screenshot(owner, 'phone-issue-with-response');
  await owner.setViewportSize(DESKTOP);
  await owner.getByRole('listitem', { name: 'Response from Ahmed Al-Kareem' }).waitFor();
  await screenshot(owner, 'desktop-issue-with-response');

  await owner.getByRole('button', { name: 'Mark resolved' }).click();
  await owner.getByText('Marked as resolved.').waitFor();

  for (const p of [owner, mechanic, admin]) assert.deepEqual(p.errors, []);
});
