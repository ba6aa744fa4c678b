import type { FastifyRequest } from 'fastify';
import { ALMA_CODES, AlmaApiError } from './errors.js';

/** The query string of a call as a flat map (the last value wins for a repeated name). */
export function queryOf(req: FastifyRequest): Record<string, string> {
  const q: Record<string, string> = {};
  const i = req.url.indexOf('?');
  if (i >= 0) for (const [k, v] of new URLSearchParams(req.url.slice(i + 1))) q[k] = v;
  return q;
}

/** A path parameter, decoded by Fastify. */
export function param(req: FastifyRequest, name: string): string {
  return String((req.params as Record<string, string>)[name] ?? '');
}

/** Invalid-parameter error in Alma's words (code 40166426, "Parameter value is invalid (with error message)"). */
export function invalidParam(name: string, why: string): AlmaApiError {
  return new AlmaApiError(
    400,
    ALMA_CODES.PARAMETER_INVALID,
    `Parameter value is invalid: ${name} (${why}).`,
  );
}

/**
 * Reads an Alma boolean query parameter ("true"/"false", any case). Absent or empty gives `fallback`;
 * anything else is refused with 400, so a typo never silently falls back to Alma's default.
 */
export function booleanParam(
  query: Record<string, string>,
  name: string,
  fallback: boolean,
): boolean {
  const raw = query[name];
  if (raw === undefined || raw === '') return fallback;
  const v = raw.toLowerCase();
  if (v === 'true') return true;
  if (v === 'false') return false;
  throw invalidParam(name, `"${raw}" is not true or false`);
}

/** Reads a non-negative integer query parameter within [min, max]; absent gives `fallback`. */
export function integerParam(
  query: Record<string, string>,
  name: string,
  fallback: number,
  min: number,
  max: number,
): number {
  const raw = query[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw)) throw invalidParam(name, `"${raw}" is not a whole number`);
  const n = Number(raw);
  if (n < min || n > max) throw invalidParam(name, `must be between ${min} and ${max}`);
  return n;
}

/** Today's date as Alma writes `xs:date` values in JSON ("2026-11-30Z"). */
export function almaToday(now: Date = new Date()): string {
  return `${now.toISOString().slice(0, 10)}Z`;
}
