import { readFileSync } from 'node:fs';
import type { ProxyConfig, ResolvedProxyConfig } from './config.ts';
import { CONFIG_DEFAULTS, ProxyConfigError, resolveConfig } from './config.ts';
import type { Institution } from './institutions.ts';
import { parseInstitutionsJson } from './institutions.ts';

/** Environment variables read by `loadConfigFromEnv`, documented in proxy/README.md. */
export const PROXY_ENV_VARS = [
  'PROXY_PORT',
  'PROXY_HOST',
  'PROXY_PUBLIC_KEY_FILE',
  'PROXY_JWKS_URL',
  'PROXY_ISSUER',
  'PROXY_ALLOWED_APPS',
  'PROXY_ALLOW_LOCAL_DEV',
  'PROXY_ALLOWED_UPSTREAMS',
  'PROXY_ALLOWED_ORIGINS',
  'PROXY_INSTITUTIONS_FILE',
  'PROXY_INSTITUTIONS_JSON',
  'PROXY_OAUTH_TOKEN_URL',
  'PROXY_UPSTREAM_TIMEOUT_MS',
  'PROXY_RATE_LIMIT_PER_MINUTE',
  'PROXY_IP_RATE_LIMIT_PER_MINUTE',
  'PROXY_TRUST_PROXY',
  'PROXY_DATA_DIR',
  'PROXY_DATABASE_URL',
  'PROXY_INBOX_MAX_BYTES',
] as const;

/** Folder of the SQLite store when PROXY_DATA_DIR is not set (relative to the working directory). */
export const DEFAULT_DATA_DIR = 'data';

/**
 * Reads the proxy configuration from environment variables.
 *
 * Lists are comma-separated; numbers are whole numbers. Institutions come from
 * the JSON file named by `PROXY_INSTITUTIONS_FILE`, or (for serverless
 * deployments that inject secrets as variables) from `PROXY_INSTITUTIONS_JSON`.
 *
 * @param env usually `process.env`.
 * @returns a validated configuration with defaults filled in.
 * @throws ProxyConfigError whose message lists every missing or invalid variable.
 */
export function loadConfigFromEnv(env: Record<string, string | undefined>): ResolvedProxyConfig {
  const problems: string[] = [];
  const get = (name: string): string | undefined => {
    const v = env[name];
    return v === undefined || v.trim() === '' ? undefined : v.trim();
  };
  const int = (name: string, fallback: number | undefined, min: number): number | undefined => {
    const v = get(name);
    if (v === undefined) return fallback;
    if (!/^\d+$/.test(v) || Number(v) < min) {
      problems.push(`${name} must be a whole number of at least ${min} (got "${v}")`);
      return fallback;
    }
    return Number(v);
  };
  const list = (name: string): string[] =>
    (get(name) ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);

  const flag = (name: string): boolean => {
    const v = get(name);
    if (v === undefined || /^(false|0|no)$/i.test(v)) return false;
    if (/^(true|1|yes)$/i.test(v)) return true;
    problems.push(`${name} must be true or false (got "${v}")`);
    return false;
  };
  const trustProxy = flag('PROXY_TRUST_PROXY');
  const allowLocalDev = flag('PROXY_ALLOW_LOCAL_DEV');

  const institutions = readInstitutions(
    get('PROXY_INSTITUTIONS_FILE'),
    get('PROXY_INSTITUTIONS_JSON'),
  );
  if (Array.isArray(institutions)) problems.push(...institutions);

  const jwksUrl = get('PROXY_JWKS_URL');
  const keyFile = get('PROXY_PUBLIC_KEY_FILE');
  let publicKeyPem: string | undefined;
  if (keyFile && jwksUrl) problems.push('set only one of PROXY_PUBLIC_KEY_FILE and PROXY_JWKS_URL');
  else if (!keyFile && !jwksUrl) {
    problems.push(
      "PROXY_PUBLIC_KEY_FILE (the Cloud App token issuer's public key, a PEM file) or PROXY_JWKS_URL (its JWKS) is required",
    );
  } else if (keyFile) {
    try {
      publicKeyPem = readFileSync(keyFile, 'utf8');
    } catch (e) {
      problems.push(
        `PROXY_PUBLIC_KEY_FILE "${keyFile}" cannot be read (${(e as NodeJS.ErrnoException).code ?? 'read error'})`,
      );
    }
  }
  const allowedApps = list('PROXY_ALLOWED_APPS');
  if (allowedApps.length === 0)
    problems.push(
      'PROXY_ALLOWED_APPS is required: comma-separated Cloud App ids (GitHub owner/repository) accepted in "aud"',
    );
  const allowedUpstreams = list('PROXY_ALLOWED_UPSTREAMS');
  if (allowedUpstreams.length === 0) {
    problems.push(
      'PROXY_ALLOWED_UPSTREAMS is required: comma-separated origins, e.g. https://oauth.oclc.org,https://128807.share.worldcat.org',
    );
  }

  const config: ProxyConfig = {
    host: get('PROXY_HOST') ?? CONFIG_DEFAULTS.host,
    port: int('PROXY_PORT', CONFIG_DEFAULTS.port, 0) as number,
    publicKeyPem,
    jwksUrl,
    issuer: get('PROXY_ISSUER') ?? CONFIG_DEFAULTS.issuer,
    allowedApps,
    allowLocalDev,
    allowedUpstreams,
    allowedOrigins: list('PROXY_ALLOWED_ORIGINS'),
    institutions: Array.isArray(institutions) ? {} : institutions,
    oauthTokenUrl: get('PROXY_OAUTH_TOKEN_URL') ?? CONFIG_DEFAULTS.oauthTokenUrl,
    upstreamTimeoutMs: int(
      'PROXY_UPSTREAM_TIMEOUT_MS',
      CONFIG_DEFAULTS.upstreamTimeoutMs,
      1,
    ) as number,
    rateLimitPerMinute: int(
      'PROXY_RATE_LIMIT_PER_MINUTE',
      CONFIG_DEFAULTS.rateLimitPerMinute,
      1,
    ) as number,
    ipRateLimitPerMinute: int('PROXY_IP_RATE_LIMIT_PER_MINUTE', undefined, 1),
    trustProxy,
    // From the environment the store is always durable: a folder, or PostgreSQL.
    dataDir: get('PROXY_DATA_DIR') ?? DEFAULT_DATA_DIR,
    databaseUrl: get('PROXY_DATABASE_URL'),
    inboxMaxBytes: int('PROXY_INBOX_MAX_BYTES', CONFIG_DEFAULTS.inboxMaxBytes, 1024),
  };
  if (config.port > 65535)
    problems.push(`PROXY_PORT must be 0..65535 (got "${get('PROXY_PORT')}")`);
  if (problems.length > 0) throw new ProxyConfigError(problems);
  return resolveConfig(config);
}

function readInstitutions(
  file: string | undefined,
  inline: string | undefined,
): Record<string, Institution> | string[] {
  if (file && inline)
    return ['set only one of PROXY_INSTITUTIONS_FILE and PROXY_INSTITUTIONS_JSON'];
  if (inline) return parseInstitutionsJson(inline, 'PROXY_INSTITUTIONS_JSON');
  if (!file) {
    return [
      'PROXY_INSTITUTIONS_FILE is required: a JSON file keyed by inst_code with wskey, secret, registryId and scopes',
    ];
  }
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? 'read error';
    return [`PROXY_INSTITUTIONS_FILE "${file}" cannot be read (${code})`];
  }
  return parseInstitutionsJson(text, `PROXY_INSTITUTIONS_FILE "${file}"`);
}
