import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { AppConfiguration } from '../config/configuration';
import { DatabasePoolStats } from '../database/database-pool.stats';
import { SyncLogRecorder } from '../directory-integrations/sync-log/sync-log.recorder';

export type ScimOutcome = 'success' | 'client_error' | 'server_error';

/**
 * The Prometheus metrics of one application instance, in a registry of its own (several instances may share a
 * process, as in tests). Gauges read their source when scraped, so they cost nothing in between.
 */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();
  /** Whether /metrics is served; without it nothing is measured on the request path. */
  readonly enabled: boolean;

  readonly httpRequestDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP requests by route pattern, method and status, with their latency',
    labelNames: ['method', 'route', 'status_code'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  readonly scimOperations = new Counter({
    name: 'dps_scim_operations_total',
    help: 'SCIM requests that a provisioning token authenticated, by provider, resource, operation and outcome',
    labelNames: ['provider', 'resource', 'operation', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly retentionPurged = new Counter({
    name: 'dps_retention_purged_total',
    help: 'Rows purged by retention: sync_log and audit_log entries, password_resets, deleted_users cleared to a tombstone, change_events',
    labelNames: ['kind'] as const,
    registers: [this.registry],
  });

  readonly retentionRuns = new Counter({
    name: 'dps_retention_runs_total',
    help: 'Retention runs by outcome: completed, skipped (another instance was purging) or failed',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });

  constructor(config: ConfigService<AppConfiguration, true>, poolStats: DatabasePoolStats, syncLog: SyncLogRecorder) {
    this.enabled = config.get('metrics', { infer: true }).token !== undefined;
    const pool = () => poolStats.read();
    new Gauge({
      name: 'dps_db_pool_connections',
      help: 'Connections of the database pool, by state: total (open) and idle',
      labelNames: ['state'] as const,
      registers: [this.registry],
      collect() {
        this.set({ state: 'total' }, pool().totalCount);
        this.set({ state: 'idle' }, pool().idleCount);
      },
    });
    new Gauge({
      name: 'dps_db_pool_waiting_requests',
      help: 'Queries waiting for a free connection of the database pool',
      registers: [this.registry],
      collect() {
        this.set(pool().waitingCount);
      },
    });
    new Gauge({
      name: 'dps_sync_log_buffered_entries',
      help: 'Sync-log entries waiting in memory to be written',
      registers: [this.registry],
      collect() {
        this.set(syncLog.bufferedEntries);
      },
    });
    if (this.enabled) collectDefaultMetrics({ register: this.registry });
  }
}
