import assert from 'node:assert/strict';
/**
 * Test helpers for the simulator's own suites: a simulator on ephemeral 127.0.0.1 ports with a tiny
 * stand-in app, and small HTTP helpers that return status and parsed JSON.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AlmaErrorBody } from '../alma/errors.js';
import type { SimSnapshot } from '../control/snapshot.js';
import { type RunningSim, type SimOptions, startSim } from '../index.js';

/**
 * JSON a test reads or reshapes freely (an answer under test, a sample body to break), left unchecked
 * on purpose: its shape is what the test examines, and an unexpected one fails the test's assertion.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the shape is what the tests check
export type LooseJson = any;

export interface HttpResult<T = LooseJson> {
  status: number;
  headers: Headers;
  body: T;
}

export interface TestSim {
  sim: RunningSim;
  /** The stand-in app folder (deleted on close). */
  appDir: string;
  /** Calls the host server; `body` is sent as JSON; the answer is parsed as JSON when it has a body. */
  call<T = LooseJson>(
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<HttpResult<T>>;
  /** `POST /__sim/reset`; throws unless it answers 200. */
  reset(spec?: Record<string, unknown>): Promise<void>;
  /** `GET /__sim/state`. */
  state(): Promise<SimSnapshot>;
  close(): Promise<void>;
}

/** Writes `files` (name -> content) into a fresh temporary folder and returns its path. */
export function tempAppDir(
  files: Record<string, string> = { 'index.html': '<!DOCTYPE html><title>stand-in app</title>' },
): string {
  const dir = mkdtempSync(join(tmpdir(), 'sim-app-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}

/** Starts a simulator on ephemeral ports with a stand-in app (or `appDir` given in opts). */
export async function startTestSim(opts: SimOptions = {}): Promise<TestSim> {
  const ownDir = opts.appDir === undefined;
  const appDir = opts.appDir ?? tempAppDir();
  let sim: RunningSim;
  try {
    sim = await startSim({ host: '127.0.0.1', port: 0, appPort: 0, oclcPort: 0, ...opts, appDir });
  } catch (err) {
    if (ownDir) rmSync(appDir, { recursive: true, force: true });
    throw err;
  }
  const call = async <T>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<HttpResult<T>> => {
    const init: RequestInit = { method, headers: { ...headers } };
    if (body !== undefined) {
      init.body = typeof body === 'string' ? body : JSON.stringify(body);
      (init.headers as Record<string, string>)['content-type'] ??= 'application/json';
    }
    const res = await fetch(`${sim.hostUrl}${path}`, init);
    const text = await res.text();
    let parsed: unknown = text;
    if (text !== '') {
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = text;
      }
    } else {
      parsed = undefined;
    }
    return { status: res.status, headers: res.headers, body: parsed as T };
  };
  return {
    sim,
    appDir,
    call,
    async reset(spec = {}) {
      const res = await call('POST', '/__sim/reset', spec);
      if (res.status !== 200)
        throw new Error(`reset answered ${res.status}: ${JSON.stringify(res.body)}`);
    },
    async state() {
      return (await call<SimSnapshot>('GET', '/__sim/state')).body;
    },
    async close() {
      await sim.close();
      if (ownDir) rmSync(appDir, { recursive: true, force: true });
    },
  };
}

/** The first Alma error code of an Alma error body (or undefined). */
export function almaErrorCode(body: unknown): string | undefined {
  const code = (body as AlmaErrorBody | undefined)?.errorList?.error?.[0]?.errorCode;
  return typeof code === 'string' ? code : undefined;
}

/** `value`, failing the test when it is missing (e.g. a `find` that found nothing). */
export function present<T>(value: T | null | undefined, what = 'the value'): T {
  assert.ok(value !== null && value !== undefined, `${what} is there`);
  return value;
}
