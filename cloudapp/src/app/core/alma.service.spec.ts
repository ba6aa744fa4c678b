import { CloudAppRestService, Request } from '@exlibris/exl-cloudapp-angular-lib';
import { firstValueFrom, of, throwError } from 'rxjs';
import { AlmaLoan } from '../domain/alma-request';
import { AlmaService } from './alma.service';

/** A patron with `count` loans, barcodes B0..B(count-1), served the way Alma pages them (limit 0-100). */
function restWithLoans(count: number): { rest: CloudAppRestService; requests: Request[] } {
  const loans: AlmaLoan[] = Array.from({ length: count }, (_, i) => ({
    loan_id: `L${i}`,
    item_barcode: `B${i}`,
    loan_status: 'ACTIVE',
  }));
  const requests: Request[] = [];
  const rest = {
    call: (req: Request) => {
      requests.push(req);
      const limit = Number(req.queryParams?.['limit'] ?? 10);
      const offset = Number(req.queryParams?.['offset'] ?? 0);
      if (limit > 100)
        return throwError(() => ({
          status: 400,
          error: { errorList: { error: [{ errorCode: '40166426', errorMessage: 'limit' }] } },
        }));
      return of({ item_loan: loans.slice(offset, offset + limit), total_record_count: count });
    },
  } as unknown as CloudAppRestService;
  return { rest, requests };
}

describe('AlmaService loans', () => {
  it("reads every page of the patron's loans, 100 at a time", async () => {
    const { rest, requests } = restWithLoans(250);
    const loans = await firstValueFrom(new AlmaService(rest).getLoans('P1'));
    expect(loans.length).toBe(250);
    expect(loans[249].item_barcode).toBe('B249');
    expect(
      requests.map((r) => [r.url, r.queryParams?.['limit'], r.queryParams?.['offset']]),
    ).toEqual([
      ['/users/P1/loans', '100', '0'],
      ['/users/P1/loans', '100', '100'],
      ['/users/P1/loans', '100', '200'],
    ]);
  });

  it('stops after one page when the patron has fewer than 100 loans, or none', async () => {
    for (const count of [0, 3, 100]) {
      const { rest, requests } = restWithLoans(count);
      expect((await firstValueFrom(new AlmaService(rest).getLoans('P1'))).length).toBe(count);
      expect(requests.length).withContext(`${count} loans`).toBe(1);
    }
  });

  it('finds a loan on a later page by barcode, and stops reading there', async () => {
    const { rest, requests } = restWithLoans(350);
    const loan = await firstValueFrom(new AlmaService(rest).findLoanByBarcode('P1', 'B150'));
    expect(loan?.loan_id).toBe('L150');
    expect(requests.length).toBe(2);
  });

  it('answers null when no loan has the barcode, after reading every page', async () => {
    const { rest, requests } = restWithLoans(201);
    expect(await firstValueFrom(new AlmaService(rest).findLoanByBarcode('P1', 'NOPE'))).toBeNull();
    expect(requests.length).toBe(3);
  });

  it('passes a failed page on as an error', async () => {
    const rest = {
      call: () => throwError(() => ({ status: 400, error: {} })),
    } as unknown as CloudAppRestService;
    await expectAsync(
      firstValueFrom(new AlmaService(rest).findLoanByBarcode('P1', 'B1')),
    ).toBeRejected();
  });
});
