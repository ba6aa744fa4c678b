/**
 * Access to the published contracts (repository folder contracts/) for the node contract tests.
 * Node only: never import this from a spec or from app code.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's contracts/ folder, found relative to this file. */
export const CONTRACTS_DIR = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  '..',
  '..',
  '..',
  'contracts',
);

/** Text of a file under contracts/, e.g. readContract('iso18626', 'ISO-18626-v1_2.xsd'). */
export function readContract(...parts: string[]): string {
  return readFileSync(join(CONTRACTS_DIR, ...parts), 'utf8');
}

/** File names in a contracts/ sub-folder ending with `suffix`, sorted. */
export function listContracts(folder: string, suffix: string): string[] {
  return readdirSync(join(CONTRACTS_DIR, folder))
    .filter((name) => name.endsWith(suffix))
    .sort();
}
