import { applyDecorators } from '@nestjs/common';
import { ApiParam } from '@nestjs/swagger';

/** Path parameters that ParseUUIDPipe checks: the document says they are UUIDs. */
export function ApiUuidParams(...names: string[]): MethodDecorator {
  return applyDecorators(...names.map((name) => ApiParam({ name, type: String, format: 'uuid' })));
}
