import { QueryFailedError } from 'typeorm';

/**
 * SQLSTATE class 22 (data exception: value too long, out of range, invalid text): the client sent a
 * value the schema cannot hold, so it is a bad request, not a server fault.
 */
export function isDataException(error: unknown): error is QueryFailedError {
  if (!(error instanceof QueryFailedError)) return false;
  const code = (error.driverError as { code?: string }).code;
  return typeof code === 'string' && code.startsWith('22');
}
