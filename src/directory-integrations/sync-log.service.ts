import { Injectable } from '@nestjs/common';
import { AdminPrincipal } from '../admin-auth/admin-principal';
import { DomainErrorCode, DomainException } from '../common/errors/domain.exception';
import { DirectoryProvider } from './directory-provider';
import { SyncLogRepository, SyncLogRow, SyncStatusFilter } from './sync-log.repository';

export interface SyncLogPageRequest {
  provider?: DirectoryProvider;
  status?: string;
  cursor?: string;
  limit: number;
}

export interface SyncLogPage {
  entries: SyncLogRow[];
  nextCursor: string | null;
}

const CURSOR_PREFIX = 'sl1:';

/** Pages through the company's sync log, newest first, with an opaque cursor. Any admin of the company. */
@Injectable()
export class SyncLogService {
  constructor(private readonly syncLog: SyncLogRepository) {}

  async page(actor: AdminPrincipal, request: SyncLogPageRequest): Promise<SyncLogPage> {
    const rows = await this.syncLog.page(actor.companyId, {
      provider: request.provider,
      status: parseStatus(request.status),
      beforeId: request.cursor === undefined ? undefined : decodeCursor(request.cursor),
      limit: request.limit + 1,
    });
    const entries = rows.slice(0, request.limit);
    return {
      entries,
      nextCursor: rows.length > request.limit ? encodeCursor(entries[entries.length - 1].id) : null,
    };
  }

  /** Retention: deletes up to `limit` entries, of every company, recorded more than `days` days ago. */
  async purgeOlderThan(days: number, limit: number): Promise<number> {
    return this.syncLog.deleteOlderThan(days, limit);
  }
}

function parseStatus(status: string | undefined): SyncStatusFilter | undefined {
  if (status === undefined) return undefined;
  if (status === 'success' || status === 'failure') return { outcome: status };
  return { exact: Number(status) };
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
