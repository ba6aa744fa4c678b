import { Injectable } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import { almaDateToCalendarDate } from '../domain/alma-request';
import { AlmaProblem, describeAlmaError } from '../core/alma-error';
import { AlmaService } from '../core/alma.service';

/**
 * How trying the lender due-date call on one request ended:
 * - `worked`: Alma accepted `op=request_renewal` with the request's own lender due date;
 * - `no-request`: Alma has no such request for that user (nothing written);
 * - `not-with-partner`: the request is not with a lending partner (nothing written);
 * - `no-due-date`: the request has no lender due date to write back (nothing written: the trial
 *   never invents a date);
 * - `read-failed`: the request could not be read (nothing written);
 * - `refused`: Alma refused or failed the call; the switch stays off.
 */
export type LenderDueDateTrial =
  | { kind: 'worked'; dueDate: string }
  | { kind: 'no-request' }
  | { kind: 'not-with-partner' }
  | { kind: 'no-due-date' }
  | { kind: 'read-failed'; problem: AlmaProblem }
  | { kind: 'refused'; dueDate: string; problem: AlmaProblem };

/**
 * Test connection for the lender due-date call (`writeLenderDueDate`): Alma's `op=request_renewal`
 * is not documented by Ex Libris (docs/contracts.md, "Alma calls that Ex Libris does not
 * document"), so before the switch can be turned on an administrator tries it on a request they
 * name. The trial reads the request (documented call) and, only when it is with a lending partner
 * and already has a lender due date, sends `op=request_renewal` with that same date: the date
 * does not change, but Alma records the call as the lender's renewal (the simulator, like Alma's
 * "Request Renewal" action as we understand it, sets the status "Renewed by Partner").
 */
@Injectable({ providedIn: 'root' })
export class LenderDueDateTrialService {
  constructor(private readonly alma: AlmaService) {}

  async tryOn(userId: string, requestId: string): Promise<LenderDueDateTrial> {
    let request;
    try {
      request = await firstValueFrom(
        this.alma.getBorrowingRequest(userId.trim(), requestId.trim()),
      );
    } catch (e) {
      const problem = describeAlmaError(e);
      return problem.kind === 'not-found'
        ? { kind: 'no-request' }
        : { kind: 'read-failed', problem };
    }
    if (
      !request.partner ||
      request.external_id == null ||
      String(request.external_id).trim() === ''
    )
      return { kind: 'not-with-partner' };
    const dueDate = almaDateToCalendarDate(request.due_date);
    if (dueDate === null) return { kind: 'no-due-date' };
    try {
      await firstValueFrom(
        this.alma.recordLenderRenewal(userId.trim(), request.request_id, dueDate),
      );
    } catch (e) {
      return { kind: 'refused', dueDate, problem: describeAlmaError(e) };
    }
    return { kind: 'worked', dueDate };
  }
}
