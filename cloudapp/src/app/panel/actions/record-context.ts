import { AlmaLoan } from '../../domain/alma-request';
import { WorldShareProblem } from '../../domain/worldshare-errors';
import { WorldShareRequestView } from '../../domain/worldshare-request';
import { AlmaProblem } from '../../core/alma-error';
import { RequestMemory } from '../../core/request-memory.service';

/** What the panel knows about an exported request beyond Alma's record. */
export interface RecordContext {
  /** WorldShare's view; undefined while reading, null when it could not be read. */
  worldShare: WorldShareRequestView | null | undefined;
  worldShareProblem: WorldShareProblem | null;
  /** The patron's loan of the temporary item; null when there is none (not received yet). */
  loan: AlmaLoan | null | undefined;
  loanProblem: AlmaProblem | null;
  memory: RequestMemory;
}

export const EMPTY_CONTEXT: RecordContext = {
  worldShare: undefined,
  worldShareProblem: null,
  loan: undefined,
  loanProblem: null,
  memory: { activity: [] },
};
