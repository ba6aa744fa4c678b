import { IdempotencyKeyStore } from './idempotency-keys.ts';
import { LenderMessageStore } from './lender-messages.ts';
import type { StoreLocation } from './open-store.ts';
import { openStore } from './open-store.ts';

/** The proxy's durable state: lender messages and idempotency keys. */
export interface ProxyStore {
  lenderMessages: LenderMessageStore;
  idempotencyKeys: IdempotencyKeyStore;
  dialect: 'sqlite' | 'postgres';
  description: string;
  close(): Promise<void>;
}

/** Opens and migrates the store at `location` (see `openStore`). */
export async function openProxyStore(location: StoreLocation): Promise<ProxyStore> {
  const s = await openStore(location);
  return {
    lenderMessages: new LenderMessageStore(s.db),
    idempotencyKeys: new IdempotencyKeyStore(s.db),
    dialect: s.dialect,
    description: s.description,
    close: s.close,
  };
}

export type { StoreLocation } from './open-store.ts';
export type { LenderMessage, LenderState } from '../lender-inbox-api.ts';
export type { NewLenderMessage } from './lender-messages.ts';
