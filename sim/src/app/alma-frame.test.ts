import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, test } from 'node:test';
import { Ajv } from 'ajv';
import { fileURLToPath } from 'node:url';
import { startTestSim, tempAppDir } from '../testing/harness.js';
import {
  BASE_DIRECTIVES,
  contentSecurityPolicy,
  readManifestContentSecurity,
  sandboxFlags,
} from './alma-frame.js';

const REPO_MANIFEST = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  '..',
  'manifest.json',
);

/** Parses a policy into directive -> sources. */
const directives = (policy: string): Record<string, string[]> =>
  Object.fromEntries(
    policy.split('; ').map((d) => {
      const [name, ...sources] = d.split(' ');
      return [name, sources];
    }),
  );

describe('Alma frame policy', () => {
  test("connect-src is self, then the manifest's connectSrc, then what the institution adds", () => {
    const policy = directives(
      contentSecurityPolicy({ connectSrc: ['https://a.example', 'https://b.example'] }, [
        'http://127.0.0.1:4303',
      ]),
    );
    assert.deepEqual(policy['connect-src'], [
      "'self'",
      'https://a.example',
      'https://b.example',
      'http://127.0.0.1:4303',
    ]);
    assert.deepEqual(policy['default-src'], ["'none'"]);
    assert.deepEqual(policy['script-src'], ["'self'"], 'no eval, no inline script');
    assert.deepEqual(Object.keys(policy), Object.keys(BASE_DIRECTIVES));
  });

  test('without connectSrc the app may connect to its own origin only; frameSrc extends frame-src', () => {
    const policy = directives(contentSecurityPolicy({ frameSrc: ['https://frames.example'] }));
    assert.deepEqual(policy['connect-src'], ["'self'"]);
    assert.deepEqual(policy['frame-src'], ["'self'", 'https:', 'https://frames.example']);
  });

  test('sandbox: scripts, same origin and forms always; the manifest switches on the rest', () => {
    assert.equal(sandboxFlags({}), 'allow-scripts allow-same-origin allow-forms');
    assert.equal(
      sandboxFlags({ sandbox: { downloads: true, modals: false } }),
      'allow-scripts allow-same-origin allow-forms allow-downloads',
    );
    assert.equal(
      sandboxFlags({
        sandbox: { modals: true, downloads: true, popups: true, 'popups-to-escape-sandbox': true },
      }),
      'allow-scripts allow-same-origin allow-forms allow-modals allow-downloads allow-popups allow-popups-to-escape-sandbox',
    );
  });

  test('the project manifest lists the hosted proxy regions and its own proxy, and allows downloads', () => {
    const cs = readManifestContentSecurity(REPO_MANIFEST);
    assert.deepEqual(cs.connectSrc, [
      'https://api-na.exldevnetwork.net',
      'https://api-eu.exldevnetwork.net',
      'https://api-ap.exldevnetwork.net',
      'https://worldshare-bridge-proxy.example.org',
    ]);
    assert.match(sandboxFlags(cs), /allow-downloads/);
  });

  test('a manifest that cannot be used is refused with its path named', () => {
    const dir = tempAppDir({
      'broken.json': '{ not json',
      'spaces.json': JSON.stringify({
        contentSecurity: { connectSrc: ['https://a.example https://b.example'] },
      }),
      'notlist.json': JSON.stringify({ contentSecurity: { connectSrc: 'https://a.example' } }),
    });
    try {
      assert.throws(
        () => readManifestContentSecurity(join(dir, 'missing.json')),
        /cannot read the Cloud App manifest .*missing\.json/,
      );
      assert.throws(
        () => readManifestContentSecurity(join(dir, 'broken.json')),
        /cannot read the Cloud App manifest .*broken\.json/,
      );
      assert.throws(
        () => readManifestContentSecurity(join(dir, 'spaces.json')),
        /contentSecurity\.connectSrc must be a list of sources/,
      );
      assert.throws(
        () => readManifestContentSecurity(join(dir, 'notlist.json')),
        /contentSecurity\.connectSrc must be a list of sources/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the simulator serves the app as Alma does', () => {
  test('every app answer carries the policy; sources added later appear from the next answer', async () => {
    const t = await startTestSim();
    try {
      const first = await fetch(t.sim.appUrl);
      assert.equal(first.status, 200);
      const policy = first.headers.get('content-security-policy') ?? '';
      assert.equal(policy, t.sim.contentSecurityPolicy());
      assert.deepEqual(directives(policy)['connect-src'], [
        "'self'",
        ...readManifestContentSecurity(REPO_MANIFEST).connectSrc!,
      ]);
      t.sim.allowConnectSrc('http://127.0.0.1:4303');
      t.sim.allowConnectSrc('http://127.0.0.1:4303');
      const missing = await fetch(`${t.sim.appUrl}no-such-file.js`);
      assert.equal(missing.status, 404);
      assert.equal(
        directives(missing.headers.get('content-security-policy') ?? '')['connect-src'].filter(
          (s) => s === 'http://127.0.0.1:4303',
        ).length,
        1,
      );
      assert.throws(
        () => t.sim.allowConnectSrc('https://a.example; script-src *'),
        /not a CSP source/,
      );
      const boot = (await t.call('GET', '/__sim/host/boot')).body;
      assert.deepEqual(boot, {
        appUrl: t.sim.appUrl,
        sandbox: 'allow-scripts allow-same-origin allow-forms allow-downloads',
      });
    } finally {
      await t.close();
    }
  });

  test('another manifest gives another policy; manifest false gives neither policy nor sandbox', async () => {
    const dir = tempAppDir({ 'index.html': '<!DOCTYPE html><title>x</title>' });
    const manifest = join(dir, 'manifest.json');
    writeFileSync(
      manifest,
      JSON.stringify({ contentSecurity: { connectSrc: ['https://proxy.my-library.example'] } }),
    );
    const own = await startTestSim({ appDir: dir, manifest });
    const none = await startTestSim({ appDir: dir, manifest: false });
    try {
      const policy = (await fetch(own.sim.appUrl)).headers.get('content-security-policy') ?? '';
      assert.deepEqual(directives(policy)['connect-src'], [
        "'self'",
        'https://proxy.my-library.example',
      ]);
      assert.equal(
        (await own.call('GET', '/__sim/host/boot')).body.sandbox,
        'allow-scripts allow-same-origin allow-forms',
      );
      assert.equal((await fetch(none.sim.appUrl)).headers.get('content-security-policy'), null);
      assert.equal((await none.call('GET', '/__sim/host/boot')).body.sandbox, null);
      assert.equal(none.sim.contentSecurityPolicy(), null);
    } finally {
      await Promise.all([own.close(), none.close()]);
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("the repository manifest passes the SDK's manifest schema", () => {
    const manifest = JSON.parse(readFileSync(REPO_MANIFEST, 'utf8'));
    const schema = JSON.parse(
      readFileSync(
        join(
          dirname(REPO_MANIFEST),
          'node_modules/@exlibris/exl-cloudapp-base/manifest.schema.json',
        ),
        'utf8',
      ),
    );
    const validate = new Ajv({ strict: false, allErrors: true }).compile(schema);
    assert.equal(validate(manifest), true, JSON.stringify(validate.errors));
    assert.equal(
      validate({
        ...manifest,
        contentSecurity: { ...manifest.contentSecurity, connectSrc: 'https://a.example' },
      }),
      false,
      'the schema does check connectSrc',
    );
    assert.deepEqual(manifest.contentSecurity.sandbox, { downloads: true });
  });
});
