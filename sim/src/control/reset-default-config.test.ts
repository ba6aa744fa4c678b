// A bare `POST /__sim/reset` keeps the configuration the running stack set (setDefaultConfig / the
// `defaultConfig` option); `config` in the body still replaces it, `{}` included.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { institutionConfig } from '../../../fixtures/institution-config.js';
import { startTestSim, type TestSim } from '../testing/harness.js';

const STACK_CONFIG = institutionConfig({ proxy: { url: 'http://127.0.0.1:9' } });

describe('POST /__sim/reset and the default configuration', () => {
  let t: TestSim;
  before(async () => {
    t = await startTestSim({ defaultConfig: STACK_CONFIG });
  });
  after(async () => t.close());

  test('the simulator starts with the default configuration', async () => {
    assert.deepEqual((await t.state()).config, STACK_CONFIG);
  });

  test('a bare reset (no body fields) keeps it, and reseeds everything else', async () => {
    await t.call('PUT', '/__sim/host/config', {
      value: JSON.stringify({ almaPartnerCode: 'CHANGED' }),
    });
    await t.call('PUT', '/__sim/host/settings', { value: JSON.stringify({ confirm: false }) });
    const res = await fetch(`${t.sim.hostUrl}/__sim/reset`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    assert.equal(res.status, 200);
    const state = await t.state();
    assert.deepEqual(state.config, STACK_CONFIG);
    assert.deepEqual(state.settings, {});
  });

  test('a reset with no body at all keeps it too', async () => {
    const res = await fetch(`${t.sim.hostUrl}/__sim/reset`, { method: 'POST' });
    assert.equal(res.status, 200);
    assert.deepEqual((await t.state()).config, STACK_CONFIG);
  });

  test('config in the body replaces it for that reset only; {} leaves the app unconfigured', async () => {
    await t.reset({ config: { almaPartnerCode: 'OTHER' } });
    assert.deepEqual((await t.state()).config, { almaPartnerCode: 'OTHER' });
    await t.reset({ config: {} });
    assert.deepEqual((await t.state()).config, {});
    await t.reset();
    assert.deepEqual((await t.state()).config, STACK_CONFIG);
  });

  test('what the app saves does not change the default', async () => {
    await t.call('PUT', '/__sim/host/config', {
      value: JSON.stringify({ almaPartnerCode: 'SAVED' }),
    });
    await t.reset();
    assert.deepEqual((await t.state()).config, STACK_CONFIG);
  });

  test('setDefaultConfig changes what later bare resets use; undefined means empty', async () => {
    t.sim.setDefaultConfig({ almaPartnerCode: 'NEW' });
    await t.reset();
    assert.deepEqual((await t.state()).config, { almaPartnerCode: 'NEW' });
    t.sim.setDefaultConfig(undefined);
    await t.reset();
    assert.deepEqual((await t.state()).config, {});
    t.sim.setDefaultConfig(STACK_CONFIG);
  });
});

describe('POST /__sim/reset without a default configuration', () => {
  test('a bare reset empties the configuration, as before', async () => {
    const t = await startTestSim();
    try {
      await t.call('PUT', '/__sim/host/config', {
        value: JSON.stringify({ almaPartnerCode: 'X' }),
      });
      await t.reset();
      assert.deepEqual((await t.state()).config, {});
    } finally {
      await t.close();
    }
  });
});
