// salik-server --demo: an empty database gets believable UAE data and the sign-ins are printed;
// a second start adds nothing.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './server.mjs';
import { apiClient, login } from './client.mjs';

describe('demo data', () => {
  it('fills an empty database once and prints working sign-ins', async () => {
    const first = await startServer({ args: ['--demo'], keepData: true });
    let issueTotal;
    try {
      const out = first.stdout();
      const password = /password for all: (\S+)\)/.exec(out)?.[1];
      assert.ok(password, out);
      const admin = /admin\s+(\S+@\S+)/.exec(out)[1];
      const customer = /customer\s+(\S+@\S+)/.exec(out)[1];
      const mechanic = /mechanic\s+(\S+@\S+)/.exec(out)[1];
      assert.ok(out.indexOf('Demo sign-ins') < out.indexOf('SalikChat is running at'), 'sign-ins come before the ready line');

      const call = apiClient(first.baseUrl);
      const adminToken = await login(call, admin, password);
      assert.equal((await call('GET', '/api/auth/me', { token: adminToken })).json.role, 'admin');
      const mechanics = (await call('GET', '/api/mechanics?limit=50')).json.items;
      assert.ok(mechanics.length >= 5, `verified mechanics: ${mechanics.length}`);
      assert.ok(mechanics.every((m) => m.bio && m.specializations.length > 0 && m.hourly_rate > 0));
      const pending = (await call('GET', '/api/admin/verification-queue', { token: adminToken })).json.items;
      assert.ok(pending.length >= 1 && pending.length <= 3);

      const mechanicToken = await login(call, mechanic, password);
      const feed = (await call('GET', '/api/issues?limit=50', { token: mechanicToken })).json;
      assert.ok(feed.total >= 12, `open issues: ${feed.total}`);
      const cities = new Set(feed.items.map((i) => i.location_city));
      for (const city of ['Dubai', 'Abu Dhabi', 'Sharjah', 'Ajman', 'Al Ain']) assert.ok(cities.has(city), city);
      assert.ok(new Set(feed.items.map((i) => i.category)).size >= 5);
      assert.ok(new Set(feed.items.map((i) => i.urgency)).size === 3);
      assert.ok(feed.items.some((i) => i.response_count > 0), 'some issues have responses');
      issueTotal = feed.total;

      const customerToken = await login(call, customer, password);
      assert.ok((await call('GET', '/api/issues?mine=1', { token: customerToken })).json.total > 0);
    } finally {
      await first.stop();
    }

    const second = await startServer({ args: ['--demo'], dataFrom: first });
    try {
      assert.match(second.stdout(), /already/);
      const call = apiClient(second.baseUrl);
      const password = /password for all: (\S+)\)/.exec(second.stdout())[1];
      const mechanic = /mechanic\s+(\S+@\S+)/.exec(second.stdout())[1];
      const token = await login(call, mechanic, password);
      assert.equal((await call('GET', '/api/issues?limit=50', { token })).json.total, issueTotal, 'nothing added twice');
    } finally {
      await second.stop();
    }
  });

  it('leaves a database that already has data alone', async () => {
    const first = await startServer({ keepData: true });
    const call = apiClient(first.baseUrl);
    await call('POST', '/api/auth/signup', { json: { email: 'someone@salikchat.test', password: 'password-123', full_name: 'Some One', role: 'mechanic' } });
    await first.stop();
    const second = await startServer({ args: ['--demo'], dataFrom: first });
    try {
      assert.match(second.stdout(), /skipped/);
      assert.equal((await apiClient(second.baseUrl)('GET', '/api/mechanics')).json.items.length, 0);
    } finally {
      await second.stop();
    }
  });
});
