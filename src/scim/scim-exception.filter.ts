import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { requestIdOf } from '../common/http/request-id';
import { knownScimError } from './known-scim-error';
import { SCIM_CONTENT_TYPE } from './scim.constants';
import { ScimError } from './scim.error';

/** Every error on a SCIM route becomes an RFC 7644 §3.12 error body; identity providers parse nothing else. */
@Catch()
export class ScimExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger(ScimExceptionFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const context = host.switchToHttp();
    const request = context.getRequest<Request>();
    const response = context.getResponse<Response>();
    if (response.headersSent) return;

    const error = knownScimError(exception) ?? this.unexpected(exception, request);
    if (error.status === 401) response.setHeader('WWW-Authenticate', 'Bearer realm="SCIM"');
    response.status(error.status).type(SCIM_CONTENT_TYPE).send(JSON.stringify(error.toBody()));
  }

  private unexpected(exception: unknown, request: Request): ScimError {
    const correlationId = requestIdOf(request) ?? '';
    this.logger.error({ err: exception, correlationId }, 'Unhandled error on a SCIM route');
    return new ScimError(500, `Internal server error (correlation id ${correlationId})`);
  }
}
