import 'reflect-metadata';
import { startApplication } from './application';
import { describeStartupFailure } from './startup/startup-failure';

async function main(): Promise<void> {
  const running = await startApplication(process.env);
  let stopping = false;
  const stop = async (): Promise<void> => {
    if (stopping) return;
    stopping = true;
    await running.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop());
  process.once('SIGINT', () => void stop());
}

main().catch((error: unknown) => {
  process.stderr.write(`${describeStartupFailure(error, process.env)}\n`);
  process.exit(1);
});
