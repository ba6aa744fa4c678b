/**
 * The fake OCLC of the simulator: OAuth 2 client credentials, the WorldShare ILL Request API and an
 * ISO 18626 lender, checked against the artifacts OCLC published (contracts/oclc-ill, contracts/iso18626).
 * It shares no code with the app: a double that reused the code under test would prove nothing.
 */
export type { OclcInstitution } from './institutions.js';
export { DEFAULT_KNOWN_SUPPLIERS } from './institutions.js';
export { startFakeOclc, type FakeOclc, type FakeOclcOptions } from './server.js';
export { ISO18626_PATH } from './iso18626-route.js';
