import { HttpException } from '@nestjs/common';
import { ApiErrorCode, ErrorDetail } from './api-error-code';

/** An HTTP error raised outside the domain (authentication, validation, transport) with its stable code. */
export class ApiException extends HttpException {
  constructor(
    status: number,
    readonly code: ApiErrorCode,
    message: string,
    readonly details?: ErrorDetail[],
  ) {
    super(message, status);
  }
}
