import type { Kysely, Selectable } from 'kysely';
import type { IdempotencyTable, StoreDatabase } from './schema.ts';

/** A stored 2xx answer, replayed to every repeat of the key. */
export interface StoredAnswer {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

export type IdempotencyRow = Selectable<IdempotencyTable>;

/**
 * Reads and writes `idempotency_keys`: one row per key, claimed by one call at a time across every
 * proxy instance sharing the database (the primary key is the lock).
 */
export class IdempotencyKeyStore {
  constructor(private readonly db: Kysely<StoreDatabase>) {}

  /** Inserts the key as `running` for `owner`; `false` when the key already has a row. */
  async claim(key: string, fingerprint: string, owner: string, now: Date): Promise<boolean> {
    const result = await this.db
      .insertInto('idempotency_keys')
      .values({
        key,
        fingerprint,
        owner,
        state: 'running',
        started_at: now.toISOString(),
        finished_at: null,
        status: null,
        headers_json: null,
        body_base64: null,
      })
      .onConflict((oc) => oc.column('key').doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0n) > 0;
  }

  async get(key: string): Promise<IdempotencyRow | undefined> {
    return this.db
      .selectFrom('idempotency_keys')
      .selectAll()
      .where('key', '=', key)
      .executeTakeFirst();
  }

  /** Stores the answer of `owner`'s call and marks the key `done`. */
  async complete(key: string, owner: string, answer: StoredAnswer, now: Date): Promise<void> {
    await this.db
      .updateTable('idempotency_keys')
      .set({
        state: 'done',
        finished_at: now.toISOString(),
        status: answer.status,
        headers_json: JSON.stringify(answer.headers),
        body_base64: answer.body.toString('base64'),
      })
      .where('key', '=', key)
      .where('owner', '=', owner)
      .execute();
  }

  /** Deletes the key if `owner` still holds it running (its call failed, or it was abandoned). */
  async release(key: string, owner: string): Promise<void> {
    await this.db
      .deleteFrom('idempotency_keys')
      .where('key', '=', key)
      .where('owner', '=', owner)
      .where('state', '=', 'running')
      .execute();
  }
}

/** The stored answer of a `done` row. */
export function storedAnswer(row: IdempotencyRow): StoredAnswer {
  return {
    status: row.status ?? 200,
    headers: row.headers_json ? (JSON.parse(row.headers_json) as Record<string, string>) : {},
    body: Buffer.from(row.body_base64 ?? '', 'base64'),
  };
}
