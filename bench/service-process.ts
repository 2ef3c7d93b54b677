import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { ManagedChild } from './managed-child';

export interface ServiceStartOptions {
  projectRoot: string;
  databaseUrl: string;
  poolSize?: number;
  workers?: number;
  logLevel: string;
  profileDir?: string;
}

export interface AgentReply {
  ok: boolean;
  error?: string;
  file?: string;
  statements?: { sql: string; count: number; totalMs: number }[];
}

/** The service under test: `node dist/src/main.js` in production mode, with the benchmark's agent preloaded. */
export class ServiceProcess {
  private readonly replies: string[] = [];
  private readonly waiters: ((line: string) => void)[] = [];

  private constructor(
    readonly child: ManagedChild,
    readonly baseUrl: string,
    readonly internalToken: string,
  ) {
    const replyStream = child.process.stdio[3] as Readable | undefined;
    let partial = '';
    replyStream?.on('data', (chunk: Buffer) => {
      const lines = (partial + chunk.toString('utf8')).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) {
        const waiter = this.waiters.shift();
        if (waiter) waiter(line);
        else this.replies.push(line);
      }
    });
  }

  static async start(options: ServiceStartOptions): Promise<ServiceProcess> {
    const port = await freePort();
    const internalToken = randomBytes(24).toString('hex');
    const baseUrl = `http://127.0.0.1:${port}`;
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(port),
      PUBLIC_BASE_URL: baseUrl,
      DATABASE_URL: options.databaseUrl,
      INTERNAL_API_TOKENS: `bench:${internalToken}`,
      // Production needs the key that encrypts webhook secrets; the latency probe's receiver is on loopback.
      WEBHOOK_SECRET_KEY: randomBytes(32).toString('hex'),
      WEBHOOK_ALLOWED_HOSTS: '127.0.0.1',
      LOG_LEVEL: options.logLevel,
      // The benchmark measures the service, not its per-credential rate limits: they stay on, out of reach.
      SCIM_RATE_LIMIT_PER_MINUTE: '1000000000',
      ADMIN_RATE_LIMIT_PER_MINUTE: '1000000000',
      PROVISIONING_API_RATE_LIMIT_PER_MINUTE: '1000000000',
    };
    if (options.poolSize) env.DATABASE_POOL_SIZE = String(options.poolSize);
    if (options.workers && options.workers > 1) env.WEB_CONCURRENCY = String(options.workers);
    if (options.profileDir) env.BENCH_PROFILE_DIR = options.profileDir;
    const child = ManagedChild.start(
      'service',
      process.execPath,
      ['-r', join(__dirname, 'service-agent.js'), join(options.projectRoot, 'dist', 'src', 'main.js')],
      { cwd: options.projectRoot, env, stdio: ['pipe', 'pipe', 'pipe', 'pipe'], detached: true },
    );
    const service = new ServiceProcess(child, baseUrl, internalToken);
    try {
      await service.waitUntilReady(120_000);
    } catch (error) {
      await child.stop();
      throw error;
    }
    return service;
  }

  /** Sends a command to the preloaded agent and waits for its answer. */
  async command(command: object, timeoutMs = 60_000): Promise<AgentReply> {
    const line = await new Promise<string>((resolve, reject) => {
      // Answers to commands that timed out earlier are stale.
      this.replies.length = 0;
      const timer = setTimeout(() => reject(new Error(`service agent did not answer ${JSON.stringify(command)}`)), timeoutMs);
      this.waiters.push((reply) => {
        clearTimeout(timer);
        resolve(reply);
      });
      this.child.process.stdin!.write(`${JSON.stringify(command)}\n`);
    });
    return JSON.parse(line) as AgentReply;
  }

  stop(): Promise<void> {
    return this.child.stop(30_000);
  }

  private async waitUntilReady(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (!this.child.running) throw new Error(`the service exited during start:\n${this.child.outputTail()}`);
      try {
        const response = await fetch(`${this.baseUrl}/health/ready`, { signal: AbortSignal.timeout(2_000) });
        if (response.ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    throw new Error(`the service did not become ready within ${timeoutMs / 1000} s:\n${this.child.outputTail()}`);
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
