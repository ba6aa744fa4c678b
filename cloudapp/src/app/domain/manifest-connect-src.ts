// Generated from manifest.json (contentSecurity.connectSrc) by tools/gen-connect-src.mjs. Do not edit:
// change the manifest; the build regenerates this file.

/** The sources Alma adds to the app's Content-Security-Policy connect-src (docs/contracts.md, "Alma's sandboxed iframe and connect-src"). */
export const MANIFEST_CONNECT_SRC: readonly string[] = [
  "https://api-na.exldevnetwork.net",
  "https://api-eu.exldevnetwork.net",
  "https://api-ap.exldevnetwork.net",
  "https://worldshare-bridge-proxy.example.org",
];
