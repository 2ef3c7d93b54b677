import { STATUS_CODES } from 'node:http';
import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { isDataException } from '../../database/postgres-errors';
import { DomainException, httpStatusOf } from './domain.exception';

/**
 * Nest-style JSON errors for the admin, internal and health surfaces. Anything unexpected
 * becomes a 500 whose body carries only the request id, so details stay in the logs.
 */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger(HttpExceptionFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const context = host.switchToHttp();
    const request = context.getRequest<Request>();
    const response = context.getResponse<Response>();
    if (response.headersSent) return;

    if (exception instanceof DomainException) {
      const status = httpStatusOf(exception.code);
      response.status(status).json({
        statusCode: status,
        error: STATUS_CODES[status] ?? 'Error',
        code: exception.code,
        message: exception.message,
      });
      return;
    }
    if (exception instanceof HttpException) {
      const body = exception.getResponse();
      response
        .status(exception.getStatus())
        .json(typeof body === 'string' ? { statusCode: exception.getStatus(), message: body } : body);
      return;
    }
    if (isDataException(exception)) {
      response.status(400).json({ statusCode: 400, error: 'Bad Request', message: `A value was rejected by the database: ${exception.message}` });
      return;
    }
    const correlationId = String(request.id ?? '');
    this.logger.error({ err: exception, correlationId }, 'Unhandled error');
    response.status(500).json({ statusCode: 500, message: 'Internal server error', correlationId });
  }
}
