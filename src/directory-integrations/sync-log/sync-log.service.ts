import { Injectable } from '@nestjs/common';
import { AdminPrincipal } from '../../common/auth/admin-principal';
import { DomainErrorCode, DomainException } from '../../common/errors/domain.exception';
import { Page, pageOf } from '../../common/pagination/page';
import { DirectoryProvider } from '../../common/auth/directory-provider';
import { IntegrationFailures, SyncActivityHour, SyncLogRepository, SyncLogRow, SyncOutcome } from './sync-log.repository';

export interface SyncLogPageRequest {
  provider?: DirectoryProvider;
  /** An HTTP status code, `success` or `failure`. */
  status?: string;
  outcome?: SyncOutcome;
  since?: Date;
  until?: Date;
  cursor?: string;
  limit: number;
}

/** The chart of a tab: its SCIM writes per hour over the last days, failures apart. */
export interface SyncActivity {
  since: Date;
  until: Date;
  hours: SyncActivityHour[];
}

export const SYNC_ACTIVITY_DAYS = 7;
const HOUR_MS = 3600_000;

const CURSOR_PREFIX = 'sl1:';

/** Pages through the company's sync log, newest first, with an opaque cursor. Any admin of the company. */
@Injectable()
export class SyncLogService {
  constructor(private readonly syncLog: SyncLogRepository) {}

  async page(actor: AdminPrincipal, request: SyncLogPageRequest): Promise<Page<SyncLogRow>> {
    const status = request.status?.toLowerCase();
    const statusOutcome = status === 'success' || status === 'failure' ? status : undefined;
    // Both filters hold at once: a success that is a failure is nothing; a skipped write was answered with success.
    const compatible = statusOutcome === request.outcome || (statusOutcome === 'success' && request.outcome === 'skipped');
    if (statusOutcome && request.outcome && !compatible) return { items: [], nextCursor: null };
    const rows = await this.syncLog.page(actor.companyId, {
      provider: request.provider,
      status: status === undefined || statusOutcome ? undefined : Number(status),
      outcome: request.outcome ?? statusOutcome,
      since: request.since,
      until: request.until,
      beforeId: request.cursor === undefined ? undefined : decodeCursor(request.cursor),
      limit: request.limit + 1,
    });
    return pageOf(rows, request.limit, (last) => encodeCursor(last.id));
  }

  /** The last 7 days in whole UTC hours: from the start of the hour 7 × 24 hours before the current one. */
  async activity(actor: AdminPrincipal, provider: DirectoryProvider | undefined, now = new Date()): Promise<SyncActivity> {
    const until = new Date(Math.floor(now.getTime() / HOUR_MS) * HOUR_MS + HOUR_MS);
    const since = new Date(until.getTime() - SYNC_ACTIVITY_DAYS * 24 * HOUR_MS);
    return { since, until, hours: await this.syncLog.activityByHour(actor.companyId, since, provider) };
  }

  async failuresByIntegration(companyId: string): Promise<IntegrationFailures[]> {
    return this.syncLog.failuresByIntegration(companyId);
  }

  /** Writes each integration made to what another source manages, answered but not applied (docs/ownership.md). */
  async conflictsByIntegration(companyId: string): Promise<IntegrationFailures[]> {
    return this.syncLog.conflictsByIntegration(companyId);
  }

  /** Retention: deletes up to `limit` entries, of every company, recorded more than `days` days ago. */
  async purgeOlderThan(days: number, limit: number): Promise<number> {
    return this.syncLog.deleteOlderThan(days, limit);
  }
}

function encodeCursor(id: string): string {
  return Buffer.from(`${CURSOR_PREFIX}${id}`, 'utf8').toString('base64url');
}

function decodeCursor(cursor: string): string {
  const decoded = Buffer.from(cursor, 'base64url').toString('utf8');
  const id = decoded.startsWith(CURSOR_PREFIX) ? decoded.slice(CURSOR_PREFIX.length) : '';
  if (!/^[1-9]\d{0,18}$/.test(id)) throw new DomainException(DomainErrorCode.InvalidInput, 'cursor is not valid');
  return id;
}
