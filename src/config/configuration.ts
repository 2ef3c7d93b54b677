import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { ConfigurationError, LogLevel, validateEnvironment } from './environment';

/** Google's OAuth 2.0 token endpoint, the audience of a service account's JWT-bearer assertion. */
export const GOOGLE_TOKEN_URL = 'https://oauth2.googleapis.com/token';

export interface InternalApiCredential {
  name: string;
  secret: string;
}

export interface AppConfiguration {
  http: { port: number; host: string; publicBaseUrl: string };
  database: { url?: string; listenUrl?: string; dataDir: string; poolSize: number };
  internalApi: { credentials: InternalApiCredential[] };
  scim: {
    maxPageSize: number;
    /** RFC 7644 §3.7: most operations and bytes (the parser's limit for /Bulk) one Bulk request may carry. */
    bulk: { maxOperations: number; maxPayloadSize: number };
  };
  /** Requests per minute and credential (provisioning token, admin key). */
  rateLimits: { scimPerMinute: number; adminPerMinute: number; provisioningApiPerMinute: number };
  /** Prometheus exposition at /metrics, served only when a token is set. */
  metrics: { token?: string };
  retention: RetentionConfiguration;
  webhooks: WebhooksConfiguration;
  /** An open or held directory snapshot that is not committed or confirmed in this time expires. */
  directorySync: { snapshotExpiryMs: number };
  googleWorkspace: GoogleWorkspaceConfiguration;
  logLevel: LogLevel;
}

export interface WebhooksConfiguration {
  /** AES-256-GCM key that encrypts the endpoints' signing secrets at rest. */
  secretKey: Buffer;
  /** Hosts, addresses and CIDR ranges an endpoint may reach although they are not public. */
  allowedHosts: string[];
  /** Longest wait for one delivery attempt. */
  timeoutMs: number;
  /** Wait before the first retry; each further one waits about twice as long, at most an hour. */
  firstRetryDelayMs: number;
  /** How long an endpoint may keep failing before it is disabled. */
  retryHorizonMs: number;
}

export interface GoogleWorkspaceConfiguration {
  /** AES-256-GCM key that encrypts the service account keys at rest; unset: see docs/google-workspace.md. */
  keyEncryptionKey?: Buffer;
  /** Root of the Admin SDK Directory API, and Google's OAuth 2.0 token endpoint (tests point both at a stand-in). */
  apiRoot: string;
  tokenUrl: string;
  /** Pause between looks for due scheduled runs; 0: this instance runs none (another instance may). */
  pollIntervalMs: number;
  /** Attempts of one Directory API call answered 429, 5xx or a quota error, and the first wait between them. */
  maxAttempts: number;
  backoffBaseMs: number;
}

/** How long each kind of record is kept, in days; 0 keeps it for ever. */
export interface RetentionConfiguration {
  syncLogDays: number;
  auditLogDays: number;
  /** Completed or expired master-password resets, counted from completion or expiry. */
  passwordResetDays: number;
  /** A deleted user's personal attributes, counted from the deletion; a tombstone stays. */
  deletedUserDays: number;
  webhookDeliveryDays: number;
  /** Completed and cancelled key-grant tasks, counted from when they finished; failed ones stay visible. */
  keyGrantDays: number;
  /** Change events, counted from when they occurred; the feed answers 410 to a cursor before the oldest kept. */
  eventsDays: number;
  /** Pause between background purges; 0: this instance runs none (another instance may). */
  intervalMs: number;
}

