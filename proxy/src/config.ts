import { parseRsaPublicKeyPem } from './cloud-app-jwt.ts';
import type { Institution } from './institutions.ts';
import { validateInstitutions } from './institutions.ts';
import { parseOrigin } from './origins.ts';

/**
 * Everything the proxy needs to run, as a plain object.
 *
 * Build it with `loadConfigFromEnv(process.env)` or by hand (the simulator and
 * the end-to-end tests do). Optional fields get the defaults in `CONFIG_DEFAULTS`.
 */
export interface ProxyConfig {
  /** Interface to listen on, e.g. `127.0.0.1` or `0.0.0.0` in a container. */
  host: string;
  /** TCP port; 0 picks a free one. */
  port: number;
  /**
   * The Cloud App JWT issuer's RS256 public key as PEM text (Ex Libris ships it as a PEM file;
   * `PROXY_PUBLIC_KEY_FILE`). Give this or `jwksUrl`, not both.
   */
  publicKeyPem?: string;
  /** URL of the Cloud App JWT issuer's JSON Web Key Set (RS256 public keys). Give this or `publicKeyPem`. */
  jwksUrl?: string;
  /** Exact `iss` the Cloud App JWT must carry. Default `CONFIG_DEFAULTS.issuer` (Ex Libris's). */
  issuer?: string;
  /** Cloud App ids (GitHub `owner/repository`) accepted in `aud` as `ExlCloudApp:<app id>`, compared ignoring case. */
  allowedApps: string[];
  /** Also accept `aud` = `ExlCloudApp:!~<app id>` (the app served from a developer's machine). Default false. */
  allowLocalDev?: boolean;
  /** Upstream origins (`https://host[:port]`) that `X-Proxy-Host` may name. */
  allowedUpstreams: string[];
  /** Browser origins that get CORS headers; empty means none. */
  allowedOrigins: string[];
  /** OCLC credentials per Alma institution code (the JWT's `inst_code`). */
  institutions: Record<string, Institution>;
  /** OCLC OAuth 2 token endpoint (client credentials grant). */
  oauthTokenUrl: string;
  /** How long one upstream exchange (or token request) may take, in milliseconds. */
  upstreamTimeoutMs: number;
  /** Requests per minute allowed per institution (and, by default, per client IP). */
  rateLimitPerMinute: number;
  /** Requests per minute per client IP, counted before the JWT is checked. Default: `rateLimitPerMinute`. */
  ipRateLimitPerMinute?: number;
  /** A cached OCLC token is renewed this many milliseconds before it expires. Default 60 000. */
  tokenRefreshMarginMs?: number;
  /** Largest request body accepted, in bytes. Default 1 MiB. */
  bodyLimitBytes?: number;
  /** Trust `X-Forwarded-For` from a load balancer for the client IP. Default false. */
  trustProxy?: boolean;
  /** Accepted clock skew when checking the JWT's `exp`/`nbf`, in seconds. Default 30. */
  jwtClockToleranceSec?: number;
  /**
   * Folder of the SQLite store (`proxy.sqlite`), created when missing (PROXY_DATA_DIR). Empty or
   * absent, and no `databaseUrl`: a temporary folder deleted when the proxy closes (in-process use only).
   */
  dataDir?: string;
  /** `postgres://...`: keep the store in PostgreSQL instead of SQLite (PROXY_DATABASE_URL). Empty or absent: SQLite. */
  databaseUrl?: string;
  /** Largest ISO 18626 message the inbox accepts, in bytes (PROXY_INBOX_MAX_BYTES). Default 256 KiB; larger -> 413. */
  inboxMaxBytes?: number;
  /** How often a repeat of a running idempotent create checks whether the first has finished, in ms. Default 100. */
  idempotencyPollMs?: number;
}

/** A `ProxyConfig` whose optional fields are filled and whose lists are normalised. */
export type ResolvedProxyConfig = Required<ProxyConfig>;

/** Defaults for the fields that may be left out. */
export const CONFIG_DEFAULTS = {
  host: '127.0.0.1',
  port: 4303,
  /** The issuer of Cloud App tokens (docs/contracts.md, "Cloud App host and tokens"). */
  issuer: 'https://apps01.ext.exlibrisgroup.com/auth',
  allowLocalDev: false,
  oauthTokenUrl: 'https://oauth.oclc.org/token',
  upstreamTimeoutMs: 30_000,
  rateLimitPerMinute: 600,
  tokenRefreshMarginMs: 60_000,
  bodyLimitBytes: 1024 * 1024,
  trustProxy: false,
  jwtClockToleranceSec: 30,
  inboxMaxBytes: 256 * 1024,
  idempotencyPollMs: 100,
} as const;

/** Thrown when the configuration is missing or invalid; `message` lists every problem, one per line. */
export class ProxyConfigError extends Error {
  readonly problems: string[];

