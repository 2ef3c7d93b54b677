import { execFileSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, release, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { Pool } from 'pg';
import { BenchOptions, parseBenchOptions, usage, UsageError } from './bench-options';
import { BenchReport, checkTargets, FloorKind, formatReport, formatSnapshotReport, LimitKind, PhaseReport } from './bench-report';
import { FrameworkFloor } from './framework-floor';
import { LeastImplementation } from './least-implementation';
import { CpuProfile, formatProfileSummary, summarizeProfile } from './cpu-profile-summary';
import { expectStatus, HttpClient } from './http-client';
import { LoadResult } from './load-runner';
import { ManagedChild } from './managed-child';
import { cpuSecondsBetween, readCpuSeconds, readMemory, readPostgresCpuByPid, RssSampler } from './process-stats';
import { EventLatencyProbe } from './event-latency-probe';
import { RawBaseline } from './raw-baseline';
import { ProviderShape } from './scim-bodies';
import { BULK_SIZE, ScimScenario } from './scim-scenario';
import { BATCH_SIZE, ProvisioningApiScenario } from './provisioning-api-scenario';
import { ServiceProcess } from './service-process';
import { SnapshotReport, SnapshotScenario } from './snapshot-scenario';

const PROJECT_ROOT = resolve(__dirname, '..', '..');
const SERVICE_DEFAULT_POOL_SIZE = 10;
const EMBEDDED_POOL_SIZE = 1;

function progress(message: string): void {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

/** Everything the run started, stopped in reverse order exactly once, whatever happened. */
class Cleanup {
  private readonly steps: { name: string; run: () => Promise<void> | void }[] = [];
  private running: Promise<void> | null = null;

  add(name: string, run: () => Promise<void> | void): void {
    this.steps.push({ name, run });
  }

  run(): Promise<void> {
    this.running ??= (async () => {
      for (const step of this.steps.reverse()) {
        try {
          await step.run();
        } catch (error) {
          progress(`cleanup: ${step.name} failed: ${(error as Error).message}`);
        }
      }
    })();
    return this.running;
  }
}

async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  if (argv.includes('--help')) {
    process.stdout.write(`${usage()}\n`);
    return 0;
  }
  const options = parseBenchOptions(argv, process.env);
  const cleanup = new Cleanup();
  const onSignal = (signal: NodeJS.Signals, code: number) => () => {
    progress(`${signal}: stopping everything the benchmark started`);
    void cleanup.run().finally(() => process.exit(code));
  };
  process.once('SIGINT', onSignal('SIGINT', 130));
  process.once('SIGTERM', onSignal('SIGTERM', 143));
  try {
    return await run(options, cleanup);
  } finally {
    await cleanup.run();
  }
}

async function run(options: BenchOptions, cleanup: Cleanup): Promise<number> {
  const runId = randomBytes(4).toString('hex');
  const workDir = mkdtempSync(join(tmpdir(), 'dps-bench-'));
  cleanup.add('remove the temporary directory', () => rmSync(workDir, { recursive: true, force: true }));
  // PGlite is one backend session and pglite-socket interleaves the protocol messages of concurrent
  // connections, so on the embedded database the service runs with one connection (as it does in its
  // own embedded mode) and so does the raw baseline; the C requests in flight queue in front of it.
  const poolSize = options.poolSize ?? (options.databaseUrl ? SERVICE_DEFAULT_POOL_SIZE : EMBEDDED_POOL_SIZE);
  const baselineConnections = options.databaseUrl ? options.concurrency : EMBEDDED_POOL_SIZE;

  let databaseUrl: string;
  let embedded: ManagedChild | null = null;
  if (options.databaseUrl) {
    databaseUrl = options.databaseUrl;
    assertLoopback(databaseUrl);
  } else {
    // The service's pool, the raw baseline's connection and the monitor connection, which are never busy together.
    const maxConnections = poolSize + baselineConnections + 1;
    progress(`starting the embedded database (PGlite via pglite-socket, maxConnections ${maxConnections})`);
    const child = ManagedChild.start(
      'embedded database',
      process.execPath,
      [join(__dirname, 'embedded-database.child.js'), join(workDir, 'pgdata'), String(maxConnections), workDir],
      { cwd: PROJECT_ROOT, env: { PATH: process.env.PATH }, detached: true },
    );
    embedded = child;
    cleanup.add('stop the embedded database', () => child.stop(60_000));
    databaseUrl = await child.waitForLine((line) => {
      try {
        return (JSON.parse(line) as { url?: string }).url;
      } catch {
        return undefined;
      }
    }, 120_000);
  }

  const monitor = new Pool({ connectionString: databaseUrl, max: 1 });
  monitor.on('error', () => undefined);
  cleanup.add('close the monitor connection', () => monitor.end());
  const serverVersion = String((await monitor.query<{ server_version: string }>('SHOW server_version')).rows[0].server_version);
  const engine = embedded ? `embedded PGlite (PostgreSQL ${serverVersion}) via pglite-socket` : `PostgreSQL ${serverVersion}`;

  let companyId: string | undefined;
  cleanup.add('delete the benchmark company', async () => {
    if (!options.databaseUrl || !companyId || options.keepData) return;
    progress('deleting the benchmark company and everything it owns');
    await monitor.query('DELETE FROM companies WHERE id = $1', [companyId]);
    // Otherwise autovacuum reclaims these rows during the next run and skews its numbers.
    await monitor.query('VACUUM (ANALYZE) user_accounts, group_members, groups, sync_log, audit_log').catch(() => undefined);
  });

  const profileDir = options.profileDir ? resolve(options.profileDir) : undefined;
  if (profileDir) mkdirSync(profileDir, { recursive: true });
  progress(`starting the service (node dist/src/main.js, NODE_ENV=production, LOG_LEVEL=${options.logLevel}) on ${engine}`);
  const service = await ServiceProcess.start({
    projectRoot: PROJECT_ROOT,
    databaseUrl,
    poolSize: embedded ? poolSize : options.poolSize,
    workers: options.workers,
    logLevel: options.logLevel,
    profileDir,
  });
  cleanup.add('stop the service', () => service.stop());
  const serviceRss = new RssSampler(service.child.pid);
  cleanup.add('stop sampling', () => serviceRss.stop());
  const databaseRss = embedded ? new RssSampler(embedded.pid) : null;
  if (databaseRss) cleanup.add('stop sampling', () => databaseRss.stop());

  const http = new HttpClient(service.baseUrl, options.concurrency, options.requestTimeoutSeconds * 1000);
  cleanup.add('close HTTP connections', () => http.close());

  progress('creating a company and provisioning tokens through the internal and admin APIs');
  const company = await http.send('POST', '/api/internal/companies', service.internalToken, {
    name: `Benchmark ${runId}`,
    superAdminEmail: `bench.owner.${runId}@bench.test`,
  });
  expectStatus(company, [201], 'POST /api/internal/companies');
  const created = company.body as { companyId: string; superAdmin: { apiKey: string } };
  companyId = created.companyId;
  const tokens = {} as Record<ProviderShape, string>;
  let scimBasePath = '/scim/v2';
  for (const provider of ['okta', 'entra-id'] as const) {
    const issued = await http.send('POST', `/api/admin/directory-integrations/${provider}/token`, created.superAdmin.apiKey);
    expectStatus(issued, [201], `POST /api/admin/directory-integrations/${provider}/token`);
    const body = issued.body as { token: string; scimBaseUrl: string };
    tokens[provider] = body.token;
    scimBasePath = new URL(body.scimBaseUrl).pathname.replace(/\/+$/, '');
  }

  if (options.snapshotsOnly) {
    if (profileDir) await service.command({ cmd: 'start', phase: 'snapshots' });
    const snapshot = await snapshotPhase(service.baseUrl, created.superAdmin.apiKey, runId, options, cleanup, serviceRss);
    process.stdout.write(`${formatSnapshotReport(snapshot).join('\n')}\n`);
    const agent = profileDir ? await service.command({ cmd: 'stop' }) : undefined;
    for (const statement of agent?.statements?.slice(0, 12) ?? []) {
      process.stdout.write(
        `  ${String(statement.count).padStart(7)}x ${statement.totalMs.toFixed(0).padStart(8)} ms  ${statement.sql.slice(0, 140)}\n`,
      );
    }
    if (agent?.file) {
      const profile = summarizeProfile(JSON.parse(readFileSync(agent.file, 'utf8')) as CpuProfile, 25);
      process.stdout.write(`CPU profile of the service (${agent.file}):\n${formatProfileSummary(profile)}\n`);
    }
    if (options.json) writeFileSync(options.json, `${JSON.stringify({ snapshot }, null, 2)}\n`);
    return snapshot.error ? 1 : 0;
  }

  const isLocalPostgres = !embedded && readPostgresCpuByPid().size > 0;
  const databaseCpu = (): Map<number, number> | null => {
    if (embedded) {
      const seconds = readCpuSeconds(embedded.pid);
      return seconds === null ? null : new Map([[embedded.pid, seconds]]);
    }
    return isLocalPostgres ? readPostgresCpuByPid() : null;
  };

  const reports: PhaseReport[] = [];
  const limits: Record<LimitKind, PhaseReport | null> = { insert: null, select: null };
  const measure = async (
    key: string,
    title: string,
    limit: LimitKind | null,
    work: () => Promise<LoadResult>,
    /** The process answering, for the CPU column: the service, a reference app, or none (the raw baseline). */
    answeringPid: number | null = service.child.pid,
  ): Promise<PhaseReport> => {
    progress(`phase ${title}`);
    const benchCpuBefore = process.cpuUsage();
    const throughService = answeringPid === service.child.pid;
    const serviceCpuBefore = answeringPid === null ? null : readCpuSeconds(answeringPid);
    const databaseCpuBefore = databaseCpu();
    serviceRss.takePeak();
    databaseRss?.takePeak();
    const profiling = profileDir !== undefined && throughService;
    if (profiling) await service.command({ cmd: 'start', phase: key });
    let result: LoadResult;
    try {
      result = await work();
    } catch (error) {
      result = failedPhase((error as Error).message);
    }
    const agent = profiling ? await service.command({ cmd: 'stop' }) : undefined;
    const benchCpu = process.cpuUsage(benchCpuBefore);
    const serviceCpuAfter = answeringPid === null ? null : readCpuSeconds(answeringPid);
    const databaseCpuAfter = databaseCpu();
    const servicePeak = serviceRss.takePeak();
    const databasePeak = databaseRss?.takePeak();
    const perRequest = (before: number | null, after: number | null): number | null =>
      before === null || after === null || result.requests === 0 ? null : ((after - before) * 1000) / result.requests;
    const databaseSeconds = databaseCpuBefore && databaseCpuAfter ? cpuSecondsBetween(databaseCpuBefore, databaseCpuAfter) : null;
    const report: PhaseReport = {
      key,
      title,
      limit,
      valid: result.errors === 0 && result.requests === result.planned,
      result,
      ratioToLimit: null,
      serviceCpuMsPerRequest: perRequest(serviceCpuBefore, serviceCpuAfter),
      databaseCpuMsPerRequest: perRequest(0, databaseSeconds),
      benchCpuMsPerRequest: perRequest(0, (benchCpu.user + benchCpu.system) / 1e6),
      servicePeakRssMb: servicePeak.peakRssKb / 1024,
      serviceHwmMb: servicePeak.hwmKb / 1024,
      databasePeakRssMb: databasePeak ? databasePeak.peakRssKb / 1024 : null,
    };
    if (agent?.ok && agent.statements) {
      const statements = agent.statements.reduce((sum, statement) => sum + statement.count, 0);
      report.statementsPerRequest = result.requests ? statements / result.requests : 0;
      report.topStatements = agent.statements.slice(0, 8);
      report.profileFile = agent.file;
      if (agent.file) report.profile = summarizeProfile(JSON.parse(readFileSync(agent.file, 'utf8')) as CpuProfile, 15);
    }
    progress(
      `  ${result.requests} requests, ${result.errors} errors, ${result.requestsPerSecond.toFixed(0)} req/s, ` +
        `p99 ${result.latencyMs.p99.toFixed(1)} ms${report.valid ? '' : ' — INVALID'}`,
    );
    return report;
  };

  // The limit, on the same database and at the same concurrency, before the SCIM phases.
  const baseline = new RawBaseline({
    databaseUrl,
    runId,
    companyId,
    integrationId: randomUUID(),
    concurrency: options.concurrency,
    connections: baselineConnections,
    sharesSessionWithService: embedded !== null,
    timeoutMs: options.phaseTimeoutSeconds * 1000,
  });
  cleanup.add('drop the scratch schema', () => baseline.close());
  await baseline.createScratchTable();
  limits.insert = await measure('raw-insert', 'LIMIT raw INSERT (pg)', null, () => baseline.insertRows(options.users), null);
  limits.select = await measure('raw-select', 'LIMIT raw point SELECT (pg)', null, () => baseline.pointSelects(options.lookups), null);
  // The baseline's rows written out first, so that the least implementation does not pay for their checkpoint.
  if (!embedded) await monitor.query('CHECKPOINT').catch(() => undefined);
  const least = embedded ? [] : await measureLeastImplementation(baseline, databaseUrl, created.companyId, options, cleanup, measure);
  await baseline.close();
  // Let PostgreSQL write out the scratch rows before the service is measured (needs superuser; best effort).
  await monitor.query('CHECKPOINT').catch(() => undefined);
  // The other limit: the bare framework, at the same concurrency, for as many requests as the service's floor phases.
  const floors: Record<FloorKind, PhaseReport | null> = { plain: null, bearer: null };
  const floor = await FrameworkFloor.start(options.concurrency, options.phaseTimeoutSeconds * 1000);
  cleanup.add('stop the framework floor', () => floor.stop());
  progress('warming up the framework floor (untimed)');
  await floor.warmUp(warmUpRequests(options));
  floors.plain = await measure('floor-plain', 'FLOOR bare NestJS, fixed JSON', null, () => floor.fixedJson(options.lookups), floor.pid);
  floors.bearer = await measure(
    'floor-bearer',
    'FLOOR bare NestJS + bearer check',
    null,
    () => floor.fixedJsonBehindBearer(options.lookups),
    floor.pid,
  );
  await floor.stop();

  const scim = new ScimScenario(http, scimBasePath, tokens, runId, options);
  await scim.createManager();
  // The floors were measured warm: so is the service, on the routes of its first phases.
  progress('warming up the service (untimed)');
  await scim.httpFloor(warmUpRequests(options));
  await scim.authenticatedFloor(warmUpRequests(options));
  reports.push(await measure('http-floor', '0. GET /health (no auth, no SQL)', 'select', () => scim.httpFloor(options.lookups)));
  reports.push(
    await measure('auth-floor', '0. GET /ServiceProviderConfig (auth only)', 'select', () => scim.authenticatedFloor(options.lookups)),
  );
  reports.push(await measure('create', 'a. POST /Users', 'insert', () => scim.createUsers()));
  reports.push(await measure('lookup-username', 'b. GET userName eq', 'select', () => scim.lookUpByUserName()));
  reports.push(await measure('lookup-externalid', 'b. GET externalId eq', 'select', () => scim.lookUpByExternalId()));
  // A long-polling reader of the internal feed and a webhook receiver listen while the provider deactivates users.
  const probe = new EventLatencyProbe(service.baseUrl, service.internalToken);
  const probing = await probe.start(http, created.superAdmin.apiKey).then(
    () => true,
    (error: Error) => {
      progress(`  event latency probe could not start: ${error.message}`);
      return false;
    },
  );
  reports.push(
    await measure('deactivate', 'c. PATCH active=false', 'insert', () =>
      scim.deactivate(probing ? (userId) => probe.sending(userId) : undefined),
    ),
  );
  const eventLatency = probing ? await probe.finish(30_000) : null;
  let listing: { consistencyError?: string } = {};
  reports.push(
    await measure('list', `d. GET /Users pages of ${options.pageSize}`, 'select', async () => {
      const outcome = await scim.listAll();
      listing = outcome;
      return outcome.result;
    }),
  );
  reports.push(await measure('group-add', 'e. PATCH group +100 members', 'insert', () => scim.growBigGroup()));
  reports.push(await measure('group-remove', 'e. PATCH group Remove 1 member', 'insert', () => scim.removeSingleMembers()));
  let bigGroupFullGet: BenchReport['bigGroupFullGet'] = null;
  if (scim.bigGroupId) {
    progress('reading the whole big group once to check its membership');
    bigGroupFullGet = await scim.verifyBigGroup().catch((error: Error) => ({ ms: 0, members: 0, bytes: 0, error: error.message }));
  }
  reports.push(await measure('group-get', 'f. GET group excludedAttributes=members', 'select', () => scim.getBigGroupWithoutMembers()));
  reports.push(
    await measure('group-find', 'f. GET /Groups displayName eq, excl. members', 'select', () => scim.findBigGroupByDisplayName()),
  );
  let comparison: BenchReport['comparison'] = null;
  if (scim.bigGroupId) {
    progress('comparing a 100-member PATCH into the big group and into a small group');
    const compared = await scim.compareGroupSizes().catch((error: Error) => {
      progress(`  comparison failed: ${error.message}`);
      return null;
    });
    if (compared) {
      comparison = {
        ...compared,
        ratioP99: compared.small.p99 > 0 ? compared.big.p99 / compared.small.p99 : null,
        valid: compared.errors === 0,
      };
    }
  }

  // Last, so that the users it adds change no other phase.
  const singles = await measure('bulk-singles', `g. ${BULK_SIZE} single POST /Users x ${options.bulkRounds}`, 'insert', () =>
    scim.createUsersOneByOne(options.bulkRounds),
  );
  const bulk = await measure('bulk', `g. POST /Bulk of ${BULK_SIZE} user creates x ${options.bulkRounds}`, null, () =>
    scim.createUsersInBulk(options.bulkRounds),
  );
  reports.push(singles, bulk);
  const bulkComparison = compareBulk(singles, bulk, options.bulkRounds);
  const provisioningApi = await provisioningApiScenario(http, created.superAdmin.apiKey, runId, options);
  const apiSingles = await measure('batch-singles', `h. ${BATCH_SIZE} single POST /api/v1/users x ${options.bulkRounds}`, 'insert', () =>
    provisioningApi.createUsersOneByOne(options.bulkRounds),
  );
  const batch = await measure('batch', `h. POST /api/v1/users/batch of ${BATCH_SIZE} x ${options.bulkRounds}`, null, () =>
    provisioningApi.upsertInBatches(options.bulkRounds),
  );
  reports.push(apiSingles, batch);
  const batchComparison = compareBulk(apiSingles, batch, options.bulkRounds);
  const snapshot =
    options.snapshotUsers > 0 ? await snapshotPhase(service.baseUrl, created.superAdmin.apiKey, runId, options, cleanup, serviceRss) : null;

  const finalHwm = readMemory(service.child.pid)?.hwmKb;
  for (const report of reports) {
    const limit = report.limit ? limits[report.limit] : null;
    if (limit && limit.result.requestsPerSecond > 0) report.ratioToLimit = report.result.requestsPerSecond / limit.result.requestsPerSecond;
    // Per-request phases only (a Bulk or batch request is a thousand changes); /health answers without a credential.
    if (report.limit === null) continue;
    compareToFloor(report, floors, report.key === 'http-floor' ? 'plain' : 'bearer');
  }
  for (const report of least) compareToFloor(report, floors, 'bearer');
  if (listing.consistencyError) reports.find((report) => report.key === 'list')!.note = listing.consistencyError;
  const partial = {
    meta: {
      date: new Date().toISOString(),
      engine,
      serverVersion,
      users: options.users,
      concurrency: options.concurrency,
      poolSize,
      workers: options.workers,
      logLevel: options.logLevel,
      baselineConnections,
      pageSize: options.pageSize,
      lookups: options.lookups,
      deactivations: options.deactivations,
      removals: options.removals,
      groupGets: options.groupGets,
      smoke: options.smoke,
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model?.trim() ?? 'unknown',
      memoryGb: Math.round(totalmem() / 1024 ** 3),
      kernel: release(),
      node: process.version,
      commit: gitDescribe(),
      databaseRssMbPeak: databaseRss ? Math.max(...reports.map((report) => report.databasePeakRssMb ?? 0)) : null,
    },
    limit: limits,
    floor: floors,
    least,
    phases: reports,
    comparison,
    bigGroupFullGet,
    bulkComparison,
    batchComparison,
    snapshot,
    eventLatency,
    servicePeakRssMb: finalHwm !== undefined ? finalHwm / 1024 : null,
  };
  const all = [limits.insert, limits.select, floors.plain, floors.bearer, ...least, ...reports].filter(
    (entry): entry is PhaseReport => entry !== null,
  );
  // A phase that ran out of time or could not start already counts one error of its own.
  const errors =
    all.reduce((sum, entry) => sum + entry.result.errors, 0) +
    (comparison ? comparison.errors : scim.bigGroupId ? 1 : 0) +
    (bigGroupFullGet?.error ? 1 : 0) +
    (snapshot?.error ? 1 : 0) +
    (eventLatency ? eventLatency.sent - Math.min(eventLatency.feed.received, eventLatency.webhook.received) : 1);
  const report: BenchReport = { ...partial, targets: checkTargets(partial, options.users), valid: errors === 0, errors };

  process.stdout.write(`${formatReport(report)}\n`);
  if (!report.valid) {
    process.stderr.write(`\nLast output of the service (LOG_LEVEL=${options.logLevel}):\n${service.child.outputTail(6000)}\n`);
  }
  if (profileDir) {
    for (const entry of reports) {
      if (!entry.profile) continue;
      process.stdout.write(`\nProfile of ${entry.title} (${entry.profileFile}):\n`);
      process.stdout.write(`  ${entry.statementsPerRequest?.toFixed(2)} SQL statements per request; most time:\n`);
      for (const statement of entry.topStatements ?? []) {
        process.stdout.write(
          `    ${String(statement.count).padStart(7)}x ${(statement.totalMs / statement.count).toFixed(2).padStart(7)} ms  ${statement.sql.slice(0, 140)}\n`,
        );
      }
      process.stdout.write(`${formatProfileSummary(entry.profile)}\n`);
    }
  }
  if (options.json) {
    writeFileSync(options.json, `${JSON.stringify(report, null, 2)}\n`);
    progress(`results written to ${options.json}`);
  }
  return report.valid ? 0 : 1;
}

/** The directory snapshots of the Provisioning API: a first one creating everyone, one with 1 % changed, one unchanged. */
async function snapshotPhase(
  baseUrl: string,
  adminKey: string,
  runId: string,
  options: BenchOptions,
  cleanup: Cleanup,
  serviceRss: RssSampler,
): Promise<SnapshotReport> {
  progress(`directory snapshots of ${options.snapshotUsers} users through the Provisioning API`);
  // A commit answers once the whole difference is applied: the first one creates every user, so it waits longer.
  const snapshotHttp = new HttpClient(baseUrl, 4, options.phaseTimeoutSeconds * 1000);
  cleanup.add('close HTTP connections', () => snapshotHttp.close());
  const peakRssMb = () => serviceRss.takePeak().peakRssKb / 1024;
  const snapshot = await new SnapshotScenario(snapshotHttp, adminKey, runId, options.snapshotUsers, peakRssMb)
    .run()
    .catch((error: Error): SnapshotReport => ({
      users: options.snapshotUsers,
      changed: 0,
      ...EMPTY_SNAPSHOT_RUNS,
      error: error.message,
    }));
  if (!snapshot.error) progress(`  1 % changed: ${snapshot.changedRun.totalMs.toFixed(0)} ms`);
  return snapshot;
}

/** Users created per second by single POSTs at C and by Bulk requests of BULK_SIZE, one at a time. */
function compareBulk(singles: PhaseReport, bulk: PhaseReport, rounds: number): BenchReport['bulkComparison'] {
  const users = rounds * BULK_SIZE;
  const singleUsersPerSecond = singles.result.durationMs > 0 ? (singles.result.requests * 1000) / singles.result.durationMs : 0;
  const bulkUsersPerSecond = bulk.result.durationMs > 0 ? (bulk.result.requests * BULK_SIZE * 1000) / bulk.result.durationMs : 0;
  return {
    users,
    bulkSize: BULK_SIZE,
    singleUsersPerSecond,
    bulkUsersPerSecond,
    bulkRequestMs: bulk.result.latencyMs,
    ratio: singleUsersPerSecond > 0 ? bulkUsersPerSecond / singleUsersPerSecond : null,
    valid: singles.valid && bulk.valid,
  };
}

const NOT_RUN = { totalMs: 0, uploadMs: 0, commitMs: 0, recordedMs: null, state: 'not run', counts: null, servicePeakRssMb: null };
const EMPTY_SNAPSHOT_RUNS = { initial: NOT_RUN, changedRun: NOT_RUN, unchangedRun: NOT_RUN };

/** A Provisioning API key of the run's company, issued through the admin API. */
async function provisioningApiScenario(
  http: HttpClient,
  adminKey: string,
  runId: string,
  options: BenchOptions,
): Promise<ProvisioningApiScenario> {
  const issued = await http.send('POST', '/api/admin/directory-integrations/provisioning-api/keys', adminKey, {
    name: `bench ${runId}`,
    scope: 'read-write',
  });
  expectStatus(issued, [201], 'POST provisioning-api/keys');
  return new ProvisioningApiScenario(http, (issued.body as { key: string }).key, runId, options);
}

/** Sets which bare-framework rate the phase is compared to, and its share of it. */
function compareToFloor(report: PhaseReport, floors: Record<FloorKind, PhaseReport | null>, floor: FloorKind): void {
  report.floor = floor;
  const floorRate = floors[floor]?.result.requestsPerSecond ?? 0;
  report.ratioToFloor = floorRate > 0 ? report.result.requestsPerSecond / floorRate : null;
}

/**
 * Requests sent, untimed, to a freshly started process (the floor, the least implementation) and to the service's
 * first routes before they are measured: V8 compiles hot code after some thousands of calls, and a phase that starts
 * cold reads slower than the warm ones it is compared with.
 */
function warmUpRequests(options: BenchOptions): number {
  return Math.min(1000, options.lookups);
}

type MeasurePhase = (
  key: string,
  title: string,
  limit: LimitKind | null,
  work: () => Promise<LoadResult>,
  answeringPid?: number | null,
) => Promise<PhaseReport>;

/**
 * The least implementation's create, lookup and deactivation (least-implementation.ts) on the raw baseline's scratch
 * tables. PostgreSQL only: on the embedded database every connection shares the service's one backend session.
 */
async function measureLeastImplementation(
  baseline: RawBaseline,
  databaseUrl: string,
  companyId: string,
  options: BenchOptions,
  cleanup: Cleanup,
  measure: MeasurePhase,
): Promise<PhaseReport[]> {
  await baseline.createShapeTables();
  const least = await LeastImplementation.start({
    databaseUrl,
    schema: baseline.schemaName,
    companyId,
    connections: options.poolSize ?? SERVICE_DEFAULT_POOL_SIZE,
    concurrency: options.concurrency,
    timeoutMs: options.phaseTimeoutSeconds * 1000,
  });
  cleanup.add('stop the least implementation', () => least.stop());
  progress('warming up the least implementation (untimed)');
  await least.warmUp(warmUpRequests(options));
  const count = options.lookups;
  const reports = [
    await measure('least-create', 'LEAST create: user + its event', null, () => least.createUsers(count), least.pid),
    await measure('least-lookup', 'LEAST userName eq: user + its groups', null, () => least.lookUpByUserName(count), least.pid),
    await measure('least-deactivate', 'LEAST deactivate: update + event + groups', null, () => least.deactivate(count), least.pid),
  ];
  await least.stop();
  return reports;
}

function failedPhase(message: string): LoadResult {
  return {
    requests: 0,
    planned: 1,
    errors: 1,
    errorSamples: [{ message, count: 1 }],
    durationMs: 0,
    requestsPerSecond: 0,
    latencyMs: { p50: 0, p95: 0, p99: 0, max: 0, mean: 0 },
    timedOut: false,
  };
}

/** The benchmark only talks to 127.0.0.1: a DATABASE_URL elsewhere is refused. */
function assertLoopback(databaseUrl: string): void {
  const host = new URL(databaseUrl).hostname;
  if (host !== '127.0.0.1' && host !== 'localhost') {
    throw new UsageError(`DATABASE_URL must point at 127.0.0.1 (the benchmark only talks to this machine), not ${host}`);
  }
}

function gitDescribe(): string | null {
  try {
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], {
      cwd: PROJECT_ROOT,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no', '--', 'src', 'migrations'], {
      cwd: PROJECT_ROOT,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
    return dirty ? `${commit}+uncommitted` : commit;
  } catch {
    return null;
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n\n${usage()}\n`);
      process.exit(2);
    }
    process.stderr.write(`benchmark failed: ${(error as Error)?.stack ?? String(error)}\n`);
    process.exit(1);
  },
);
