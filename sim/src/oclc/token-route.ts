import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { FakeOclcContext } from './context.js';
import { tokenExpiresAt } from './dates.js';
import { basicCredentials } from './basic-auth.js';
import type { OclcInstitution } from './institutions.js';

/** An OAuth 2 error answer (RFC 6749 section 5.2). */
interface OAuthError {
  error: 'invalid_client' | 'invalid_request' | 'unsupported_grant_type' | 'invalid_scope';
  error_description: string;
}

/**
 * Registers `POST /token`, OCLC's OAuth 2 client-credentials grant (docs/contracts.md, "OCLC OAuth 2 (WSKey)"):
 * `?grant_type=client_credentials&scope=<scopes> context:<registryId>` with HTTP Basic `wskey:secret`.
 * The parameters may also come as an `application/x-www-form-urlencoded` body (RFC 6749 style).
 *
 * Answers (status, body):
 * - 401 `invalid_client`: Basic credentials missing, malformed, unknown WSKey or wrong secret;
 * - 400 `unsupported_grant_type`: any grant but `client_credentials` (refresh tokens are not offered);
 * - 400 `invalid_scope`: no service scope, a scope not granted to the WSKey, no `context:`, or a
 *   context registry id other than the institution's;
 * - 200: the shape of contracts/oclc-ill/access_token.json with `expires_in` as a string (as OCLC
 *   sends it) and `contextInstitutionId` = registry id; no refresh token.
 * The call log (`state.worldshare.tokenRequests`) is written by the server's hooks (call-log.ts).
 */
export function registerTokenRoute(app: FastifyInstance, ctx: FakeOclcContext): void {
  app.post('/token', async (req, reply) => {
    const params = tokenParams(req);
    const credentials = basicCredentials(req.headers.authorization);
    const answer = (status: number, body: unknown) =>
      reply.code(status).header('Cache-Control', 'no-store').send(body);

    const institution =
      credentials && findInstitution(ctx.institutions, credentials.wskey, credentials.secret);
    if (!institution) {
      reply.header('WWW-Authenticate', 'Basic realm="OCLC"');
      return answer(
        401,
        oauthError(
          'invalid_client',
          credentials ? 'WSKey or secret is not valid' : 'HTTP Basic credentials are required',
        ),
      );
    }
    if (params.get('grant_type') !== 'client_credentials') {
      return answer(
        400,
        oauthError('unsupported_grant_type', 'only grant_type=client_credentials is supported'),
      );
    }
    const scope = checkScope(params.get('scope') ?? '', institution);
    if (typeof scope === 'string') return answer(400, oauthError('invalid_scope', scope));

    const grant = ctx.tokens.issue(institution, scope, ctx.tokenLifetimeSec);
    return answer(200, {
      access_token: grant.accessToken,
      token_type: 'bearer',
      expires_in: String(ctx.tokenLifetimeSec),
      contextInstitutionId: institution.registryId,
      expires_at: tokenExpiresAt(grant.expiresAt),
    });
  });
}

function oauthError(error: OAuthError['error'], description: string): OAuthError {
  return { error, error_description: description };
}

/** Query parameters, overlaid by form-body parameters when the client sent a form. */
function tokenParams(req: FastifyRequest): URLSearchParams {
  const params = new URLSearchParams(
    req.url.includes('?') ? req.url.slice(req.url.indexOf('?') + 1) : '',
  );
  if (typeof req.body === 'string')
    for (const [k, v] of new URLSearchParams(req.body)) params.set(k, v);
  return params;
}

function findInstitution(
  institutions: OclcInstitution[],
  wskey: string,
  secret: string,
): OclcInstitution | undefined {
  const institution = institutions.find((i) => i.wskey === wskey);
  if (!institution) return undefined;
  const given = Buffer.from(secret);
  const expected = Buffer.from(institution.secret);
  return given.length === expected.length && timingSafeEqual(given, expected)
    ? institution
    : undefined;
}

/** The granted service scopes, or a description of why the requested scope is refused. */
function checkScope(scope: string, institution: OclcInstitution): string[] | string {
  const granted = new Set(institution.scopes.split(/\s+/).filter(Boolean));
  const services: string[] = [];
  const contexts: string[] = [];
  for (const part of scope.split(/\s+/).filter(Boolean)) {
    if (part.startsWith('context:')) contexts.push(part.slice('context:'.length));
    else services.push(part);
  }
  if (services.length === 0) return 'no service scope requested';
  const refused = services.filter((s) => !granted.has(s));
  if (refused.length > 0) return `scope not granted to this WSKey: ${refused.join(' ')}`;
  if (contexts.length !== 1) return 'exactly one context:<registryId> is required';
  if (contexts[0] !== institution.registryId)
    return `context ${contexts[0]} is not this WSKey's institution`;
  return services;
}
