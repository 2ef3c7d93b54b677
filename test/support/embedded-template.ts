import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from '../../src/database/data-source-options';
import { EmbeddedPostgres } from '../../src/database/embedded-postgres';
import { runPendingMigrations } from '../../src/database/run-migrations';

const PROJECT_ROOT = join(__dirname, '..', '..');

/**
 * A new embedded database directory with every migration applied. Creating a PGlite cluster and migrating it takes
 * many seconds; copying a migrated one takes one. The template is made once per schema (keyed by the migrations and
 * the PGlite version) and reused by every suite and run after it; each test still gets its own copy.
 */
export async function freshMigratedDataDir(prefix = 'dps-test-'): Promise<string> {
  const template = join(tmpdir(), `dps-test-template-${schemaKey()}`);
  if (!existsSync(template)) await createTemplate(template);
  const dataDir = mkdtempSync(join(tmpdir(), prefix));
  cpSync(template, dataDir, { recursive: true });
  return dataDir;
}

function schemaKey(): string {
  const hash = createHash('sha256');
  const pglite = JSON.parse(readFileSync(join(PROJECT_ROOT, 'node_modules', '@electric-sql', 'pglite', 'package.json'), 'utf8'));
  hash.update(String(pglite.version));
  const migrations = join(PROJECT_ROOT, 'migrations');
  for (const file of readdirSync(migrations).sort()) hash.update(file).update(readFileSync(join(migrations, file)));
  return hash.digest('hex').slice(0, 16);
}

async function createTemplate(template: string): Promise<void> {
  const building = mkdtempSync(`${template}-building-`);
  const embedded = await EmbeddedPostgres.start(building);
  try {
    const dataSource = new DataSource(buildDataSourceOptions(embedded.url, 1));
    await dataSource.initialize();
    try {
      await runPendingMigrations(dataSource);
    } finally {
      await dataSource.destroy();
    }
  } finally {
    await embedded.stop();
  }
  try {
    renameSync(building, template);
  } catch (error) {
    // Another run made the same template meanwhile: use theirs.
    rmSync(building, { recursive: true, force: true });
    if (!existsSync(template)) throw error;
  }
}
