import { AnalyticsReportProblem } from '../core/analytics-report.service';

/** Why the Analytics report could not be used: a code with text under `analytics.problem.<code>`, and its parameters. */
export type AnalyticsProblemCode =
  | 'no-path'
  | 'missing-columns'
  | 'format'
  | 'stopped'
  | 'not-found'
  | 'unauthorized'
  | 'alma';

export interface AnalyticsProblemText {
  code: AnalyticsProblemCode;
  params: Record<string, string>;
}

/** Why the Analytics report could not be used, in staff words. */
export function analyticsProblemText(p: AnalyticsReportProblem): AnalyticsProblemText {
  switch (p.kind) {
    case 'no-path':
      return { code: 'no-path', params: {} };
    case 'missing-columns':
      return { code: 'missing-columns', params: { fields: p.missing.join(', ') } };
    case 'format':
      return { code: 'format', params: { detail: p.detail } };
    case 'stopped':
      return { code: 'stopped', params: {} };
    case 'alma': {
      const detail = p.problem.almaMessage ?? `HTTP ${p.problem.status}`;
      if (p.problem.status === 400 && /path not found/i.test(p.problem.almaMessage ?? ''))
        return { code: 'not-found', params: { detail } };
      if (p.problem.kind === 'unauthorized') return { code: 'unauthorized', params: { detail } };
      return { code: 'alma', params: { detail } };
    }
  }
}
