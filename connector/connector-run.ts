import { ConnectorConfig } from './connector-config';
import { groupAttributes, toSnapshot, userAttributes } from './directory-mapping';
import { DirectorySnapshot } from './directory-snapshot';
import { LdapDirectory } from './ldap-directory';
import { Logger } from './logger';
import { ServiceClient } from './service-client';
import { toParts } from './snapshot-parts';

export type RunResult = 'applied' | 'held' | 'dry-run' | 'failed';

interface SnapshotAnswer {
  id: string;
  state: string;
  reason: string | null;
  planned: { counts: unknown } | null;
  result: { applied: number; failed: number } | null;
}

interface ChangePage {
  items: { action: string; target: string; detail?: string }[];
  nextCursor: string | null;
}

/**
 * One run: read the directory whole, then send it as one snapshot and commit it (or only compute the difference:
 * dry run), then report the run. Anything wrong before the commit (a refused bind, a failed or partial search, an
 * empty result) sends no snapshot, so nobody is deprovisioned on the strength of an incomplete read.
 */
export async function runOnce(
  config: ConnectorConfig,
  service: ServiceClient,
  logger: Logger,
  print: (line: string) => void,
): Promise<RunResult> {
  const startedAt = new Date();
  let counts = { users: 0, groups: 0 };
  let snapshotId: string | undefined;
  try {
    const snapshot = await readDirectory(config, logger);
    counts = { users: snapshot.users.length, groups: snapshot.groups.length };
    if (snapshot.users.length === 0) {
      throw new Error('The directory returned no users in scope: nothing was sent (check the base DNs, filters and onlyMembersOf)');
    }
    logger.info(`Read ${counts.users} users and ${counts.groups} groups`);
    if (!config.sync.dryRun) {
      await service.send('PUT', '/settings', {
        deprovisionAction: config.sync.deprovisionAction,
        maxDeletePercent: config.sync.maxDeletePercent,
      });
    }
    const opened = await service.send<SnapshotAnswer>('POST', '/snapshots');
    snapshotId = opened.id;
    const parts = toParts(snapshot);
    for (const [index, part] of parts.entries()) await service.send('PUT', `/snapshots/${snapshotId}/parts/${index + 1}`, part);
    const committed = await service.send<SnapshotAnswer>('POST', `/snapshots/${snapshotId}/commit`, {
      parts: parts.length,
      users: counts.users,
      groups: counts.groups,
      dryRun: config.sync.dryRun,
    });
    const result = resultOf(committed, config.sync.dryRun);
    if (result === 'dry-run') await printDifference(service, snapshotId, print);
    if (result === 'held') logger.warn(`Snapshot ${snapshotId} is held for an admin: ${committed.reason ?? ''}`);
    else logger.info(`Snapshot ${snapshotId}: ${result} ${JSON.stringify(committed.planned?.counts ?? {})}`);
    await report(service, logger, { startedAt, result, counts, snapshotId });
    return result;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    logger.error(`Run failed: ${message}`);
    await report(service, logger, { startedAt, result: 'failed', counts, snapshotId, error: message });
    return 'failed';
  }
}

async function readDirectory(config: ConnectorConfig, logger: Logger): Promise<DirectorySnapshot> {
  const directory = await LdapDirectory.connect(config.ldap, logger);
  try {
    const users = await directory.search({
      baseDns: config.users.baseDns,
      filter: config.users.filter,
      attributes: userAttributes(config.mapping),
    });
    const groups =
      config.groups.baseDns.length > 0
        ? await directory.search({ baseDns: config.groups.baseDns, filter: config.groups.filter, attributes: groupAttributes(config) })
        : [];
    return toSnapshot(config, users, groups, logger);
  } finally {
    await directory.close();
  }
}

function resultOf(snapshot: SnapshotAnswer, dryRun: boolean): RunResult {
  if (dryRun) return 'dry-run';
  if (snapshot.state === 'held') return 'held';
  if (snapshot.state === 'applied') return 'applied';
  throw new Error(`Snapshot ${snapshot.id} ended ${snapshot.state}: ${snapshot.reason ?? 'no reason given'}`);
}

/** The dry run's difference on stdout, one change a line. */
async function printDifference(service: ServiceClient, snapshotId: string, print: (line: string) => void): Promise<void> {
  let cursor: string | null = null;
  let changes = 0;
  do {
    const query: string = cursor ? `?limit=200&cursor=${encodeURIComponent(cursor)}` : '?limit=200';
    const page: ChangePage = await service.send<ChangePage>('GET', `/snapshots/${snapshotId}/changes${query}`);
    for (const change of page.items) {
      changes++;
      print(`${change.action} ${change.target}${change.detail ? ` (${change.detail})` : ''}`);
    }
    cursor = page.nextCursor;
  } while (cursor);
  if (changes === 0) print('No changes');
}

interface RunReport {
  startedAt: Date;
  result: RunResult;
  counts: { users: number; groups: number };
  snapshotId?: string;
  error?: string;
}

/** Best effort: a service that cannot take the report is logged; the next run reports again. */
async function report(service: ServiceClient, logger: Logger, run: RunReport): Promise<void> {
  try {
    await service.send('POST', '/runs', {
      startedAt: run.startedAt.toISOString(),
      finishedAt: new Date().toISOString(),
      result: run.result,
      users: run.counts.users,
      groups: run.counts.groups,
      ...(run.snapshotId ? { snapshotId: run.snapshotId } : {}),
      ...(run.error ? { error: run.error.slice(0, 2000) } : {}),
    });
  } catch (error) {
    logger.error(`Could not report the run to the service: ${error instanceof Error ? error.message : String(error)}`);
  }
}
