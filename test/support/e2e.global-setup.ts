import buildConsoleIfStale from '../console/support/console-build.global-setup';
import { startSharedEmbeddedDatabase } from './shared-embedded-database';

export default async function setUpEndToEndRun(): Promise<void> {
  buildConsoleIfStale();
  await startSharedEmbeddedDatabase();
}
