import { Injectable, PipeTransform } from '@nestjs/common';
import { ApiErrorCode } from '../common/errors/api-error-code';
import { ApiException } from '../common/errors/api.exception';
import { MAX_SNAPSHOT_PARTS } from './dto/commit-snapshot.request.dto';

/** A part number: a whole number from 1 to MAX_SNAPSHOT_PARTS. */
@Injectable()
export class ParsePartNumberPipe implements PipeTransform<string, number> {
  transform(value: string): number {
    const number = /^[1-9][0-9]{0,4}$/.test(value) ? Number(value) : NaN;
    if (number <= MAX_SNAPSHOT_PARTS) return number;
    const problem = `partNumber must be a whole number from 1 to ${MAX_SNAPSHOT_PARTS}`;
    throw new ApiException(400, ApiErrorCode.ValidationFailed, `Validation failed: ${problem}`, [{ field: 'partNumber', problem }]);
  }
}
