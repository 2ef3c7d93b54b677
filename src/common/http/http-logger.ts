import pino, { DestinationStream, LevelWithSilent, Logger } from 'pino';

/**
 * Standard output, written asynchronously: lines logged while a write is under way leave together in the next one,
 * so that a busy service does not pay a system call per request line. What is pending is flushed when the process
 * exits (pino registers that).
 */
export function standardOutput(): DestinationStream {
  return pino.destination({ dest: 1, sync: false });
}

/** The service's JSON-lines logger (pino); credentials in headers never reach it. */
export function createLogger(level: LevelWithSilent, destination: DestinationStream): Logger {
  return pino({ level, redact: { paths: ['req.headers.authorization', 'req.headers.cookie'], censor: '[redacted]' } }, destination);
}
