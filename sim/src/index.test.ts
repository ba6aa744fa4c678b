import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DEFAULT_OCLC_INSTITUTION } from './index.js';
import { startTestSim } from './testing/harness.js';

describe('startSim', () => {
  test('answers the running servers and the default identity and OCLC institution', async () => {
    const t = await startTestSim();
    try {
      const { sim } = t;
      assert.match(sim.hostUrl, /^http:\/\/127\.0\.0\.1:\d+$/);
      assert.match(sim.appUrl, /^http:\/\/127\.0\.0\.1:\d+\/$/);
      assert.match(sim.oclcUrl, /^http:\/\/127\.0\.0\.1:\d+$/);
      assert.equal(sim.jwksUrl, `${sim.hostUrl}/__sim/jwks.json`);
      assert.equal(sim.publicKeyUrl, `${sim.hostUrl}/__sim/public-key.pem`);
      assert.deepEqual(
        [sim.issuer, sim.appId, sim.instCode],
        ['https://apps01.ext.exlibrisgroup.com/auth', 'some-org/worldshare-bridge', 'SIM_INST'],
      );
      assert.deepEqual(sim.oclcInstitutions, [DEFAULT_OCLC_INSTITUTION]);
      assert.equal(DEFAULT_OCLC_INSTITUTION.registryId, '128807');
      // The fake OCLC is up on its own origin and answers in its own error format.
      const res = await fetch(`${sim.oclcUrl}/no-such-route`);
      assert.equal(res.status, 404);
    } finally {
      await t.close();
    }
  });

  test('the OCLC secret is in no host answer the browser can reach', async () => {
    const t = await startTestSim();
    try {
      const paths = [
        '/',
        '/host.js',
        '/__sim/host/boot',
        '/__sim/host/init',
        '/__sim/host/page',
        '/__sim/host/settings',
        '/__sim/host/config',
        '/__sim/state',
        '/__sim/jwks.json',
        '/__sim/public-key.pem',
      ];
      for (const path of paths) {
        const text = await (await fetch(`${t.sim.hostUrl}${path}`)).text();
        assert.equal(text.includes(DEFAULT_OCLC_INSTITUTION.secret), false, path);
      }
    } finally {
      await t.close();
    }
  });

  test('a taken port makes startSim reject, and the first simulator keeps working', async () => {
    const first = await startTestSim();
    try {
      const port = Number(new URL(first.sim.hostUrl).port);
      await assert.rejects(startTestSim({ port }), { code: 'EADDRINUSE' });
      assert.equal((await first.call('GET', '/__sim/state')).status, 200);
    } finally {
      await first.close();
    }
  });
});
