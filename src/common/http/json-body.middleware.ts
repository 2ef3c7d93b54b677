import type { IncomingMessage, ServerResponse } from 'node:http';
import { Injectable, NestMiddleware } from '@nestjs/common';
import { transportErrorOf } from '../errors/transport-error';
import { JSON_BODY_LIMIT, jsonBodyParser, mayHaveBody, runExpressMiddleware } from './json-body';
import { isJsonContentType, requireJsonBody } from './require-json-body';

/**
 * The body of an admin, internal or health request: JSON only, up to 1 MB. What goes wrong reading it is
 * answered in the one JSON error shape, by the global filter.
 */
@Injectable()
export class JsonBodyMiddleware implements NestMiddleware {
  private readonly parse = jsonBodyParser(JSON_BODY_LIMIT, (request) => isJsonContentType(request.headers['content-type']));

  async use(request: IncomingMessage, response: ServerResponse, next: () => void): Promise<void> {
    if (!mayHaveBody(request)) return next();
    try {
      await runExpressMiddleware(this.parse, request, response);
      await runExpressMiddleware(requireJsonBody, request, response);
    } catch (error) {
      throw transportErrorOf(error) ?? error;
    }
    next();
  }
}
