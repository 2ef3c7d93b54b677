import { Injectable } from '@nestjs/common';
import { AccountsService } from '../../accounts/accounts.service';
import { GroupsService } from '../../groups/groups.service';
import { CompanyScopes } from '../../common/tenancy/company-scope';
import { SyncOperation } from '../../directory-integrations/entities/sync-log-entry.entity';
import { SyncLogRecorder } from '../../directory-integrations/sync-log/sync-log.recorder';
import { FIRST_FAILURE_STATUS, SyncLogRecord } from '../../directory-integrations/sync-log/sync-log.repository';
import { hasSubject, NO_SUBJECT, SyncSubject } from './sync-log-details';

/**
 * Hands SCIM writes to the sync log, each with whom it was about. A write that succeeded is named by its command from
 * the row it wrote; an exchange that named nobody (a DELETE, a failed PATCH) is named after the resource as it is
 * once answered: deleted users keep their names, deleted groups are gone and stay unnamed without a lookup. That
 * lookup runs off the response path, and the recorder waits for it before it drains.
 */
@Injectable()
export class ScimSyncLog {
  constructor(
    private readonly recorder: SyncLogRecorder,
    private readonly accounts: AccountsService,
    private readonly groups: GroupsService,
  ) {}

  record(entry: SyncLogRecord): void {
    const unnamed = entry.resourceId !== null && !hasSubject(subjectOfRecord(entry));
    if (unnamed && (entry.resourceType === 'User' || (entry.resourceType === 'Group' && !isDeleted(entry)))) {
      this.recorder.recordWhenKnown(this.named(entry, entry.resourceId!));
    } else {
      this.recorder.record(entry);
    }
  }

  private async named(entry: SyncLogRecord, resourceId: string): Promise<SyncLogRecord> {
    const identities = (): Promise<Map<string, Partial<SyncSubject>>> =>
      entry.resourceType === 'User'
        ? this.accounts.identitiesOf(entry.companyId, [resourceId])
        : this.groups.identitiesOf(entry.companyId, [resourceId]);
    // Unnamed rather than lost when the lookup fails: the entry itself is what the admin needs.
    const found = await CompanyScopes.runForCompany(entry.companyId, identities).catch(() => undefined);
    const identity = found?.get(resourceId);
    return identity ? { ...entry, ...NO_SUBJECT, ...identity } : entry;
  }
}

function isDeleted(entry: SyncLogRecord): boolean {
  return entry.operation === SyncOperation.Delete && entry.status < FIRST_FAILURE_STATUS;
}

function subjectOfRecord(entry: SyncLogRecord): SyncSubject {
  return { userName: entry.userName ?? null, displayName: entry.displayName ?? null, externalId: entry.externalId ?? null };
}