  constructor(problems: string[]) {
    super(`Invalid proxy configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ProxyConfigError';
    this.problems = problems;
  }
}

/**
 * Checks a configuration and fills its defaults.
 *
 * Upstream and CORS origins are normalised to `URL.origin` form (lower-case
 * host, no default port, no trailing slash).
 *
 * @throws ProxyConfigError listing every problem found (never a secret value).
 */
export function resolveConfig(config: ProxyConfig): ResolvedProxyConfig {
  const problems: string[] = [];

  const positiveInt = (name: string, value: number | undefined, fallback: number): number => {
    const v = value ?? fallback;
    if (!Number.isSafeInteger(v) || v <= 0)
      problems.push(`${name} must be a positive whole number (got ${String(value)})`);
    return v;
  };

  const port = config.port ?? CONFIG_DEFAULTS.port;
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    problems.push(`port must be 0..65535 (got ${String(config.port)})`);

  const jwksUrl = config.jwksUrl?.trim() ?? '';
  const publicKeyPem = config.publicKeyPem?.trim() ?? '';
  if (jwksUrl && publicKeyPem)
    problems.push(
      'give only one of publicKeyPem (PROXY_PUBLIC_KEY_FILE) and jwksUrl (PROXY_JWKS_URL)',
    );
  else if (!jwksUrl && !publicKeyPem)
    problems.push(
      'the Cloud App token key is required: publicKeyPem (PROXY_PUBLIC_KEY_FILE, a PEM file) or jwksUrl (PROXY_JWKS_URL)',
    );
  if (jwksUrl && !isHttpUrl(jwksUrl))
    problems.push(`jwksUrl must be an http(s) URL (got "${jwksUrl}")`);
  if (publicKeyPem) {
    try {
      parseRsaPublicKeyPem(publicKeyPem);
    } catch (e) {
      problems.push(`publicKeyPem (PROXY_PUBLIC_KEY_FILE) ${(e as Error).message}`);
    }
  }

  const issuer = config.issuer?.trim() || CONFIG_DEFAULTS.issuer;

  const allowedApps = (config.allowedApps ?? []).map((a) => a.trim()).filter(Boolean);
  if (allowedApps.length === 0)
    problems.push('allowedApps needs at least one Cloud App id (PROXY_ALLOWED_APPS)');

  const allowedUpstreams = normaliseOrigins(
    'allowedUpstreams (PROXY_ALLOWED_UPSTREAMS)',
    config.allowedUpstreams ?? [],
    problems,
  );
  if ((config.allowedUpstreams ?? []).length === 0)
    problems.push('allowedUpstreams needs at least one origin (PROXY_ALLOWED_UPSTREAMS)');
  const allowedOrigins = normaliseOrigins(
    'allowedOrigins (PROXY_ALLOWED_ORIGINS)',
    config.allowedOrigins ?? [],
    problems,
  );

  problems.push(...validateInstitutions(config.institutions));

  const oauthTokenUrl = config.oauthTokenUrl || CONFIG_DEFAULTS.oauthTokenUrl;
  if (!isHttpUrl(oauthTokenUrl))
    problems.push(`oauthTokenUrl must be an http(s) URL (got "${oauthTokenUrl}")`);

  const rateLimitPerMinute = positiveInt(
    'rateLimitPerMinute',
    config.rateLimitPerMinute,
    CONFIG_DEFAULTS.rateLimitPerMinute,
  );
  const resolved: ResolvedProxyConfig = {
    host: config.host || CONFIG_DEFAULTS.host,
    port,
    publicKeyPem,
    jwksUrl,
    issuer,
    allowedApps,
    allowLocalDev: config.allowLocalDev ?? CONFIG_DEFAULTS.allowLocalDev,
    allowedUpstreams,
    allowedOrigins,
    institutions: config.institutions,
    oauthTokenUrl,
    upstreamTimeoutMs: positiveInt(
      'upstreamTimeoutMs',
      config.upstreamTimeoutMs,
      CONFIG_DEFAULTS.upstreamTimeoutMs,
    ),
    rateLimitPerMinute,
    ipRateLimitPerMinute: positiveInt(
      'ipRateLimitPerMinute',
      config.ipRateLimitPerMinute,
      rateLimitPerMinute,
    ),
    tokenRefreshMarginMs: nonNegative(
      'tokenRefreshMarginMs',
      config.tokenRefreshMarginMs,
      CONFIG_DEFAULTS.tokenRefreshMarginMs,
      problems,
    ),
    bodyLimitBytes: positiveInt(
      'bodyLimitBytes',
      config.bodyLimitBytes,
      CONFIG_DEFAULTS.bodyLimitBytes,
    ),
    trustProxy: config.trustProxy ?? CONFIG_DEFAULTS.trustProxy,
    jwtClockToleranceSec: nonNegative(
      'jwtClockToleranceSec',
      config.jwtClockToleranceSec,
      CONFIG_DEFAULTS.jwtClockToleranceSec,
      problems,
    ),
    dataDir: config.dataDir?.trim() ?? '',
    databaseUrl: config.databaseUrl?.trim() ?? '',
    inboxMaxBytes: positiveInt(
      'inboxMaxBytes',
      config.inboxMaxBytes,
      CONFIG_DEFAULTS.inboxMaxBytes,
    ),
    idempotencyPollMs: positiveInt(
      'idempotencyPollMs',
      config.idempotencyPollMs,
      CONFIG_DEFAULTS.idempotencyPollMs,
    ),
  };
  if (resolved.databaseUrl && !/^postgres(ql)?:\/\//.test(resolved.databaseUrl)) {
    problems.push('databaseUrl must be a postgres:// or postgresql:// URL (PROXY_DATABASE_URL)');
  }
  if (problems.length > 0) throw new ProxyConfigError(problems);
  return resolved;
}

function nonNegative(
  name: string,
  value: number | undefined,
  fallback: number,
  problems: string[],
): number {
  const v = value ?? fallback;
  if (!Number.isFinite(v) || v < 0)
    problems.push(`${name} must be zero or more (got ${String(value)})`);
  return v;
}

function normaliseOrigins(label: string, list: string[], problems: string[]): string[] {
  const out: string[] = [];
  for (const raw of list) {
    const result = parseOrigin(raw);
    if (typeof result === 'string') problems.push(`${label}: ${result}`);
    else if (!out.includes(result.origin)) out.push(result.origin);
  }
  return out;
}

function isHttpUrl(value: string): boolean {
  try {
    const u = new URL(value);
    return u.protocol === 'https:' || u.protocol === 'http:';
  } catch {
    return false;
  }
}
