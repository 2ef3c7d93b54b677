import 'reflect-metadata';
import cluster from 'node:cluster';
import { RunningApplication, startApplication } from './application';
import { loadConfiguration } from './config/configuration';
import { boundHeapGrowth } from './startup/heap-growth';
import { assertPortFree } from './startup/port-probe';
import { describeStartupFailure } from './startup/startup-failure';
import { runWorkerCluster, WorkerReady, workerCount } from './startup/worker-cluster';

/** The service in this process: until SIGTERM or SIGINT, which let it finish its work and close. */
async function serve(): Promise<void> {
  let running: RunningApplication | undefined;
  let stopRequested = false;
  let stopping = false;
  const stop = async (): Promise<void> => {
    stopRequested = true;
    // A signal during start-up (the port is already open while the demo company is seeded) stops once start-up is done.
    if (!running || stopping) return;
    stopping = true;
    await running.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop());
  process.once('SIGINT', () => void stop());
  running = await startApplication(process.env, { portCheckedByPrimary: cluster.isWorker });
  if (cluster.isWorker) process.send?.({ kind: 'dps-worker-ready', url: running.url } satisfies WorkerReady);
  if (stopRequested) await stop();
}

async function main(): Promise<void> {
  boundHeapGrowth(process.execArgv);
  const workers = cluster.isPrimary ? workerCount(process.env) : 1;
  if (workers === 1) return serve();
  // Once, before any worker: the workers share the primary's listening socket, so they cannot probe the port themselves.
  const { http } = loadConfiguration(process.env);
  await assertPortFree(http.host, http.port);
  const log = (line: string) => process.stdout.write(`${JSON.stringify({ level: 30, time: Date.now(), msg: line })}\n`);
  log(`Starting ${workers} worker processes (WEB_CONCURRENCY)`);
  process.exit(await runWorkerCluster(workers, log));
}

main().catch((error: unknown) => {
  process.stderr.write(`${describeStartupFailure(error, process.env)}\n`);
  process.exit(1);
});
