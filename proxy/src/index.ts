// Public API of the proxy package, imported in-process by the simulator and the end-to-end tests.
export type { ProxyConfig, ResolvedProxyConfig } from './config.ts';
export { CONFIG_DEFAULTS, ProxyConfigError, resolveConfig } from './config.ts';
export { loadConfigFromEnv, PROXY_ENV_VARS } from './config-env.ts';
export type { Institution } from './institutions.ts';
export { parseInstitutionsJson } from './institutions.ts';
export type { ProxyServerOptions } from './server.ts';
export { createProxyServer, FORWARDED_METHODS } from './server.ts';
export type { RunningProxy } from './start.ts';
export { startProxy } from './start.ts';
export type { CloudAppIdentity } from './cloud-app-jwt.ts';
export { CLOUD_APP_AUDIENCE_PREFIX } from './cloud-app-jwt.ts';
export type { ProxyErrorBody } from './errors.ts';
export { createLambdaHandler } from './lambda.ts';
