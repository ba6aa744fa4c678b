import { Injectable } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import {
  ColumnMapping,
  ReportRow,
  mapAnalyticsColumns,
  reportRowsOf,
} from '../domain/analytics-columns';
import {
  AnalyticsFormatError,
  AnalyticsPage,
  parseAnalyticsPage,
} from '../domain/analytics-report';
import { InstitutionConfig } from '../domain/institution-config';
import { AlmaProblem, describeAlmaError } from './alma-error';
import { AlmaService } from './alma.service';

/** Rows per page asked for: Alma's maximum (the Analytics API takes 25-1000). */
export const ANALYTICS_PAGE_LIMIT = 1000;

/** Why a report could not be read, in terms the config page and the bulk panel put into words. */
export type AnalyticsReportProblem =
  | { kind: 'no-path' }
  /** Alma refused the report (a path that does not exist answers 400 "Path not found"). */
  | { kind: 'alma'; problem: AlmaProblem }
  | { kind: 'format'; detail: string }
  | { kind: 'missing-columns'; missing: string[] }
  | { kind: 'stopped' };

export class AnalyticsReportError extends Error {
  constructor(readonly problem: AnalyticsReportProblem) {
    super(problem.kind);
    this.name = 'AnalyticsReportError';
  }
}

export interface ReadReport {
  rows: ReportRow[];
  mapping: ColumnMapping;
  /** Analytics API calls made. */
  pages: number;
  /** Epoch ms when the first page was read. */
  readAt: number;
}

/**
 * Reads the institution's Analytics report of exported borrowing requests (`analytics.reportPath`)
 * through AlmaService (so under the Cloud App call limits): the first page by path with `limit`, then
 * the same ResumptionToken until IsFinished (documented paging; docs/contracts.md, "Alma Analytics
 * reports"). Columns are mapped from the first page's headings, else by `analytics.columnOrder`.
 * Rejects with AnalyticsReportError.
 */
@Injectable({ providedIn: 'root' })
export class AnalyticsReportService {
  constructor(private readonly alma: AlmaService) {}

  /** Every row of the report. */
  async read(
    config: InstitutionConfig,
    opts: { signal?: AbortSignal; limit?: number } = {},
  ): Promise<ReadReport> {
    const path = config.analytics.reportPath.trim();
    if (!path) throw new AnalyticsReportError({ kind: 'no-path' });
    const readAt = Date.now();
    let page = await this.page({ path, limit: opts.limit ?? ANALYTICS_PAGE_LIMIT });
    let pages = 1;
    const mapping = mapAnalyticsColumns(page, config.analytics.columnOrder);
    if (mapping.missing.length > 0)
      throw new AnalyticsReportError({ kind: 'missing-columns', missing: mapping.missing });
    const rows = reportRowsOf(page, mapping.columns);
    const token = page.resumptionToken;
    while (!page.isFinished) {
      if (!token)
        throw new AnalyticsReportError({
          kind: 'format',
          detail: 'the report is not finished but Alma gave no resumption token',
        });
      if (opts.signal?.aborted) throw new AnalyticsReportError({ kind: 'stopped' });
      page = await this.page({ token });
      pages++;
      rows.push(...reportRowsOf(page, mapping.columns));
    }
    return { rows, mapping, pages, readAt };
  }

  /**
   * The Test button of the config page: reads the first page (25 rows) and says which required
   * columns are missing. Rejects only when the report cannot be read at all.
   */
  async test(config: InstitutionConfig): Promise<{ mapping: ColumnMapping; rows: ReportRow[] }> {
    const path = config.analytics.reportPath.trim();
    if (!path) throw new AnalyticsReportError({ kind: 'no-path' });
    const page = await this.page({ path, limit: 25 });
    const mapping = mapAnalyticsColumns(page, config.analytics.columnOrder);
    return { mapping, rows: reportRowsOf(page, mapping.columns).slice(0, 5) };
  }

  private async page(
    which: { path: string; limit: number } | { token: string },
  ): Promise<AnalyticsPage> {
    let body: unknown;
    try {
      body = await firstValueFrom(this.alma.getAnalyticsPage(which));
    } catch (e) {
      throw new AnalyticsReportError({ kind: 'alma', problem: describeAlmaError(e) });
    }
    try {
      return parseAnalyticsPage(body);
    } catch (e) {
      throw new AnalyticsReportError({
        kind: 'format',
        detail: e instanceof AnalyticsFormatError ? e.message : String(e),
      });
    }
  }
}
