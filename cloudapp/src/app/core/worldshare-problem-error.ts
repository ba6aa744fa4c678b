import { WorldShareProblem, WorldShareProblemCode } from '../domain/worldshare-errors';

/** An error carrying a WorldShare (or proxy) failure already described for staff. */
export class WorldShareError extends Error {
  constructor(
    readonly problem: WorldShareProblem,
    readonly status: number,
  ) {
    super(problem.detail ?? `WorldShare answered ${status} (${problem.code})`);
    this.name = 'WorldShareError';
  }
}

/** A problem that names no OCLC field (timeouts, configuration, answers the app cannot read). */
export function simpleProblem(
  code: WorldShareProblemCode,
  detail: string | null,
): WorldShareProblem {
  return { code, field: null, fieldLabel: null, failureCode: null, detail, failures: [] };
}

/** The staff-facing problem inside any error a WorldShare call raised (unknown errors keep their message). */
export function toWorldShareProblem(e: unknown): WorldShareProblem {
  if (e instanceof WorldShareError) return e.problem;
  return simpleProblem('unknown', e instanceof Error ? e.message : String(e));
}
