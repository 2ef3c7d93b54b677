import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { ApiErrorCode } from '../errors/api-error-code';
import { ApiException } from '../errors/api.exception';

/** A UUID route parameter; anything else is a validation error naming the parameter. */
@Injectable()
export class ParseUuidPipe implements PipeTransform<string, string> {
  transform(value: string, metadata: ArgumentMetadata): string {
    if (isUUID(value)) return value;
    const field = metadata.data ?? 'id';
    const problem = `${field} must be a UUID`;
    throw new ApiException(400, ApiErrorCode.ValidationFailed, `Validation failed: ${problem}`, [{ field, problem }]);
  }
}
