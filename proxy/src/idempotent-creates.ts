import { EventEmitter } from 'node:events';
import { randomUUID } from 'node:crypto';
import { ProxyError } from './errors.ts';
import type { UpstreamAnswer } from './forward.ts';
import type { IdempotencyKeyStore } from './store/idempotency-keys.ts';
import { storedAnswer } from './store/idempotency-keys.ts';

/** Longest accepted `Idempotency-Key` value (an Alma request id is far shorter). */
export const MAX_IDEMPOTENCY_KEY_LENGTH = 200;

/** Timing of `IdempotentCreates`, in milliseconds. */
export interface IdempotencyTiming {
  /** How often a waiting repeat re-reads the key (another instance may hold it). */
  pollMs: number;
  /** A key still `running` after this long is taken as abandoned (its proxy instance died) and taken over. */
  staleAfterMs: number;
}

/** Result of an idempotent exchange. */
export interface IdempotentResult {
  answer: UpstreamAnswer;
  /** True when the answer is the stored one of an earlier call (OCLC not called). */
  replayed: boolean;
}

/**
 * Runs forwarded creates at most once per key across every proxy instance sharing the store
 * (docs/contracts.md, "Proxy API for the app"):
 * - the first call claims the key (a unique row) and is forwarded; a 2xx answer is stored;
 * - a repeat after success gets the stored answer (`replayed`);
 * - a repeat while the first runs waits (polling the row every `pollMs`, woken at once when the
 *   first ran in this process) and then answers as above;
 * - a first call that ends without a 2xx (or throws) releases the key, so a repeat is forwarded.
 * A key held `running` for longer than `staleAfterMs` is released and claimed again.
 */
export class IdempotentCreates {
  private readonly finished = new EventEmitter();

  constructor(
    private readonly keys: IdempotencyKeyStore,
    private readonly timing: IdempotencyTiming,
  ) {
    this.finished.setMaxListeners(0);
  }

  /**
   * @param key `<inst_code>:<Idempotency-Key>`.
   * @param fingerprint method, upstream origin and path of the call; a repeat with another one is refused.
   * @param exchange sends the request upstream (once) and returns its answer.
   * @throws ProxyError 422 `idempotency_key_mismatch` when the key was used for another call;
   *   409 `idempotency_in_progress` when the first call is still running after `staleAfterMs`;
   *   whatever `exchange` throws (the key is released first).
   */
  async run(
    key: string,
    fingerprint: string,
    exchange: () => Promise<UpstreamAnswer>,
    onStoreError?: (e: unknown) => void,
  ): Promise<IdempotentResult> {
    const owner = randomUUID();
    const deadline = Date.now() + this.timing.staleAfterMs + this.timing.pollMs;
    for (;;) {
      if (await this.keys.claim(key, fingerprint, owner, new Date()))
        return this.runFirst(key, owner, exchange, onStoreError);
      const row = await this.keys.get(key);
      if (row) {
        if (row.fingerprint !== fingerprint) {
          throw new ProxyError(
            422,
            'idempotency_key_mismatch',
            'This Idempotency-Key was already used for a different call; send a new key for a new request.',
          );
        }
        if (row.state === 'done') return { answer: storedAnswer(row), replayed: true };
        if (Date.now() - Date.parse(row.started_at) > this.timing.staleAfterMs) {
          await this.keys.release(key, row.owner);
          continue;
        }
      }
      if (Date.now() >= deadline) {
        throw new ProxyError(
          409,
          'idempotency_in_progress',
          'The same request is still being sent to WorldShare; try again in a moment.',
          { 'retry-after': '5' },
        );
      }
      if (row) await this.waitForFinish(key);
    }
  }

  private async runFirst(
    key: string,
    owner: string,
    exchange: () => Promise<UpstreamAnswer>,
    onStoreError?: (e: unknown) => void,
  ): Promise<IdempotentResult> {
    let answer: UpstreamAnswer;
    try {
      answer = await exchange();
    } catch (e) {
      await this.keys.release(key, owner).catch(onStoreError);
      this.finished.emit(key);
      throw e;
    }
    try {
      if (answer.status >= 200 && answer.status < 300)
        await this.keys.complete(key, owner, answer, new Date());
      else await this.keys.release(key, owner);
    } catch (e) {
      // The upstream answered; the caller gets that answer even if the store failed to keep it.
      onStoreError?.(e);
    }
    this.finished.emit(key);
    return { answer, replayed: false };
  }

  private waitForFinish(key: string): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.finished.off(key, done);
        resolve();
      };
      const timer = setTimeout(done, this.timing.pollMs);
      this.finished.on(key, done);
    });
  }
}

/**
 * The `Idempotency-Key` header value, or undefined when absent.
 *
 * @throws ProxyError 400 `idempotency_key_invalid` when sent twice, empty, longer than
 *   `MAX_IDEMPOTENCY_KEY_LENGTH` or containing characters other than printable ASCII.
 */
export function idempotencyKeyOf(header: string | string[] | undefined): string | undefined {
  if (header === undefined) return undefined;
  const value = Array.isArray(header) ? undefined : header.trim();
  if (!value || value.length > MAX_IDEMPOTENCY_KEY_LENGTH || !/^[\x21-\x7e]+$/.test(value)) {
    throw new ProxyError(
      400,
      'idempotency_key_invalid',
      `Send one Idempotency-Key of 1 to ${MAX_IDEMPOTENCY_KEY_LENGTH} printable characters (the Alma request id).`,
    );
  }
  return value;
}
