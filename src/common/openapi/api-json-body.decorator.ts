import { applyDecorators, Type } from '@nestjs/common';
import { ApiBody } from '@nestjs/swagger';
import { ApiErrors } from './api-errors.decorator';

export interface BodyExample {
  summary: string;
  value: unknown;
}

/** A JSON request body with its examples, and the size limit every JSON body has. */
export function ApiJsonBody(type: Type<unknown>, examples: Record<string, BodyExample>): MethodDecorator {
  return applyDecorators(
    ApiBody({ type, examples }),
    ApiErrors({ 413: 'The JSON body is larger than 1 MB' }),
  );
}
