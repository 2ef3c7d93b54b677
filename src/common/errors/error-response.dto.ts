import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ApiErrorBody, ErrorDetail } from './api-error-code';

export class ErrorDetailDto implements ErrorDetail {
  @ApiProperty({ example: 'email', description: 'The field, parameter or header concerned; dotted for nested fields' })
  field: string;

  @ApiProperty({ example: 'must be an email address' })
  problem: string;
}

/** ApiErrorBody as the OpenAPI document declares it. */
export class ErrorResponseDto implements ApiErrorBody {
  @ApiProperty({ example: 400, description: 'The HTTP status, repeated' })
  statusCode: number;

  @ApiProperty({ example: 'Bad Request', description: "The status's reason phrase" })
  error: string;

  @ApiProperty({ example: 'validation_failed', description: 'Stable machine-readable code: branch on this, not on the message' })
  code: string;

  @ApiProperty({ example: 'email must be an email address', description: 'What went wrong and what to send instead' })
  message: string;

  @ApiPropertyOptional({ type: [ErrorDetailDto], description: 'One entry per invalid field, on validation errors' })
  details?: ErrorDetailDto[];

  @ApiProperty({
    example: '5f0c6a8e-3b1d-4c52-9a7e-2d4f1b6c8e90',
    description: "The request id (also in the X-Request-Id header and the service's log line)",
  })
  requestId: string;
}
