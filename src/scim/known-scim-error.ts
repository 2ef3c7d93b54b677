import { HttpException } from '@nestjs/common';
import { ApiException } from '../common/errors/api.exception';
import { DomainErrorCode, DomainException, httpStatusOf } from '../common/errors/domain.exception';
import { isDataException } from '../common/errors/data-exception';
import { ScimError, ScimErrorType } from './scim.error';

/**
 * The RFC 7644 §3.12 error an exception is answered with on a SCIM route, or in a Bulk operation's response;
 * undefined for an unexpected failure, which the caller logs and answers as a 500 with a correlation id.
 */
export function knownScimError(exception: unknown): ScimError | undefined {
  if (exception instanceof ScimError) return exception;
  if (exception instanceof DomainException) return fromDomainException(exception);
  if (exception instanceof HttpException) return fromHttpException(exception);
  if (isDataException(exception)) {
    return ScimError.badRequest(ScimErrorType.InvalidValue, `A value was rejected by the database: ${exception.message}`);
  }
  if (isBodyTooLarge(exception)) return new ScimError(413, `The request body is larger than the ${exception.limit} bytes accepted here`);
  const status = httpErrorStatus(exception);
  if (status) return new ScimError(status, messageOf(exception), status === 400 ? ScimErrorType.InvalidSyntax : undefined);
  return undefined;
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
    case DomainErrorCode.ManagedByAnotherSource:
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

/** The body parser's error for a body over its limit (raised before routing). */
function isBodyTooLarge(exception: unknown): exception is { limit: number } {
  const error = exception as { type?: unknown; limit?: unknown } | null;
  return error?.type === 'entity.too.large' && typeof error.limit === 'number';
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
    // eslint-disable-next-line @typescript-eslint/no-base-to-string -- a custom exception body's message, whatever it is
    return Array.isArray(message) ? message.join('; ') : String(message ?? exception.message);
  }
  return exception instanceof Error ? exception.message : String(exception);
}
