import type { Kysely, Selectable } from 'kysely';
import type { LenderMessage, LenderState } from '../lender-inbox-api.ts';
import type { LenderMessageTable, StoreDatabase } from './schema.ts';

/** A message to store (everything but the store id). */
export type NewLenderMessage = Omit<LenderMessageTable, 'seq'>;

/** Reads and writes `lender_messages`. */
export class LenderMessageStore {
  constructor(private readonly db: Kysely<StoreDatabase>) {}

  /**
   * Stores a message unless one with the same `(inst_code, dedupe_key)` is already stored.
   * Resolves once the database has committed it.
   *
   * @returns `true` when stored now, `false` when it was a duplicate.
   */
  async add(message: NewLenderMessage): Promise<boolean> {
    const result = await this.db
      .insertInto('lender_messages')
      .values(message)
      .onConflict((oc) => oc.columns(['inst_code', 'dedupe_key']).doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0n) > 0;
  }

  /** The institution's messages about one WorldShare request, oldest first. */
  async forRequest(instCode: string, worldShareRequestId: string): Promise<LenderMessage[]> {
    const rows = await this.db
      .selectFrom('lender_messages')
      .selectAll()
      .where('inst_code', '=', instCode)
      .where('world_share_request_id', '=', worldShareRequestId)
      .orderBy('seq')
      .execute();
    return rows.map(toLenderMessage);
  }

  /** The latest state of each WorldShare request that has at least one message; others are absent. */
  async states(
    instCode: string,
    worldShareRequestIds: string[],
  ): Promise<Record<string, LenderState>> {
    const out: Record<string, LenderState> = {};
    if (worldShareRequestIds.length === 0) return out;
    const rows = await this.db
      .selectFrom('lender_messages')
      .selectAll()
      .where('inst_code', '=', instCode)
      .where('world_share_request_id', 'in', [...new Set(worldShareRequestIds)])
      .orderBy('seq')
      .execute();
    for (const row of rows) {
      const m = toLenderMessage(row);
      const s = (out[m.worldShareRequestId] ??= {
        worldShareRequestId: m.worldShareRequestId,
        status: null,
        dueDate: null,
        lastReceivedAt: m.receivedAt,
        messages: [],
      });
      s.messages.push(m);
      s.lastReceivedAt = m.receivedAt;
      if (m.status) s.status = m.status;
      if (m.dueDate) s.dueDate = m.dueDate;
    }
    return out;
  }

  /** Number of stored messages of an institution (tests and the benchmark). */
  async count(instCode?: string): Promise<number> {
    let q = this.db.selectFrom('lender_messages').select((eb) => eb.fn.countAll().as('n'));
    if (instCode !== undefined) q = q.where('inst_code', '=', instCode);
    const row = await q.executeTakeFirstOrThrow();
    return Number(row.n);
  }
}

function toLenderMessage(row: Selectable<LenderMessageTable>): LenderMessage {
  return {
    id: String(row.seq),
    worldShareRequestId: row.world_share_request_id,
    reasonForMessage: row.reason_for_message,
    answerYesNo: row.answer_yes_no === 'Y' || row.answer_yes_no === 'N' ? row.answer_yes_no : null,
    status: row.status,
    dueDate: row.due_date,
    lastChange: row.last_change,
    note: row.note,
    reasonUnfilled: row.reason_unfilled,
    timestamp: row.message_timestamp,
    receivedAt: row.received_at,
  };
}
