import { WorldShareProblem } from '../domain/worldshare-errors';

/** An error carrying a WorldShare (or proxy) failure already described for staff. */
export class WorldShareError extends Error {
  constructor(readonly problem: WorldShareProblem, readonly status: number) {
    super(problem.detail ?? `WorldShare answered ${status} (${problem.code})`);
    this.name = 'WorldShareError';
  }
}
