// The app's list of allowed proxy addresses is the manifest's contentSecurity.connectSrc, generated into
// manifest-connect-src.ts by tools/gen-connect-src.mjs. This fails when someone edits one without the other.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { MANIFEST_CONNECT_SRC } from './manifest-connect-src';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');

test("the generated connectSrc list equals manifest.json's, in order", () => {
  const manifest = JSON.parse(readFileSync(join(root, 'manifest.json'), 'utf8'));
  assert.deepEqual([...MANIFEST_CONNECT_SRC], manifest.contentSecurity.connectSrc);
});

test('the generated file is byte for byte what the generator writes', async () => {
  const { connectSrcModule, GENERATED_FILE } = await import(
    join(root, 'tools', 'gen-connect-src.mjs')
  );
  const manifest = JSON.parse(readFileSync(join(root, 'manifest.json'), 'utf8'));
  assert.equal(
    readFileSync(GENERATED_FILE, 'utf8'),
    connectSrcModule(manifest.contentSecurity.connectSrc),
  );
});
