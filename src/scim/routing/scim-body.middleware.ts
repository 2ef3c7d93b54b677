import type { IncomingMessage, ServerResponse } from 'node:http';
import { Injectable, NestMiddleware, UseFilters } from '@nestjs/common';
import { JSON_BODY_LIMIT, jsonBodyParser, mayHaveBody, runExpressMiddleware } from '../../common/http/json-body';
import { ScimExceptionFilter } from '../scim-exception.filter';

/**
 * SCIM clients send application/scim+json, application/json, or sometimes nothing useful: any body is read as
 * JSON. What goes wrong reading it is answered with a SCIM error.
 */
@Injectable()
@UseFilters(new ScimExceptionFilter())
export class ScimBodyMiddleware implements NestMiddleware {
  private readonly parse = jsonBodyParser(JSON_BODY_LIMIT, () => true);

  async use(request: IncomingMessage, response: ServerResponse, next: () => void): Promise<void> {
    if (mayHaveBody(request)) await runExpressMiddleware(this.parse, request, response);
    next();
  }
}
