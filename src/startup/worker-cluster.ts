import cluster, { Worker } from 'node:cluster';
import { ConfigurationError, validateEnvironment } from '../config/environment';

/** A worker that stops this soon after it started is failing to start, not crashing: the cluster stops. */
const START_GRACE_MS = 120_000;
/** How long the workers have to finish their requests and write what they buffer, once asked to stop. */
const STOP_TIMEOUT_MS = 60_000;
const RESTART_DELAY_MS = 1_000;

/** What a worker tells the primary once it listens. */
export interface WorkerReady {
  kind: 'dps-worker-ready';
  url: string;
}

/** The number of worker processes WEB_CONCURRENCY asks for (1 when unset); refused on the embedded database. */
export function workerCount(env: Record<string, string | undefined>): number {
  const { WEB_CONCURRENCY: workers = 1, DATABASE_URL: databaseUrl } = validateEnvironment(env);
  if (workers > 1 && !databaseUrl) {
    throw new ConfigurationError(
      `WEB_CONCURRENCY=${workers} needs DATABASE_URL: the embedded database serves one connection, so one process. ` +
        'Unset WEB_CONCURRENCY, or point DATABASE_URL at PostgreSQL.',
    );
  }
  return workers;
}

/**
 * The primary of WEB_CONCURRENCY workers: each worker is the whole service, and they share the port (Node's cluster
 * hands each new connection to the next worker). A worker that dies is replaced; one that fails to start stops
 * them all with its message. SIGTERM or SIGINT stops every worker gracefully, then the primary exits.
 */
export function runWorkerCluster(workers: number, log: (line: string) => void): Promise<number> {
  return new Promise((resolve) => {
    let stopping = false;
    const started = new Map<Worker, number>();
    const ready = new Set<Worker>();
    const fork = () => {
      const worker = cluster.fork();
      started.set(worker, Date.now());
      worker.on('message', (message: WorkerReady) => {
        if (message?.kind !== 'dps-worker-ready') return;
        ready.add(worker);
        log(`Worker ${worker.process.pid} listens on ${message.url} (${ready.size} of ${workers} ready)`);
      });
    };
    const stop = (code: number) => {
      if (stopping) return;
      stopping = true;
      const alive = Object.values(cluster.workers ?? {}).filter((worker): worker is Worker => worker !== undefined);
      if (alive.length === 0) return resolve(code);
      const forced = setTimeout(() => alive.forEach((worker) => worker.process.kill('SIGKILL')), STOP_TIMEOUT_MS);
      forced.unref();
      let remaining = alive.length;
      for (const worker of alive) {
        worker.once('exit', () => --remaining === 0 && resolve(code));
        worker.process.kill('SIGTERM');
      }
    };
    cluster.on('exit', (worker, code, signal) => {
      const wasReady = ready.delete(worker);
      const startedAt = started.get(worker) ?? 0;
      started.delete(worker);
      if (stopping) return;
      const how = signal ? `signal ${signal}` : `code ${code}`;
      if (!wasReady && Date.now() - startedAt < START_GRACE_MS) {
        log(`Worker ${worker.process.pid} could not start (${how}): stopping the service`);
        return stop(1);
      }
      log(`Worker ${worker.process.pid} exited (${how}): starting another`);
      setTimeout(() => !stopping && fork(), RESTART_DELAY_MS);
    });
    process.once('SIGTERM', () => stop(0));
    process.once('SIGINT', () => stop(0));
    for (let index = 0; index < workers; index++) fork();
  });
}
