import { BulkReport, BulkSource, bulkDetailText, reportToCsv } from './bulk-report';

/** The CSV file's name before its start time, per bulk source. */
const FILE_NAMES: Record<BulkSource, string> = {
  page: 'worldshare-reconcile',
  report: 'worldshare-reconcile-report',
};

/**
 * Offers a bulk report as a CSV file (`worldshare-reconcile[-report]-<started at>.csv`, by source), each row's detail worded in the
 * user's language by `translate` (the translation service's `instant`). Needs the manifest's
 * sandbox `downloads` permission inside Alma.
 */
export function downloadReportCsv(
  report: BulkReport,
  source: BulkSource,
  translate: (key: string, params: object) => string,
): void {
  const csv = reportToCsv(report, (row) => bulkDetailText(row, translate));
  const blob = new Blob([csv], { type: 'text/csv;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = `${FILE_NAMES[source]}-${report.startedAt.slice(0, 19).replace(/[:T]/g, '-')}.csv`;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
