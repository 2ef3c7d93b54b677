import 'reflect-metadata';
import { RunningApplication, startApplication } from './application';
import { describeStartupFailure } from './startup/startup-failure';

async function main(): Promise<void> {
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
  running = await startApplication(process.env);
  if (stopRequested) await stop();
}

main().catch((error: unknown) => {
  process.stderr.write(`${describeStartupFailure(error, process.env)}\n`);
  process.exit(1);
});
