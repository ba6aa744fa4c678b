/**
 * Values that must never be written anywhere: WSKey secrets, their Basic
 * credentials, and the OCLC access tokens currently held.
 *
 * The proxy never logs headers or tokens in the first place; this registry is
 * the second line of defence, applied to every log line just before it is
 * written (see `logging.ts`).
 */
export class SecretRegistry {
  private readonly values = new Set<string>();

  /** Remembers a value to scrub; values shorter than 6 characters are ignored to avoid mangling ordinary text. */
  add(value: string | undefined): void {
    if (value && value.length >= 6) this.values.add(value);
  }

  /** Forgets a value (e.g. an OCLC token that has been replaced). */
  delete(value: string | undefined): void {
    if (value) this.values.delete(value);
  }

  /** Returns `text` with every registered value replaced by `[redacted]`. */
  scrub(text: string): string {
    let out = text;
    for (const v of this.values) {
      if (out.includes(v)) out = out.split(v).join('[redacted]');
    }
    return out;
  }
}
