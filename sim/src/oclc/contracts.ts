import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The repository's `contracts/` folder (what OCLC itself published), located from this module's
 * file rather than the working directory, so the fake works whatever folder it is started from.
 */
const contractsDir = new URL('../../../contracts/', import.meta.url);

const cache = new Map<string, string>();

/**
 * Reads one published artifact as UTF-8 text, e.g. `readContract('iso18626/ISO-18626-v1_2.xsd')`.
 * Cached after the first read. Throws (ENOENT) when the file is missing: a broken checkout should
 * fail loudly, not make the fake accept everything.
 */
export function readContract(relativePath: string): string {
  let text = cache.get(relativePath);
  if (text === undefined) {
    text = readFileSync(fileURLToPath(new URL(relativePath, contractsDir)), 'utf8');
    cache.set(relativePath, text);
  }
  return text;
}
