import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { decodeJwt } from 'jose';
import { startTestSim, type TestSim } from '../testing/harness.js';

/** Alma keeps a Cloud App's store and settings per staff user; the simulator does too. */
describe('staff users: one store and one settings object each', () => {
  let t: TestSim;
  before(async () => {
    t = await startTestSim();
  });
  after(async () => t.close());
  beforeEach(async () =>
    t.reset({
      store: { shared: 'robin' },
      users: [
        {
          primaryId: 'staff.sam',
          firstName: 'Sam',
          lastName: 'Reyes',
          store: { k: 'sam' },
          settings: { confirmActions: false },
        },
      ],
    }),
  );

  test('INIT_DATA names the user the page was opened as; no user = the default user', async () => {
    assert.equal((await t.call('GET', '/__sim/host/init')).body.user.primaryId, 'staff.robin');
    const sam = (await t.call('GET', '/__sim/host/init?user=staff.sam')).body.user;
    assert.deepEqual(
      [sam.primaryId, sam.firstName, sam.lastName, sam.isAdmin],
      ['staff.sam', 'Sam', 'Reyes', false],
    );
    assert.equal(
      (await t.call('GET', '/__sim/host/init?user=staff.robin')).body.user.primaryId,
      'staff.robin',
    );
  });

  test("the JWT's sub is that user's primary id", async () => {
    assert.equal(decodeJwt((await t.call('GET', '/__sim/host/jwt')).body.jwt).sub, 'staff.robin');
    assert.equal(
      decodeJwt((await t.call('GET', '/__sim/host/jwt?user=staff.sam')).body.jwt).sub,
      'staff.sam',
    );
    assert.equal(
      decodeJwt((await t.call('POST', '/__sim/jwt', { user: 'staff.sam' })).body.jwt).sub,
      'staff.sam',
    );
    assert.equal((await t.call('POST', '/__sim/jwt', { user: 'nobody' })).status, 400);
  });

  test('each user reads and writes only their own store', async () => {
    assert.deepEqual((await t.call('GET', '/__sim/host/store?key=k')).body, { key: 'k' });
    assert.deepEqual((await t.call('GET', '/__sim/host/store?key=k&user=staff.sam')).body, {
      key: 'k',
      value: 'sam',
    });
    await t.call('PUT', '/__sim/host/store?user=staff.sam', {
      key: 'export-pending:1',
      value: { worldShareRequestId: '5' },
    });
    await t.call('PUT', '/__sim/host/store', { key: 'mine', value: 1 });
    assert.deepEqual((await t.call('GET', '/__sim/host/store?key=export-pending:1')).body, {
      key: 'export-pending:1',
    });
    assert.deepEqual((await t.call('GET', '/__sim/host/store?key=mine&user=staff.sam')).body, {
      key: 'mine',
    });
    await t.call('PUT', '/__sim/host/store?user=staff.sam', { key: 'k', value: null });

    const state = await t.state();
    assert.deepEqual(state.store, { shared: 'robin', mine: 1 }, "store stays the default user's");
    assert.deepEqual(state.stores, {
      'staff.robin': { shared: 'robin', mine: 1 },
      'staff.sam': { 'export-pending:1': { worldShareRequestId: '5' } },
    });
    assert.deepEqual(
      state.users.map((u: { primaryId: string }) => u.primaryId),
      ['staff.robin', 'staff.sam'],
    );
  });

  test('settings are per user; the institution configuration is shared', async () => {
    assert.deepEqual(
      JSON.parse((await t.call('GET', '/__sim/host/settings?user=staff.sam')).body.settings),
      { confirmActions: false },
    );
    assert.deepEqual(JSON.parse((await t.call('GET', '/__sim/host/settings')).body.settings), {});
    await t.call('PUT', '/__sim/host/settings', { value: JSON.stringify({ bulkPageSize: 50 }) });
    await t.call('PUT', '/__sim/host/config', {
      value: JSON.stringify({ almaPartnerCode: 'WSILL' }),
    });
    const state = await t.state();
    assert.deepEqual(state.settings, { bulkPageSize: 50 });
    assert.deepEqual(state.settingsByUser, {
      'staff.robin': { bulkPageSize: 50 },
      'staff.sam': { confirmActions: false },
    });
    assert.deepEqual(JSON.parse((await t.call('GET', '/__sim/host/config')).body.config), {
      almaPartnerCode: 'WSILL',
    });
  });

  test('a user the simulator does not know is not signed in: 404 on every per-user endpoint, nothing stored', async () => {
    for (const path of [
      '/__sim/host/init?user=ghost',
      '/__sim/host/jwt?user=ghost',
      '/__sim/host/settings?user=ghost',
      '/__sim/host/store?key=k&user=ghost',
    ]) {
      assert.equal((await t.call('GET', path)).status, 404, path);
    }
    assert.equal(
      (await t.call('PUT', '/__sim/host/store?user=ghost', { key: 'k', value: 1 })).status,
      404,
    );
    assert.equal(
      (await t.call('PUT', '/__sim/host/settings?user=ghost', { value: '{}' })).status,
      404,
    );
    assert.deepEqual(Object.keys((await t.state()).stores), ['staff.robin', 'staff.sam']);
  });

  test("reset refuses a second user with the default user's id or a repeated id", async () => {
    assert.equal(
      (await t.call('POST', '/__sim/reset', { users: [{ primaryId: 'staff.robin' }] })).status,
      400,
    );
    assert.equal(
      (await t.call('POST', '/__sim/reset', { users: [{ primaryId: 'a' }, { primaryId: 'a' }] }))
        .status,
      400,
    );
    assert.equal(
      (await t.call('POST', '/__sim/reset', { users: [{ firstName: 'no id' }] })).status,
      400,
    );
  });
});
