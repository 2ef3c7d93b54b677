import type { IncomingMessage, ServerResponse } from 'node:http';
import { Injectable, NestMiddleware, UseFilters } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { jsonBodyParser, runExpressMiddleware } from '../../common/http/json-body';
import { AppConfiguration } from '../../config/configuration';
import { ScimExceptionFilter } from '../scim-exception.filter';

/**
 * A Bulk request carries many resources: read with the maxPayloadSize ServiceProviderConfig publishes, before
 * ScimBodyMiddleware (which then finds the body read).
 */
@Injectable()
@UseFilters(new ScimExceptionFilter())
export class ScimBulkBodyMiddleware implements NestMiddleware {
  private readonly parse: ReturnType<typeof jsonBodyParser>;

  constructor(config: ConfigService<AppConfiguration, true>) {
    this.parse = jsonBodyParser(config.get('scim', { infer: true }).bulk.maxPayloadSize, () => true);
  }

  async use(request: IncomingMessage, response: ServerResponse, next: () => void): Promise<void> {
    await runExpressMiddleware(this.parse, request, response);
    next();
  }
}
