import { fieldPath } from './ill-request-schema.js';

/**
 * Field names that identify a patron. OCLC's schema has a whole `patron` block (contracts/oclc-ill/
 * swagger.json, `Patron`: name, ppid, userId, email, ...); the library's procedure forbids sending any
 * of it, so the fake treats the block, or any field named like it anywhere in the body, as a violation.
 */
const PATRON_KEY = /patron|^ppid$|^user_?id$/i;

/**
 * Finds patron data in a create body. Returns the paths (inside `illRequest`, e.g. `patron`,
 * `requester.patronName`) of every patron-like field, empty when there is none. Values are not
 * inspected: a name typed into a note cannot be told from a title, so only field names count.
 */
export function findPatronData(body: unknown): string[] {
  const found: string[] = [];
  const walk = (node: unknown, path: string[]) => {
    if (Array.isArray(node)) node.forEach((v, i) => walk(v, [...path, String(i)]));
    else if (node && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if (PATRON_KEY.test(key)) found.push(fieldPath([...path, key]));
        else walk(value, [...path, key]);
      }
    }
  };
  walk(body, []);
  return found;
}
