import type { Kysely, Migration, MigrationProvider } from 'kysely';
import { sql } from 'kysely';

/** Which database the store runs on; the few column types that differ depend on it. */
export type StoreDialect = 'sqlite' | 'postgres';

/**
 * The schema's migrations, in order. Names are permanent once released: add new ones, never edit
 * an old one (Kysely's Migrator records applied names in `kysely_migration`).
 */
export function storeMigrations(dialect: StoreDialect): Record<string, Migration> {
  return {
    '0001_lender_messages': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('lender_messages')
          .addColumn('seq', dialect === 'postgres' ? 'bigserial' : 'integer', (c) =>
            dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement(),
          )
          .addColumn('inst_code', 'text', (c) => c.notNull())
          .addColumn('world_share_request_id', 'text', (c) => c.notNull())
          .addColumn('requesting_agency_request_id', 'text')
          .addColumn('supplying_agency_id', 'text')
          .addColumn('requesting_agency_id', 'text')
          .addColumn('message_timestamp', 'text')
          .addColumn('reason_for_message', 'text')
          .addColumn('answer_yes_no', 'text')
          .addColumn('status', 'text')
          .addColumn('due_date', 'text')
          .addColumn('due_date_at', 'text')
          .addColumn('last_change', 'text')
          .addColumn('note', 'text')
          .addColumn('reason_unfilled', 'text')
          .addColumn('received_at', 'text', (c) => c.notNull())
          .addColumn('raw_xml', 'text', (c) => c.notNull())
          .addColumn('dedupe_key', 'text', (c) => c.notNull())
          .addUniqueConstraint('lender_messages_dedupe', ['inst_code', 'dedupe_key'])
          .execute();
        await db.schema
          .createIndex('lender_messages_by_request')
          .on('lender_messages')
          .columns(['inst_code', 'world_share_request_id', 'seq'])
          .execute();
      },
      async down(db: Kysely<unknown>) {
        await db.schema.dropTable('lender_messages').execute();
      },
    },
    '0002_idempotency_keys': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('idempotency_keys')
          .addColumn('key', 'text', (c) => c.primaryKey())
          .addColumn('fingerprint', 'text', (c) => c.notNull())
          .addColumn('owner', 'text', (c) => c.notNull())
          .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('running', 'done')`))
          .addColumn('started_at', 'text', (c) => c.notNull())
          .addColumn('finished_at', 'text')
          .addColumn('status', 'integer')
          .addColumn('headers_json', 'text')
          .addColumn('body_base64', 'text')
          .execute();
      },
      async down(db: Kysely<unknown>) {
        await db.schema.dropTable('idempotency_keys').execute();
      },
    },
  };
}

/** A Kysely `MigrationProvider` over `storeMigrations`. */
export function storeMigrationProvider(dialect: StoreDialect): MigrationProvider {
  return { getMigrations: async () => storeMigrations(dialect) };
}
