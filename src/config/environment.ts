import { plainToInstance } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUrl, Max, Matches, Min, MinLength, validateSync } from 'class-validator';

/** A hundred years: beyond that a period means "keep", which 0 says. */
const RETENTION_MAX_DAYS = 36_500;

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

// name:secret pairs, comma separated; secrets are long enough to resist guessing.
const INTERNAL_API_TOKENS_PATTERN = /^\s*[A-Za-z0-9_.-]+:[^,:\s]{16,}\s*(,\s*[A-Za-z0-9_.-]+:[^,:\s]{16,}\s*)*$/;

const WEBHOOK_SECRET_KEY_PATTERN = /^([0-9a-fA-F]{64}|[A-Za-z0-9+/]{43}=)$/;

/** The process environment this service reads, validated at start. */
export class EnvironmentVariables {
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT?: number;

  @IsOptional()
  @IsString()
  @MinLength(1)
  HOST?: string;

  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/\S+$/, { message: 'DATABASE_URL must be a postgres:// or postgresql:// URL' })
  DATABASE_URL?: string;

  /** A direct connection for LISTEN when DATABASE_URL goes through a pooler in transaction mode. */
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/\S+$/, { message: 'DATABASE_LISTEN_URL must be a postgres:// or postgresql:// URL' })
  DATABASE_LISTEN_URL?: string;

  @IsOptional()
  @IsString()
  @MinLength(1)
  DATA_DIR?: string;

  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] })
  PUBLIC_BASE_URL?: string;

  @IsOptional()
  @Matches(INTERNAL_API_TOKENS_PATTERN, {
    message: 'INTERNAL_API_TOKENS must be comma-separated name:secret pairs with secrets of at least 16 characters',
  })
  INTERNAL_API_TOKENS?: string;

  @IsOptional()
  @IsIn(LOG_LEVELS)
  LOG_LEVEL?: LogLevel;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10000)
  SCIM_MAX_PAGE_SIZE?: number;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(500)
  DATABASE_POOL_SIZE?: number;

  /** Worker processes sharing the port (src/startup/worker-cluster.ts); 1: the service is one process. */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(64)
  WEB_CONCURRENCY?: number;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100_000)
  SCIM_BULK_MAX_OPERATIONS?: number;

  // At least the 1 MB every other SCIM request may carry; at most 256 MB, which Node still parses in one piece.
  @IsOptional()
  @IsInt()
  @Min(1024 * 1024)
  @Max(256 * 1024 * 1024)
  SCIM_BULK_MAX_PAYLOAD_BYTES?: number;

  @IsOptional()
  @IsInt()
  @Min(1)
  SCIM_RATE_LIMIT_PER_MINUTE?: number;

  @IsOptional()
  @IsInt()
  @Min(1)
  ADMIN_RATE_LIMIT_PER_MINUTE?: number;

  @IsOptional()
  @IsInt()
  @Min(1)
  PROVISIONING_API_RATE_LIMIT_PER_MINUTE?: number;

  @IsOptional()
  @Matches(/^\S{16,}$/, { message: 'METRICS_TOKEN must be at least 16 characters without whitespace' })
  METRICS_TOKEN?: string;

  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(RETENTION_MAX_DAYS)
  RETENTION_SYNC_LOG_DAYS?: number;

  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(RETENTION_MAX_DAYS)
  RETENTION_AUDIT_LOG_DAYS?: number;

  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(RETENTION_MAX_DAYS)
  RETENTION_PASSWORD_RESETS_DAYS?: number;

  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(RETENTION_MAX_DAYS)
  RETENTION_DELETED_USERS_DAYS?: number;

  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(RETENTION_MAX_DAYS)
  RETENTION_WEBHOOK_DELIVERIES_DAYS?: number;
  RETENTION_KEY_GRANTS_DAYS?: number;

  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(RETENTION_MAX_DAYS)
  EVENTS_RETENTION_DAYS?: number;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(30 * 24)
  DIRECTORY_SNAPSHOT_EXPIRY_HOURS?: number;

  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(7 * 24 * 3600)
  RETENTION_INTERVAL_SECONDS?: number;

  @IsOptional()
  @Matches(WEBHOOK_SECRET_KEY_PATTERN, { message: 'WEBHOOK_SECRET_KEY must be 32 bytes, as 64 hex digits or 44 base64 characters' })
  WEBHOOK_SECRET_KEY?: string;

  @IsOptional()
  @IsString()
  WEBHOOK_ALLOWED_HOSTS?: string;

  @IsOptional()
  @IsInt()
  @Min(100)
  @Max(60_000)
  WEBHOOK_TIMEOUT_MS?: number;

  @IsOptional()
  @IsInt()
  @Min(10)
  @Max(3_600_000)
  WEBHOOK_FIRST_RETRY_DELAY_MS?: number;

  // The issue asks for at least 24 hours of retries; tests shorten it.
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(30 * 24 * 3600)
  WEBHOOK_RETRY_HORIZON_SECONDS?: number;

  @IsOptional()
  @Matches(WEBHOOK_SECRET_KEY_PATTERN, {
    message: 'GOOGLE_WORKSPACE_KEY_ENCRYPTION_KEY must be 32 bytes, as 64 hex digits or 44 base64 characters',
  })
  GOOGLE_WORKSPACE_KEY_ENCRYPTION_KEY?: string;

  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] })
  GOOGLE_DIRECTORY_API_ROOT?: string;

  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] })
  GOOGLE_OAUTH_TOKEN_URL?: string;

  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(3600)
  GOOGLE_WORKSPACE_POLL_SECONDS?: number;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(20)
  GOOGLE_WORKSPACE_MAX_ATTEMPTS?: number;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(60_000)
  GOOGLE_WORKSPACE_BACKOFF_MS?: number;
}

export class ConfigurationError extends Error {
  override readonly name = 'ConfigurationError';
}

/** Validates the raw environment; the error message names every bad variable. */
export function validateEnvironment(raw: Record<string, unknown>): EnvironmentVariables {
  const present = Object.fromEntries(Object.entries(raw).filter(([, value]) => value !== undefined && value !== ''));
  const env = plainToInstance(EnvironmentVariables, present, { enableImplicitConversion: true });
  const errors = validateSync(env, { skipMissingProperties: false, whitelist: false });
  if (errors.length > 0) {
    const details = errors
      .map((error) => `${error.property}=${JSON.stringify(present[error.property])}: ${Object.values(error.constraints ?? {}).join('; ')}`)
      .join('; ');
    throw new ConfigurationError(`Invalid configuration: ${details}`);
  }
  return env;
}
