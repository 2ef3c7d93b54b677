import { ConfigurationError } from '../config/environment';
import { EmbeddedDatabaseInUseError } from '../database/embedded-database-lock';

interface SystemError {
  code?: string;
  address?: string;
  port?: number;
  message?: string;
  errors?: SystemError[];
}

/** One line that names why the service could not start, for an operator reading a terminal. */
export function describeStartupFailure(error: unknown, env: Record<string, string | undefined>): string {
  if (error instanceof ConfigurationError || error instanceof EmbeddedDatabaseInUseError) return error.message;
  const cause = rootCause(error);
  const where = cause.port !== undefined ? `${cause.address ?? ''}:${cause.port}` : '';
  switch (cause.code) {
    case 'EADDRINUSE':
      return `Cannot listen on ${where || `port ${env.PORT}`}: the port is already in use. Stop the other process or set PORT to a free port.`;
    case 'EACCES':
      return `Cannot listen on ${where || `port ${env.PORT}`}: permission denied. Use a port above 1023 or run with the needed rights.`;
    case 'EADDRNOTAVAIL':
      return `Cannot listen on ${where}: HOST is not an address of this machine.`;
    case 'ECONNREFUSED':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'ETIMEDOUT':
    case 'EHOSTUNREACH':
      return `Cannot reach the database${where ? ` at ${where}` : ''} (${cause.code}): check DATABASE_URL and that PostgreSQL is running.`;
    case '28P01':
    case '28000':
      return `The database refused the login of DATABASE_URL: ${cause.message}`;
    case '3D000':
      return `The database named in DATABASE_URL does not exist: ${cause.message}`;
    default:
      return `Start-up failed: ${firstLine(cause.message ?? String(error))}`;
  }
}

/** pg reports a refused connection to several addresses as an AggregateError; the first one is enough. */
function rootCause(error: unknown): SystemError {
  const candidate = (error ?? {}) as SystemError;
  return !candidate.code && candidate.errors?.length ? candidate.errors[0] : candidate;
}

function firstLine(text: string): string {
  return text.split('\n')[0];
}
