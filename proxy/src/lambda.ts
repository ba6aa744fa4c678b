import awsLambdaFastify from '@fastify/aws-lambda';
import type { ProxyConfig } from './config.ts';
import { loadConfigFromEnv } from './config-env.ts';
import type { ProxyServerOptions } from './server.ts';
import { createProxyServer } from './server.ts';

/** An AWS Lambda handler for API Gateway (REST or HTTP API) and ALB events. */
export type LambdaHandler = (event: unknown, context: unknown) => Promise<unknown>;

/**
 * Wraps the proxy for AWS Lambda-style events with `@fastify/aws-lambda`
 * (each event becomes a `fastify.inject` call; the instance and its token
 * cache are reused while the function stays warm).
 *
 * @param config the configuration; by default read from the environment on the first event.
 */
export function createLambdaHandler(
  config?: ProxyConfig,
  opts: ProxyServerOptions = { logger: true },
): LambdaHandler {
  let ready: Promise<LambdaHandler> | undefined;
  const build = async (): Promise<LambdaHandler> => {
    const app = await createProxyServer(config ?? loadConfigFromEnv(process.env), opts);
    // Comma-separated query values stay one value: they are forwarded upstream as sent.
    const proxy = awsLambdaFastify(app, {
      binaryMimeTypes: ['application/octet-stream', 'application/pdf', 'image/*'],
      parseCommaSeparatedQueryParams: false,
    });
    await app.ready();
    return proxy as LambdaHandler;
  };
  return async (event, context) => {
    ready ??= build().catch((e: unknown) => {
      ready = undefined;
      throw e;
    });
    return (await ready)(event, context);
  };
}

/** Lambda entry point: set the function's handler to `src/lambda.handler` (configuration from environment variables). */
export const handler: LambdaHandler = createLambdaHandler();