/** Reads and validates the environment into the typed configuration used everywhere else. */
export function loadConfiguration(raw: Record<string, unknown>): AppConfiguration {
  const env = validateEnvironment(raw);
  const port = env.PORT ?? 3000;
  return {
    http: {
      port,
      host: env.HOST ?? '127.0.0.1',
      publicBaseUrl: (env.PUBLIC_BASE_URL ?? `http://localhost:${port}`).replace(/\/+$/, ''),
    },
    database: {
      url: env.DATABASE_URL,
      listenUrl: env.DATABASE_LISTEN_URL,
      dataDir: resolve(env.DATA_DIR ?? './data'),
      poolSize: env.DATABASE_POOL_SIZE ?? 10,
    },
    internalApi: { credentials: parseInternalApiTokens(env.INTERNAL_API_TOKENS) },
    scim: {
      maxPageSize: env.SCIM_MAX_PAGE_SIZE ?? 1000,
      bulk: {
        maxOperations: env.SCIM_BULK_MAX_OPERATIONS ?? 1000,
        maxPayloadSize: env.SCIM_BULK_MAX_PAYLOAD_BYTES ?? 4 * 1024 * 1024,
      },
    },
    rateLimits: {
      scimPerMinute: env.SCIM_RATE_LIMIT_PER_MINUTE ?? 60_000,
      adminPerMinute: env.ADMIN_RATE_LIMIT_PER_MINUTE ?? 1_200,
      provisioningApiPerMinute: env.PROVISIONING_API_RATE_LIMIT_PER_MINUTE ?? 6_000,
    },
    metrics: { token: env.METRICS_TOKEN },
    retention: {
      syncLogDays: env.RETENTION_SYNC_LOG_DAYS ?? 30,
      auditLogDays: env.RETENTION_AUDIT_LOG_DAYS ?? 365,
      passwordResetDays: env.RETENTION_PASSWORD_RESETS_DAYS ?? 30,
      deletedUserDays: env.RETENTION_DELETED_USERS_DAYS ?? 30,
      webhookDeliveryDays: env.RETENTION_WEBHOOK_DELIVERIES_DAYS ?? 30,
      keyGrantDays: env.RETENTION_KEY_GRANTS_DAYS ?? 30,
      eventsDays: env.EVENTS_RETENTION_DAYS ?? 7,
      intervalMs: (env.RETENTION_INTERVAL_SECONDS ?? 3600) * 1000,
    },
    webhooks: {
      secretKey: webhookSecretKey(env.WEBHOOK_SECRET_KEY, raw.NODE_ENV === 'production'),
      allowedHosts: (env.WEBHOOK_ALLOWED_HOSTS ?? '')
        .split(',')
        .map((host) => host.trim())
        .filter(Boolean),
      timeoutMs: env.WEBHOOK_TIMEOUT_MS ?? 10_000,
      firstRetryDelayMs: env.WEBHOOK_FIRST_RETRY_DELAY_MS ?? 5_000,
      retryHorizonMs: (env.WEBHOOK_RETRY_HORIZON_SECONDS ?? 3 * 24 * 3600) * 1000,
    },
    directorySync: { snapshotExpiryMs: (env.DIRECTORY_SNAPSHOT_EXPIRY_HOURS ?? 24) * 3600 * 1000 },
    googleWorkspace: {
      keyEncryptionKey: env.GOOGLE_WORKSPACE_KEY_ENCRYPTION_KEY ? decodeKey(env.GOOGLE_WORKSPACE_KEY_ENCRYPTION_KEY) : undefined,
      apiRoot: withTrailingSlash(env.GOOGLE_DIRECTORY_API_ROOT ?? 'https://admin.googleapis.com/'),
      tokenUrl: env.GOOGLE_OAUTH_TOKEN_URL ?? GOOGLE_TOKEN_URL,
      pollIntervalMs: (env.GOOGLE_WORKSPACE_POLL_SECONDS ?? 30) * 1000,
      maxAttempts: env.GOOGLE_WORKSPACE_MAX_ATTEMPTS ?? 6,
      backoffBaseMs: env.GOOGLE_WORKSPACE_BACKOFF_MS ?? 1000,
    },
    logLevel: env.LOG_LEVEL ?? 'info',
  };
}

/**
 * The key from WEBHOOK_SECRET_KEY (32 bytes, base64 or hex). Production must set one; elsewhere a fixed development
 * key stands in, so that a fresh checkout starts and its instances agree.
 */
function webhookSecretKey(value: string | undefined, production: boolean): Buffer {
  if (value) return decodeKey(value);
  if (production) throw new ConfigurationError('Invalid configuration: WEBHOOK_SECRET_KEY must be set when NODE_ENV=production');
  return createHash('sha256').update('dps development webhook secret key').digest();
}

/** A 32-byte key written as 64 hex digits or base64. */
function decodeKey(value: string): Buffer {
  return /^[0-9a-f]{64}$/i.test(value) ? Buffer.from(value, 'hex') : Buffer.from(value, 'base64');
}

function withTrailingSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}

function parseInternalApiTokens(value: string | undefined): InternalApiCredential[] {
  if (!value) return [];
  return value.split(',').map((pair) => {
    const [name, secret] = pair.trim().split(':');
    return { name, secret };
  });
}
