export interface BenchOptions {
  users: number;
  concurrency: number;
  /** userName-eq and externalId-eq lookups, each. */
  lookups: number;
  /** PATCH active=false requests. */
  deactivations: number;
  pageSize: number;
  /** Entra-style single-member removals from the big group. */
  removals: number;
  /** GETs of the big group with excludedAttributes=members. */
  groupGets: number;
  /** Add+remove cycles per group in the 100-member PATCH comparison (run one request at a time). */
  compareCycles: number;
  smallGroupSize: number;
  /** Rounds of the Bulk comparison: 1,000 single creates, then one Bulk request of 1,000 creates. */
  bulkRounds: number;
  snapshotUsers: number;
  /** Only the directory snapshot phase: the service, a company, the snapshots; no SCIM phase, no baseline. */
  snapshotsOnly: boolean;
  poolSize?: number;
  /** WEB_CONCURRENCY of the service: worker processes sharing its port (PostgreSQL only). */
  workers: number;
  /** LOG_LEVEL of the service: warn by default; info writes the line per request, as production does. */
  logLevel: string;
  json?: string;
  profileDir?: string;
  smoke: boolean;
  keepData: boolean;
  /** Bound on each phase; the phase stops issuing requests and is reported INVALID when it runs out. */
  phaseTimeoutSeconds: number;
  requestTimeoutSeconds: number;
  databaseUrl?: string;
}

const USAGE = `Usage: npm run bench -- [options]

  --users N             users to create (default 10000; the issue's targets are stated for 100000)
  --concurrency C       requests in flight, for the SCIM phases and the raw baseline alike (default 16)
  --lookups L           userName-eq and externalId-eq lookups, each (default min(N, 5000))
  --deactivations D     PATCH active=false requests (default min(N, 5000))
  --page-size P         count per page of the full listing (default 100)
  --removals R          single-member removals from the big group (default min(1000, N/10))
  --group-gets G        GETs of the big group with excludedAttributes=members (default 1000)
  --compare-cycles K    100-member PATCHes into the big and into the small group (default 100 each)
  --small-group S       size of the small group of the comparison (default 1000)
  --bulk-rounds B       rounds of the Bulk comparison, each 1,000 single POST /Users at C and one POST /Bulk
                        of 1,000 user creates (default 5; 1 with --smoke)
  --snapshot-users U    users of the directory snapshots sent through the Provisioning API; the measured one has
                        1 % of them changed (default 100000; 1000 with --smoke; 0 skips them)
  --snapshots-only      run the directory snapshot phase alone (no raw baseline, no SCIM or batch phase)
  --workers W           WEB_CONCURRENCY of the service: W worker processes (default 1; PostgreSQL only, not with
                        --profile); CPU and memory are then those of the primary and all its workers
  --log-level L         LOG_LEVEL of the service (default warn; info writes a log line per request, as in
                        production)
  --pool-size P         DATABASE_POOL_SIZE of the service (default: the service's default on PostgreSQL;
                        1 on the embedded database, which is one session)
  --json FILE           also write the results as JSON to FILE
  --profile DIR         write a CPU profile and the SQL statement counts of the service per phase into DIR
  --smoke               a few hundred users at low concurrency; exits non-zero on any error, ignores speed
  --keep-data           on DATABASE_URL, keep the benchmark's company instead of deleting it at the end
  --phase-timeout S     upper bound of each phase in seconds (default 900)
  --request-timeout S   upper bound of each request in seconds (default 60)

The database is embedded PGlite (in a temporary directory) unless DATABASE_URL is set.`;

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export function usage(): string {
  return USAGE;
}

