/** The borrowing-request cases (Alma record + what the app must do), as test fixtures. */
import { readFileSync } from 'node:fs';

export interface Case {
  id: string;
  why: string;
  entity: { id: string; type: string; link: string; description: string };
  alma_request: Record<string, any> & { request_id: string };
  expect: {
    export: 'ready' | 'warn' | 'blocked';
    service_type?: 'LOAN' | 'COPY';
    sent?: string[];
    not_sent?: string[];
    warning?: string;
    reason?: string;
  };
}

export const CASES: Case[] = JSON.parse(
  readFileSync(new URL('../fixtures/cases.json', import.meta.url), 'utf8'),
);

/** A case by its number ("01") or full id. */
export function caseOf(id: string): Case {
  const c = CASES.find((x) => x.id === id || x.id.startsWith(`${id}-`));
  if (!c) throw new Error(`no case ${id}`);
  return structuredClone(c);
}

/** The Alma records of the given cases, for `/__sim/reset`. */
export function requestsOf(...ids: string[]): Record<string, any>[] {
  return ids.map((id) => caseOf(id).alma_request);
}
