import { QueryFailedError } from 'typeorm';

const UNIQUE_VIOLATION = '23505';

/** True when the error is PostgreSQL rejecting a row for breaking the named unique constraint or index. */
export function isUniqueViolation(error: unknown, constraint: string): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const driverError = error.driverError as { code?: string; constraint?: string };
  return driverError.code === UNIQUE_VIOLATION && driverError.constraint === constraint;
}

/**
 * SQLSTATE class 22 (data exception: value too long, out of range, invalid text): the client sent a
 * value the schema cannot hold, so it is a bad request, not a server fault.
 */
export function isDataException(error: unknown): error is QueryFailedError {
  if (!(error instanceof QueryFailedError)) return false;
  const code = (error.driverError as { code?: string }).code;
  return typeof code === 'string' && code.startsWith('22');
}
