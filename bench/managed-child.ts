import { ChildProcess, spawn, SpawnOptions } from 'node:child_process';

const OUTPUT_KEPT_CHARS = 64 * 1024;

/**
 * A child process the benchmark started and must stop: keeps the tail of its output for error reports,
 * and closing its stdin tells it to exit (both of our children watch stdin, so they also exit when the
 * benchmark dies without cleaning up).
 */
export class ManagedChild {
  readonly exited: Promise<number | null>;
  private output = '';
  private exitCode: number | null | undefined;
  private readonly lineListeners = new Set<(line: string) => void>();
  private partialLine = '';

  private constructor(
    readonly name: string,
    readonly process: ChildProcess,
  ) {
    this.exited = new Promise((resolve) => {
      process.once('exit', (code, signal) => {
        this.exitCode = code ?? (signal ? -1 : null);
        resolve(this.exitCode);
      });
      process.once('error', (error) => {
        this.append(`\n[${name}] ${error.message}\n`);
        this.exitCode = -1;
        resolve(-1);
      });
    });
    process.stdout?.on('data', (chunk: Buffer) => this.onStdout(chunk.toString('utf8')));
    process.stderr?.on('data', (chunk: Buffer) => this.append(chunk.toString('utf8')));
    // A child that dies first must not take the benchmark down with EPIPE.
    process.stdin?.on('error', () => undefined);
  }

  static start(name: string, command: string, args: string[], options: SpawnOptions): ManagedChild {
    const child = spawn(command, args, { ...options, stdio: options.stdio ?? ['pipe', 'pipe', 'pipe'] });
    return new ManagedChild(name, child);
  }

  /** Starts a reference app (reference-app.ts) and resolves with it and the URL it prints once it listens. */
  static async startListening(name: string, script: string, env: NodeJS.ProcessEnv): Promise<{ child: ManagedChild; url: string }> {
    const child = ManagedChild.start(name, process.execPath, [script], { env });
    try {
      const url = await child.waitForLine((line) => (line.startsWith('listening ') ? line.slice('listening '.length) : undefined), 30_000);
      return { child, url };
    } catch (error) {
      await child.stop();
      throw error;
    }
  }

  get pid(): number {
    return this.process.pid ?? -1;
  }

  get running(): boolean {
    return this.exitCode === undefined;
  }

  outputTail(chars = 4000): string {
    return this.output.slice(-chars);
  }

  /** Resolves with the first stdout line that `match` accepts; rejects on timeout or exit. */
  waitForLine<T>(match: (line: string) => T | undefined, timeoutMs: number): Promise<T> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => finish(new Error(`${this.name}: no expected output within ${timeoutMs} ms`)), timeoutMs);
      const listener = (line: string): void => {
        const found = match(line);
        if (found !== undefined) finish(undefined, found);
      };
      const finish = (error?: Error, value?: T): void => {
        clearTimeout(timer);
        this.lineListeners.delete(listener);
        if (error) reject(error);
        else resolve(value as T);
      };
      this.lineListeners.add(listener);
      void this.exited.then((code) => finish(new Error(`${this.name} exited with ${code}:\n${this.outputTail()}`)));
    });
  }

  /** Closes stdin, then SIGTERM, then SIGKILL: each step waits for the exit up to its share of the time. */
  async stop(timeoutMs = 20_000): Promise<void> {
    if (!this.running) return;
    this.process.stdin?.end();
    if (await this.exitsWithin(timeoutMs / 2)) return;
    this.process.kill('SIGTERM');
    if (await this.exitsWithin(timeoutMs / 2)) return;
    this.process.kill('SIGKILL');
    await this.exitsWithin(5_000);
  }

  private async exitsWithin(ms: number): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
    const exited = await Promise.race([this.exited.then(() => true as const), timeout]);
    clearTimeout(timer);
    return exited;
  }

  private onStdout(text: string): void {
    this.append(text);
    const lines = (this.partialLine + text).split('\n');
    this.partialLine = lines.pop() ?? '';
    for (const line of lines) for (const listener of [...this.lineListeners]) listener(line);
  }

  private append(text: string): void {
    this.output = (this.output + text).slice(-OUTPUT_KEPT_CHARS);
  }
}
