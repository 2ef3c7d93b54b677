import pino, { DestinationStream, LevelWithSilent, Logger } from 'pino';
import { HttpLogger, pinoHttp } from 'pino-http';

export interface HttpLogging {
  logger: Logger;
  /** Applied before anything else, so that requests refused while their body is read get their log line too. */
  middleware: HttpLogger;
}

/**
 * Standard output, written asynchronously: lines logged while a write is under way leave together in the next one,
 * so that a busy service does not pay a system call per request line. What is pending is flushed when the process
 * exits (pino registers that).
 */
export function standardOutput(): DestinationStream {
  return pino.destination({ dest: 1, sync: false });
}

/** JSON lines (pino); one line per request with the id that assignRequestId gave it (X-Request-Id). */
export function createHttpLogging(level: LevelWithSilent, destination: DestinationStream): HttpLogging {
  const logger = pino({ level, redact: { paths: ['req.headers.authorization', 'req.headers.cookie'], censor: '[redacted]' } }, destination);
  const middleware = pinoHttp({
    // The context rides on the logger the requests' loggers derive from, rather than in pino-http's customProps,
    // which would make and serialise one more child logger per request for the same output.
    logger: logger.child<never>({ context: 'HTTP' }),
    // Keep request logs small: the line per request is on every SCIM call's path.
    serializers: {
      req: (request: { id: string; method: string; url: string }) => ({
        id: request.id,
        method: request.method,
        url: withoutQueryCredentials(request.url),
      }),
      res: (response: { statusCode: number }) => ({ statusCode: response.statusCode }),
    },
  });
  return { logger, middleware };
}

/** A token put in the query string (`?access_token=`) is refused, but must not reach the log either. */
function withoutQueryCredentials(url: string): string {
  return url.replace(/([?&](?:access_token|token|api_key)=)[^&]*/gi, '$1[redacted]');
}
