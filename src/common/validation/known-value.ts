import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsIn } from 'class-validator';
import { DomainErrorCode, DomainException } from '../errors/domain.exception';

/** "unknown provider 'azure-ad'; valid: okta, entra-id, …": the answer to a value outside a fixed set. */
export function unknownValueMessage(name: string, value: unknown, valid: readonly string[]): string {
  return `unknown ${name} '${String(value)}'; valid: ${valid.join(', ')}`;
}

/** Matches `value` against lower-case `valid` values, in any case; unknown values are a 400 that lists the valid ones. */
export function parseKnownValue<T extends string>(name: string, value: string, valid: readonly T[]): T {
  const lowered = value.toLowerCase();
  const found = valid.find((candidate) => candidate === lowered);
  if (!found) throw new DomainException(DomainErrorCode.InvalidInput, unknownValueMessage(name, value, valid));
  return found;
}

/** A query parameter from a fixed set of lower-case values, matched in any case. */
export function IsKnownValue(valid: readonly string[]): PropertyDecorator {
  return applyDecorators(
    Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.toLowerCase() : value)),
    IsIn(valid as string[], {
      message: ({ property, value }) => unknownValueMessage(property, value, valid),
    }),
  );
}
