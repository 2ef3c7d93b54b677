import { resolve } from 'node:path';
import { LogLevel, validateEnvironment } from './environment';

export interface InternalApiCredential {
  name: string;
  secret: string;
}

export interface AppConfiguration {
  http: { port: number; host: string; publicBaseUrl: string };
  database: { url?: string; dataDir: string; poolSize: number };
  internalApi: { credentials: InternalApiCredential[] };
  scim: {
    maxPageSize: number;
    /** RFC 7644 §3.7: most operations and bytes (the parser's limit for /Bulk) one Bulk request may carry. */
    bulk: { maxOperations: number; maxPayloadSize: number };
  };
  /** Requests per minute and credential (provisioning token, admin key). */
  rateLimits: { scimPerMinute: number; adminPerMinute: number };
  /** Prometheus exposition at /metrics, served only when a token is set. */
  metrics: { token?: string };
  retention: RetentionConfiguration;
  logLevel: LogLevel;
}

/** How long each kind of record is kept, in days; 0 keeps it for ever. */
export interface RetentionConfiguration {
  syncLogDays: number;
  auditLogDays: number;
  /** Completed or expired master-password resets, counted from completion or expiry. */
  passwordResetDays: number;
  /** A deleted user's personal attributes, counted from the deletion; a tombstone stays. */
  deletedUserDays: number;
  /** Completed and cancelled key-grant tasks, counted from when they finished; failed ones stay visible. */
  keyGrantDays: number;
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
    },
    metrics: { token: env.METRICS_TOKEN },
    retention: {
      syncLogDays: env.RETENTION_SYNC_LOG_DAYS ?? 30,
      auditLogDays: env.RETENTION_AUDIT_LOG_DAYS ?? 365,
      passwordResetDays: env.RETENTION_PASSWORD_RESETS_DAYS ?? 30,
      deletedUserDays: env.RETENTION_DELETED_USERS_DAYS ?? 30,
      keyGrantDays: env.RETENTION_KEY_GRANTS_DAYS ?? 30,
      intervalMs: (env.RETENTION_INTERVAL_SECONDS ?? 3600) * 1000,
    },
    logLevel: env.LOG_LEVEL ?? 'info',
  };
}

function parseInternalApiTokens(value: string | undefined): InternalApiCredential[] {
  if (!value) return [];
  return value.split(',').map((pair) => {
    const [name, secret] = pair.trim().split(':');
    return { name, secret };
  });
}
