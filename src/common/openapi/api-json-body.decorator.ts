import { applyDecorators, Type } from '@nestjs/common';
import { ApiBody } from '@nestjs/swagger';
import { ApiErrors } from './api-errors.decorator';

export interface BodyExample {
  summary: string;
  value: unknown;
}

/** A JSON request body with its examples, and what every JSON body may be refused for. */
export function ApiJsonBody(type: Type<unknown>, examples: Record<string, BodyExample>): MethodDecorator {
  return applyDecorators(
    ApiBody({ type, examples }),
    ApiErrors({
      413: 'The JSON body is larger than 1 MB',
      415: {
        description: 'A body that is not JSON (a form, text)',
        message: "The body is sent as application/x-www-form-urlencoded; send application/json (curl: -H 'Content-Type: application/json')",
      },
    }),
  );
}
