/** Sizes of a production build's JavaScript, raw and gzip, split into initial and lazy chunks. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { constants, gzipSync } from 'node:zlib';

/** gzip level used for every figure: zlib's default, what a typical web server applies on the fly. */
export const GZIP_LEVEL = constants.Z_DEFAULT_COMPRESSION;

export interface ChunkSize {
  file: string;
  rawBytes: number;
  gzipBytes: number;
}

export interface JsSizes {
  /** Scripts `index.html` loads itself (Angular's runtime, polyfills and main). */
  initial: ChunkSize[];
  /** Every other `.js` file: chunks loaded on demand (settings, config, help, bulk ...). */
  lazy: ChunkSize[];
  initialRawBytes: number;
  initialGzipBytes: number;
  lazyRawBytes: number;
  lazyGzipBytes: number;
  totalRawBytes: number;
  totalGzipBytes: number;
}

/**
 * Measures every `.js` file at the top of a built app folder (`eca build` writes them flat).
 * Initial chunks are the `<script src>` files of its `index.html`.
 *
 * @throws Error when the folder has no index.html or index.html loads no script (not a build).
 */
export function measureJs(buildDir: string): JsSizes {
  const html = readFileSync(join(buildDir, 'index.html'), 'utf8');
  const initialNames = new Set(
    [...html.matchAll(/<script[^>]*\bsrc="([^"]+\.js)"/g)].map((m) => m[1].replace(/^\.?\//, '')),
  );
  if (initialNames.size === 0) throw new Error(`${buildDir}/index.html loads no script`);
  const files = readdirSync(buildDir)
    .filter((f) => f.endsWith('.js'))
    .sort();
  const sizeOf = (file: string): ChunkSize => {
    const bytes = readFileSync(join(buildDir, file));
    return {
      file,
      rawBytes: bytes.length,
      gzipBytes: gzipSync(bytes, { level: GZIP_LEVEL }).length,
    };
  };
  const initial = files.filter((f) => initialNames.has(f)).map(sizeOf);
  const lazy = files.filter((f) => !initialNames.has(f)).map(sizeOf);
  if (initial.length !== initialNames.size)
    throw new Error(`${buildDir}: index.html loads scripts that are not in the folder`);
  const sum = (list: ChunkSize[], key: 'rawBytes' | 'gzipBytes') =>
    list.reduce((n, c) => n + c[key], 0);
  return {
    initial,
    lazy,
    initialRawBytes: sum(initial, 'rawBytes'),
    initialGzipBytes: sum(initial, 'gzipBytes'),
    lazyRawBytes: sum(lazy, 'rawBytes'),
    lazyGzipBytes: sum(lazy, 'gzipBytes'),
    totalRawBytes: sum(initial, 'rawBytes') + sum(lazy, 'rawBytes'),
    totalGzipBytes: sum(initial, 'gzipBytes') + sum(lazy, 'gzipBytes'),
  };
}
