/** The shared borrowing-request cases (fixtures/cases/), with what the e2e tests reset the simulator with. */
import { caseOf, type CaseRequest } from '../../fixtures/cases.js';

export { caseOf, type Case } from '../../fixtures/cases.js';

/** Copies of the Alma records of the given cases ('01', '06', ...), for `/__sim/reset`. */
export function requestsOf(...ids: string[]): CaseRequest[] {
  return ids.map((id) => caseOf(id).alma_request);
}
