import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
// nestjs-pino's request scope: its Logger and PinoLogger log through the logger found here.
import { storage as requestLoggerScope, Store } from 'nestjs-pino/storage';
import type { HeaderWriter } from './precomputed-headers';
import { collapseRepeatedSlashes } from './repeated-slashes';
import { REQUEST_ID_HEADER, requestIdFor } from './request-id';

type Middleware = (request: IncomingMessage, response: ServerResponse, next: () => void) => void;

interface LoggedRequest {
  id: string;
  method: string | undefined;
  url: string;
}

/**
 * What every request needs before routing, in one Express layer instead of one per concern (each layer is a router
 * step on every request): its id (X-Request-Id), the path with repeated slashes collapsed (so that routing and every
 * log see it), the security headers, its line in the request log, and the logger its own log lines go through.
 *
 * The request's logger (carrying `req` like the request line) is only made when something logs during the request,
 * and the request line is only watched for when the level writes it.
 */
export function requestEntry(logger: Logger, securityHeaders: HeaderWriter): Middleware {
  const requests = logger.child({ context: 'HTTP' });
  return (request, response, next) => {
    const id = requestIdFor(request);
    (request as IncomingMessage & { id: string }).id = id;
    const url = collapseRepeatedSlashes(request.url ?? '/');
    if (url !== request.url) {
      request.url = url;
      (request as IncomingMessage & { originalUrl?: string }).originalUrl = url;
    }
    response.setHeader(REQUEST_ID_HEADER, id);
    securityHeaders(response);
    // What the log shows of the request, worked out (the query's credentials redacted) only when a line is written.
    let logged: LoggedRequest | undefined;
    const describe = () => (logged ??= { id, method: request.method, url: withoutQueryCredentials(url) });
    if (requests.isLevelEnabled('info')) logWhenDone(requests, describe, response);
    requestLoggerScope.run(lazyRequestLogger(requests, describe), next);
  };
}

/** One line per request when its response is done: completed, errored (5xx) or aborted by the client. */
function logWhenDone(requests: Logger, describe: () => LoggedRequest, response: ServerResponse): void {
  const started = Date.now();
  response.once('close', () => {
    const line = { req: describe(), res: { statusCode: response.statusCode }, responseTime: Date.now() - started };
    if (!response.writableFinished) requests.info(line, 'request aborted');
    else if (response.statusCode >= 500) requests.info(line, 'request errored');
    else requests.info(line, 'request completed');
  });
}

/** The scope's logger, made (and kept) at its first use; PinoLogger.assign replaces it with a child. */
function lazyRequestLogger(requests: Logger, describe: () => LoggedRequest): Store {
  let made: Logger | undefined;
  return {
    get logger() {
      return (made ??= requests.child({ req: describe() }));
    },
    set logger(replacement: Logger) {
      made = replacement;
    },
    responseLogger: undefined,
  };
}

/** A token put in the query string (`?access_token=`) is refused, but must not reach the log either. */
function withoutQueryCredentials(url: string): string {
  return url.replace(/([?&](?:access_token|token|api_key)=)[^&]*/gi, '$1[redacted]');
}
