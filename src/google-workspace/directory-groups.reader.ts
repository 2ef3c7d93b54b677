import { DirectoryGroup, DirectoryMember, DirectorySession } from './google-directory.client';
import { GoogleApiError } from './google-api-error';

/** A group as synced: its members expanded to user ids; `everyone` when a member is the whole domain (CUSTOMER). */
export interface ExpandedGroup {
  id: string;
  email: string;
  name: string;
  userIds: Set<string>;
  everyone: boolean;
}

/**
 * Reads groups and their members, expanding nested groups (a group met again on the way, a cycle, adds nothing
 * more). Each group's member list is read once per run, however many groups nest it.
 */
export class DirectoryGroupsReader {
  private readonly directMembers = new Map<string, DirectoryMember[]>();

  constructor(private readonly session: DirectorySession) {}

  /** Every group of the directory, expanded. */
  async allGroups(): Promise<ExpandedGroup[]> {
    const groups: DirectoryGroup[] = [];
    let pageToken: string | null = null;
    do {
      const page = await this.session.groupsPage(pageToken);
      groups.push(...page.items);
      pageToken = page.nextPageToken;
    } while (pageToken);
    return this.expandEach(groups);
  }

  /** The chosen groups (by email or id), expanded; a group Google does not know fails the run, naming it. */
  async chosenGroups(keys: string[]): Promise<ExpandedGroup[]> {
    const groups: DirectoryGroup[] = [];
    for (const key of keys) {
      try {
        groups.push(await this.session.group(key));
      } catch (error) {
        if (error instanceof GoogleApiError && error.kind === 'scope') {
          throw new GoogleApiError('scope', `The group ${key} chosen as scope is not in the directory (${error.message})`, error.status);
        }
        throw error;
      }
    }
    return this.expandEach(groups);
  }

  private async expandEach(groups: DirectoryGroup[]): Promise<ExpandedGroup[]> {
    const expanded: ExpandedGroup[] = [];
    for (const group of groups) {
      if (!group.id) continue;
      const members = { userIds: new Set<string>(), everyone: false };
      await this.expand(group.id, new Set(), members);
      expanded.push({ id: group.id, email: group.email ?? group.id, name: group.name ?? group.email ?? group.id, ...members });
    }
    return expanded;
  }

  private async expand(groupId: string, visited: Set<string>, into: { userIds: Set<string>; everyone: boolean }): Promise<void> {
    if (visited.has(groupId)) return;
    visited.add(groupId);
    for (const member of await this.membersOf(groupId)) {
      if (member.type === 'CUSTOMER') into.everyone = true;
      else if (member.type === 'GROUP' && member.id) await this.expand(member.id, visited, into);
      else if (member.type === 'USER' && member.id) into.userIds.add(member.id);
    }
  }

  private async membersOf(groupId: string): Promise<DirectoryMember[]> {
    const known = this.directMembers.get(groupId);
    if (known) return known;
    const members: DirectoryMember[] = [];
    let pageToken: string | null = null;
    do {
      const page = await this.session.membersPage(groupId, pageToken);
      members.push(...page.items);
      pageToken = page.nextPageToken;
    } while (pageToken);
    this.directMembers.set(groupId, members);
    return members;
  }
}
