import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { AccountsService } from '../accounts/accounts.service';
import { MasterPasswordResetsService } from '../accounts/master-password-resets.service';
import { AuditLogService } from '../audit/audit-log.service';
import { CompanyScopes } from '../common/tenancy/company-scope';
import { AppConfiguration, RetentionConfiguration } from '../config/configuration';
import { TransactionHost } from '../database/transaction-host';
import { KeyGrantsService } from '../events/key-grants/key-grants.service';
import { ChangeEventsRetentionService } from '../events/feed/change-events-retention.service';
import { ProvisioningTokensService } from '../directory-integrations/provisioning-tokens/provisioning-tokens.service';
import { SyncLogService } from '../directory-integrations/sync-log/sync-log.service';
import { WebhookDeliveryLog } from '../events/webhooks/webhook-delivery.log';
import { MetricsService } from '../metrics/metrics.service';
import { IdempotencyRetentionService } from '../provisioning-api/idempotency/idempotency-retention.service';
import { RetentionLock } from './retention-lock';

/** Rows per batch: each batch is one short transaction, so requests on the same pool interleave with a purge. */
export const RETENTION_BATCH_SIZE = 1000;

export type RetentionKind =
  | 'sync_log'
  | 'retired_tokens'
  | 'audit_log'
  | 'password_resets'
  | 'deleted_users'
  | 'webhook_deliveries'
  | 'key_grants'
  | 'change_events'
  | 'idempotency_keys';

export interface RetentionRun {
  /** True when another run (of this instance or another) was purging: this one stopped early. */
  skipped: boolean;
  purged: Record<RetentionKind, number>;
}

interface RetentionTask {
  kind: RetentionKind;
  days: number;
  purge(days: number, limit: number): Promise<number>;
}

/**
 * Purges what is past its retention period, kind by kind, in bounded batches through the owning modules.
 * Batches of all instances are serialised by an advisory lock: a run that finds the lock taken stops, and the
 * next interval tries again. Runs as system work, past the row-level security policies, for every company.
 */
@Injectable()
export class RetentionService {
  private readonly logger = new Logger(RetentionService.name);
  private readonly periods: RetentionConfiguration;
  private running: Promise<RetentionRun> | null = null;
  private stopping = false;

  constructor(
    config: ConfigService<AppConfiguration, true>,
    private readonly syncLog: SyncLogService,
    private readonly integrations: ProvisioningTokensService,
    private readonly auditLog: AuditLogService,
    private readonly accounts: AccountsService,
    private readonly resets: MasterPasswordResetsService,
    private readonly keyGrants: KeyGrantsService,
    private readonly changeEvents: ChangeEventsRetentionService,
    private readonly transactions: TransactionHost,
    private readonly lock: RetentionLock,
    private readonly metrics: MetricsService,
    private readonly webhookDeliveries: WebhookDeliveryLog,
    private readonly idempotencyKeys: IdempotencyRetentionService,
  ) {
    this.periods = config.get('retention', { infer: true });
  }

  /** One purge; a call while this instance is already purging is skipped rather than run twice. */
  async runOnce(): Promise<RetentionRun> {
    if (this.running || this.stopping) return { skipped: true, purged: emptyCounts() };
    this.running = CompanyScopes.runAsSystem(() => this.purgeAll());
    try {
      return await this.running;
    } finally {
      this.running = null;
    }
  }

  /** Ends a run in progress after its current batch, and refuses new ones; resolves when it has ended. */
  async stop(): Promise<void> {
    this.stopping = true;
    await this.running?.catch(() => undefined);
  }

  private async purgeAll(): Promise<RetentionRun> {
    const startedAt = performance.now();
    const purged = emptyCounts();
    let skipped = false;
    try {
      for (const task of this.tasks()) {
        if (task.days === 0) continue;
        for (;;) {
          if (this.stopping) break;
          const count = await this.batch(() => task.purge(task.days, RETENTION_BATCH_SIZE));
          if (count === null) {
            skipped = true;
            break;
          }
          purged[task.kind] += count;
          this.metrics.retentionPurged.inc({ kind: task.kind }, count);
          if (count < RETENTION_BATCH_SIZE) break;
        }
        if (skipped) break;
      }
    } catch (error) {
      this.metrics.retentionRuns.inc({ outcome: 'failed' });
      this.logger.error({ err: error, purged }, 'Retention purge failed');
      throw error;
    }
    this.metrics.retentionRuns.inc({ outcome: skipped ? 'skipped' : 'completed' });
    const durationMs = Math.round(performance.now() - startedAt);
    this.logger.log(
      { purged, skipped, durationMs },
      skipped ? 'Retention purge stopped: another instance is purging' : 'Retention purge done',
    );
    return { skipped, purged };
  }

  /** One batch in its own transaction, holding the lock; null when another instance holds it. */
  private batch(work: () => Promise<number>): Promise<number | null> {
    return this.transactions.run(async () => ((await this.lock.tryAcquireForTransaction()) ? work() : null));
  }

  private tasks(): RetentionTask[] {
    return [
      { kind: 'sync_log', days: this.periods.syncLogDays, purge: (days, limit) => this.syncLog.purgeOlderThan(days, limit) },
      {
        kind: 'retired_tokens',
        days: this.periods.syncLogDays,
        purge: (days, limit) => this.integrations.purgeRetiredTokens(days, limit),
      },
      { kind: 'audit_log', days: this.periods.auditLogDays, purge: (days, limit) => this.auditLog.purgeOlderThan(days, limit) },
      {
        kind: 'password_resets',
        days: this.periods.passwordResetDays,
        purge: (days, limit) => this.resets.purgeFinished(days, limit),
      },
      {
        kind: 'deleted_users',
        days: this.periods.deletedUserDays,
        purge: (days, limit) => this.accounts.purgePersonalDataOfDeletedUsers(days, limit),
      },
      {
        kind: 'webhook_deliveries',
        days: this.periods.webhookDeliveryDays,
        purge: (days, limit) => this.webhookDeliveries.purgeOlderThan(days, limit),
      },
      { kind: 'key_grants', days: this.periods.keyGrantDays, purge: (days, limit) => this.keyGrants.purgeFinished(days, limit) },
      {
        kind: 'change_events',
        days: this.periods.eventsDays,
        purge: (days, limit) => this.changeEvents.purgeOlderThan(days, limit),
      },
      // Kept 24 hours, as the Idempotency-Key draft suggests; not configurable.
      { kind: 'idempotency_keys', days: 1, purge: (_days, limit) => this.idempotencyKeys.purgeExpired(limit) },
    ];
  }
}

function emptyCounts(): Record<RetentionKind, number> {
  return {
    sync_log: 0,
    retired_tokens: 0,
    audit_log: 0,
    password_resets: 0,
    deleted_users: 0,
    webhook_deliveries: 0,
    key_grants: 0,
    change_events: 0,
    idempotency_keys: 0,
  };
}