export function parseBenchOptions(argv: string[], env: Record<string, string | undefined>): BenchOptions {
  const raw = new Map<string, string | true>();
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index];
    if (!argument.startsWith('--')) throw new UsageError(`unexpected argument ${argument}`);
    const [name, inline] = argument.slice(2).split('=', 2);
    if (FLAGS.has(name)) {
      raw.set(name, true);
    } else if (VALUED.has(name)) {
      const value = inline ?? argv[++index];
      if (value === undefined) throw new UsageError(`--${name} needs a value`);
      raw.set(name, value);
    } else {
      throw new UsageError(`unknown option --${name}`);
    }
  }
  if (raw.has('workers') && raw.get('workers') !== '1') {
    if (!env.DATABASE_URL) throw new UsageError('--workers needs DATABASE_URL: the embedded database serves one process');
    if (raw.has('profile')) throw new UsageError('--workers and --profile do not go together: the profile is of one process');
  }
  const smoke = raw.has('smoke');
  const users = integer(raw, 'users', smoke ? 300 : 10_000, 10, 10_000_000);
  const smallDefault = Math.min(1000, Math.floor(users / 2));
  return {
    users,
    concurrency: integer(raw, 'concurrency', smoke ? 4 : 16, 1, 1000),
    lookups: integer(raw, 'lookups', Math.min(users, 5_000), 1, 10_000_000),
    deactivations: Math.min(users, integer(raw, 'deactivations', Math.min(users, 5_000), 1, 10_000_000)),
    pageSize: integer(raw, 'page-size', 100, 1, 10_000),
    removals: Math.min(users, integer(raw, 'removals', Math.max(1, Math.min(1000, Math.floor(users / 10))), 1, 1_000_000)),
    groupGets: integer(raw, 'group-gets', smoke ? 50 : 1000, 1, 1_000_000),
    compareCycles: integer(raw, 'compare-cycles', smoke ? 5 : 100, 1, 100_000),
    smallGroupSize: Math.min(Math.floor(users / 2), integer(raw, 'small-group', smallDefault, 1, 1_000_000)),
    bulkRounds: integer(raw, 'bulk-rounds', smoke ? 1 : 5, 1, 1000),
    snapshotUsers: integer(raw, 'snapshot-users', smoke ? 1000 : 100_000, raw.has('snapshots-only') ? 1 : 0, 1_000_000),
    snapshotsOnly: raw.has('snapshots-only'),
    poolSize: raw.has('pool-size') ? integer(raw, 'pool-size', 10, 1, 500) : undefined,
    workers: integer(raw, 'workers', 1, 1, 64),
    logLevel: logLevel(raw),
    json: text(raw, 'json'),
    profileDir: text(raw, 'profile'),
    smoke,
    keepData: raw.has('keep-data'),
    phaseTimeoutSeconds: integer(raw, 'phase-timeout', 900, 1, 86_400),
    requestTimeoutSeconds: integer(raw, 'request-timeout', 60, 1, 3_600),
    databaseUrl: env.DATABASE_URL || undefined,
  };
}

const FLAGS = new Set(['smoke', 'keep-data', 'snapshots-only', 'help']);
const VALUED = new Set([
  'users',
  'concurrency',
  'lookups',
  'deactivations',
  'page-size',
  'removals',
  'group-gets',
  'compare-cycles',
  'small-group',
  'bulk-rounds',
  'snapshot-users',
  'pool-size',
  'workers',
  'log-level',
  'json',
  'profile',
  'phase-timeout',
  'request-timeout',
]);

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

function logLevel(raw: Map<string, string | true>): string {
  const value = text(raw, 'log-level') ?? 'warn';
  if (!LOG_LEVELS.includes(value)) throw new UsageError(`--log-level must be one of ${LOG_LEVELS.join(', ')}`);
  return value;
}

function integer(raw: Map<string, string | true>, name: string, fallback: number, min: number, max: number): number {
  const value = raw.get(name);
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < min || parsed > max) {
    throw new UsageError(`--${name} must be an integer from ${min} to ${max}`);
  }
  return parsed;
}

function text(raw: Map<string, string | true>, name: string): string | undefined {
  const value = raw.get(name);
  return typeof value === 'string' && value !== '' ? value : undefined;
}
