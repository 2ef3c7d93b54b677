import { STATUS_CODES } from 'node:http';
import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { requestIdOf } from '../http/request-id';
import { isDataException } from './data-exception';
import { ApiErrorBody, ApiErrorCode, ErrorDetail } from './api-error-code';
import { ApiException } from './api.exception';
import { DomainException, httpStatusOf } from './domain.exception';

type ErrorParts = Omit<ApiErrorBody, 'error' | 'requestId'>;

/**
 * The admin, internal and health surfaces answer every error with one JSON shape (ApiErrorBody).
 * Anything unexpected becomes a 500 whose body carries only the request id, so details stay in the logs.
 */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger(HttpExceptionFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const context = host.switchToHttp();
    const request = context.getRequest<Request>();
    const response = context.getResponse<Response>();
    if (response.headersSent) return;

    const requestId = String(requestIdOf(request));
    const parts = partsOf(exception, request);
    if (!parts) {
      this.logger.error({ err: exception, requestId }, 'Unhandled error');
    }
    const { statusCode, code, message, details } = parts ?? internalError(requestId);
    const body: ApiErrorBody = {
      statusCode,
      error: STATUS_CODES[statusCode] ?? 'Error',
      code,
      message,
      ...(details ? { details } : {}),
      requestId,
    };
    response.status(statusCode).json(body);
  }
}

/** The error's status, code and message; undefined for anything that is not a known client-facing error. */
function partsOf(exception: unknown, request: Request): ErrorParts | undefined {
  if (exception instanceof DomainException) {
    return { statusCode: httpStatusOf(exception.code), code: exception.code, message: exception.message };
  }
  if (exception instanceof ApiException) {
    return { statusCode: exception.getStatus(), code: exception.code, message: exception.message, details: exception.details };
  }
  if (exception instanceof HttpException) return fromHttpException(exception, request);
  if (isDataException(exception)) {
    return {
      statusCode: 400,
      code: ApiErrorCode.BadRequest,
      message: `A value was rejected by the database: ${exception.message}`,
    };
  }
  return undefined;
}

function fromHttpException(exception: HttpException, request: Request): ErrorParts {
  const statusCode = exception.getStatus();
  const body = exception.getResponse();
  switch (statusCode) {
    case 404:
      // Nest's own 404 is for a path no route matches; a missing resource is a DomainException.
      return { statusCode, code: ApiErrorCode.RouteNotFound, message: `No route ${request.method} ${request.path}` };
    case 429:
      return { statusCode, code: ApiErrorCode.RateLimited, message: messageOf(body, exception) };
    case 503:
      return { statusCode, code: ApiErrorCode.NotReady, message: 'Not ready', details: healthDetailsOf(body) };
    default:
      return { statusCode, code: codeOfStatus(statusCode), message: messageOf(body, exception) };
  }
}

function codeOfStatus(status: number): ApiErrorCode {
  switch (status) {
    case 401:
      return ApiErrorCode.UnknownCredential;
    case 403:
      return ApiErrorCode.Forbidden;
    case 405:
      return ApiErrorCode.MethodNotAllowed;
    case 409:
      return ApiErrorCode.Conflict;
    case 412:
      return ApiErrorCode.PreconditionFailed;
    case 413:
      return ApiErrorCode.PayloadTooLarge;
    case 415:
      return ApiErrorCode.UnsupportedMediaType;
    default:
      return status >= 500 ? ApiErrorCode.InternalError : ApiErrorCode.BadRequest;
  }
}

function messageOf(body: string | object, exception: HttpException): string {
  const message = typeof body === 'string' ? body : (body as { message?: unknown }).message;
  if (Array.isArray(message)) return message.map(String).join('; ');
  return typeof message === 'string' ? message : exception.message;
}

/** @nestjs/terminus reports each failing indicator under `error`: `{ database: { status: 'down', message } }`. */
function healthDetailsOf(body: string | object): ErrorDetail[] | undefined {
  const failing = typeof body === 'object' ? (body as { error?: Record<string, { status?: string; message?: string }> }).error : undefined;
  if (!failing) return undefined;
  return Object.entries(failing).map(([field, state]) => ({ field, problem: state.message ?? state.status ?? 'down' }));
}

function internalError(requestId: string): ErrorParts {
  return {
    statusCode: 500,
    code: ApiErrorCode.InternalError,
    message: `Internal server error; quote request id ${requestId} to the operator`,
  };
}
