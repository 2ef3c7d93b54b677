export type LogLevel = 'info' | 'warn' | 'error';

/**
 * Lines on stderr, each with its time and level. The secrets the agent holds are registered at start and masked
 * in anything written, should a library's message ever carry one.
 */
export class Logger {
  private readonly secrets: string[] = [];

  constructor(private readonly write: (line: string) => void = (line) => process.stderr.write(`${line}\n`)) {}

  mask(secret: string): void {
    if (secret) this.secrets.push(secret);
  }

  info(message: string): void {
    this.log('info', message);
  }

  warn(message: string): void {
    this.log('warn', message);
  }

  error(message: string): void {
    this.log('error', message);
  }

  private log(level: LogLevel, message: string): void {
    const masked = this.secrets.reduce((text, secret) => text.split(secret).join('[secret]'), message);
    this.write(`${new Date().toISOString()} ${level.toUpperCase()} ${masked}`);
  }
}
