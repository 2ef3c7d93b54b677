import { Injectable } from '@nestjs/common';
import { AccountsService } from '../accounts/accounts.service';
import { GroupsService } from '../groups/groups.service';
import { hasSubject, NO_SUBJECT, SyncSubject } from './sync-log-details';

type NamedEntry = SyncSubject & { resourceType: string; resourceId: string | null };

/**
 * Names the resource of sync-log entries whose exchange named nobody — a DELETE, a failed PATCH — from the
 * resource as it is now: deleted users keep their names, deleted groups are gone and stay unnamed.
 */
@Injectable()
export class SyncSubjectResolver {
  constructor(
    private readonly accounts: AccountsService,
    private readonly groups: GroupsService,
  ) {}

  async complete<T extends NamedEntry>(companyId: string, entries: T[]): Promise<T[]> {
    const unnamed = entries.filter((entry) => entry.resourceId !== null && !hasSubject(entry));
    if (unnamed.length === 0) return entries;
    const users = await this.accounts.identitiesOf(companyId, idsOf(unnamed, 'User'));
    const groups = await this.groups.identitiesOf(companyId, idsOf(unnamed, 'Group'));
    return entries.map((entry) => {
      if (!unnamed.includes(entry)) return entry;
      const found = entry.resourceType === 'User' ? users.get(entry.resourceId!) : groups.get(entry.resourceId!);
      return found ? { ...entry, ...NO_SUBJECT, ...found } : entry;
    });
  }
}

function idsOf(entries: NamedEntry[], resourceType: string): string[] {
  return [...new Set(entries.filter((entry) => entry.resourceType === resourceType).map((entry) => entry.resourceId!))];
}
