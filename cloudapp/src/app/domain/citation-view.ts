import { AlmaBorrowingRequest } from './alma-request';

/** What a card shows of a citation, in reading order; all values are plain text. */
export interface CitationView {
  /** The article or chapter title for copies, else the book title. */
  title: string;
  /** The journal or book the article or chapter is in, when there is one. */
  container: string | null;
  author: string | null;
  /** Alma's format (`PHYSICAL`/`DIGITAL`) description, e.g. "Physical". */
  format: string | null;
  /** Alma's citation type description, e.g. "Book" or "Article". */
  citationType: string | null;
  status: string;
  statusCode: string | null;
  partner: string | null;
  /** `last_interest_date` as a calendar date (YYYY-MM-DD). */
  neededBy: string | null;
  /** The partner's request id (`external_id`): WorldShare's id once exported. */
  externalId: string | null;
}

const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v.trim() : null);

/** Reads the parts of an Alma borrowing request a card shows (fields: Alma users API, documented). */
export function citationView(r: AlmaBorrowingRequest): CitationView {
  const chapter = text(r.chapter_title);
  const isArticle = r.citation_type?.value === 'CR';
  const title =
    (isArticle ? text(r.title) : (chapter ?? text(r.title))) ?? text(r.journal_title) ?? '';
  const container = isArticle ? text(r.journal_title) : chapter ? text(r.title) : null;
  return {
    title,
    container: container && container !== title ? container : null,
    author: (chapter ? text(r.chapter_author) : null) ?? text(r.author),
    format: text(r.format?.desc) ?? text(r.format?.value),
    citationType: text(r.citation_type?.desc) ?? text(r.citation_type?.value),
    status: text(r.status?.desc) ?? text(r.status?.value) ?? '',
    statusCode: text(r.status?.value),
    partner: text(r.partner?.desc) ?? text(r.partner?.value),
    neededBy: text(r.last_interest_date)?.replace(/Z$/, '').slice(0, 10) ?? null,
    externalId:
      r.external_id != null && String(r.external_id).trim() ? String(r.external_id).trim() : null,
  };
}
