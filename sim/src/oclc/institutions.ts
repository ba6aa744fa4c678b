/**
 * One library known to the fake OCLC: its WSKey credentials and the OCLC identities a token is
 * bound to. `scopes` is the space-separated list of services granted to the WSKey (e.g.
 * `WorldShareILL`); a token request may ask for any subset of them.
 */
export interface OclcInstitution {
  /** Alma institution code; the proxy picks the institution by the Cloud App JWT's `inst_code`. */
  instCode: string;
  wskey: string;
  secret: string;
  /** OCLC registry id (WorldShare institution id), e.g. `128807`; the token's `context:`. */
  registryId: string;
  /** OCLC symbol, e.g. `OCPSB`. */
  symbol: string;
  scopes: string;
}

/**
 * Registry ids the fake accepts as lenders when the state names none
 * (`state.worldshare.knownSuppliers`). 148456, 116402 and 128807 appear in OCLC's published
 * samples; the rest are arbitrary so tests can name more than two lenders.
 */
export const DEFAULT_KNOWN_SUPPLIERS: readonly number[] = [
  148456, 116402, 128807, 100001, 100002, 100003,
];
