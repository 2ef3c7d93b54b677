import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ApiException } from '../common/errors/api.exception';
import { DomainErrorCode, DomainException, httpStatusOf } from '../common/errors/domain.exception';
import { isDataException } from '../database/postgres-errors';
import { SCIM_CONTENT_TYPE } from './scim.constants';
import { ScimError, ScimErrorType } from './scim.error';

/** Every error on a SCIM route becomes an RFC 7644 §3.12 error body; identity providers parse nothing else. */
@Catch()
export class ScimExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger(ScimExceptionFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const context = host.switchToHttp();
    const request = context.getRequest<Request>();
    const response = context.getResponse<Response>();
    if (response.headersSent) return;

    const error = this.toScimError(exception, request);
    if (error.status === 401) response.setHeader('WWW-Authenticate', 'Bearer realm="SCIM"');
    response.status(error.status).type(SCIM_CONTENT_TYPE).send(JSON.stringify(error.toBody()));
  }

  private toScimError(exception: unknown, request: Request): ScimError {
    if (exception instanceof ScimError) return exception;
    if (exception instanceof DomainException) return fromDomainException(exception);
    if (exception instanceof HttpException) return fromHttpException(exception);
    if (isDataException(exception)) {
      return ScimError.badRequest(ScimErrorType.InvalidValue, `A value was rejected by the database: ${exception.message}`);
    }
    const status = httpErrorStatus(exception);
    if (status) return new ScimError(status, messageOf(exception), status === 400 ? ScimErrorType.InvalidSyntax : undefined);
    const correlationId = String(request.id ?? '');
    this.logger.error({ err: exception, correlationId }, 'Unhandled error on a SCIM route');
    return new ScimError(500, `Internal server error (correlation id ${correlationId})`);
  }
}

function fromDomainException(exception: DomainException): ScimError {
  return new ScimError(httpStatusOf(exception.code), exception.message, scimTypeOf(exception.code));
}

function scimTypeOf(code: DomainErrorCode): ScimErrorType | undefined {
  switch (code) {
    case DomainErrorCode.AlreadyExists:
      return ScimErrorType.Uniqueness;
    case DomainErrorCode.InvalidInput:
      return ScimErrorType.InvalidValue;
    case DomainErrorCode.NotFound:
    case DomainErrorCode.InvalidStateTransition:
    case DomainErrorCode.Forbidden:
    case DomainErrorCode.PreconditionFailed:
      return undefined;
  }
}

function fromHttpException(exception: HttpException): ScimError {
  const status = exception.getStatus();
  switch (status) {
    case 401:
      // The token strategy says why it refused; identity providers show the detail in their logs.
      return new ScimError(
        401,
        exception instanceof ApiException ? exception.message : 'A valid provisioning token is required: Authorization: Bearer <token>',
      );
    case 404:
      return ScimError.notFound('Resource not found');
    case 400:
      return ScimError.badRequest(ScimErrorType.InvalidSyntax, messageOf(exception));
    default:
      return new ScimError(status, messageOf(exception));
  }
}

/** Errors raised before routing (body parser) carry their status on the error object. */
function httpErrorStatus(exception: unknown): number | undefined {
  const status = (exception as { status?: unknown; statusCode?: unknown } | null)?.status;
  return typeof status === 'number' && status >= 400 && status < 500 ? status : undefined;
}

function messageOf(exception: unknown): string {
  if (exception instanceof HttpException) {
    const body = exception.getResponse();
    const message = typeof body === 'string' ? body : (body as { message?: unknown }).message;
    return Array.isArray(message) ? message.join('; ') : String(message ?? exception.message);
  }
  return exception instanceof Error ? exception.message : String(exception);
}
