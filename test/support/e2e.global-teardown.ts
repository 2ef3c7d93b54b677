import { stopSharedEmbeddedDatabase } from './shared-embedded-database';

export default async function tearDownEndToEndRun(): Promise<void> {
  await stopSharedEmbeddedDatabase();
}
