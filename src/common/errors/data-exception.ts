/**
 * SQLSTATE class 22 (data exception: value too long, out of range, invalid text): the client sent a
 * value the schema cannot hold, so it is a bad request, not a server fault. TypeORM wraps the driver's
 * error, SQLSTATE included, as `driverError`.
 */
export function isDataException(error: unknown): error is Error {
  const code = (error as { driverError?: { code?: unknown } } | null)?.driverError?.code;
  return error instanceof Error && typeof code === 'string' && code.startsWith('22');
}
