import { Injectable } from '@nestjs/common';
import { Group } from '../../groups/entities/group.entity';
import { GroupMemberView, GroupsService } from '../../groups/groups.service';
import { AttributeProjection } from '../projection/attribute-projection';
import { ScimMessageUri } from '../scim.constants';
import { weakEtag } from '../scim-etag';
import { ScimUrls } from '../scim-urls';
import { subjectOf } from '../sync-log/sync-log-details';
import { toScimGroup, toScimGroupMember } from './scim-group.mapper';
import { ScimVersionOnly } from '../resource/scim-resource-handlers';
import { ScimGroupResult, ScimGroupView } from './scim-group-result';

/** Members read per query and turned into JSON text before the next chunk is read. */
const MEMBER_CHUNK_SIZE = 2000;

/**
 * Builds SCIM Group resources as JSON text. A group can have 100,000 members: they are read in keyset chunks
 * from one snapshot and each chunk becomes text at once, so no member list is ever held as objects; when the
 * view leaves them out, they are not read at all.
 */
@Injectable()
export class ScimGroupPresenter {
  constructor(
    private readonly groups: GroupsService,
    private readonly urls: ScimUrls,
  ) {}

  async present(companyId: string, group: Group, view: ScimGroupView): Promise<ScimGroupResult> {
    const { group: shown, body } = await this.render(companyId, group, view);
    return { body, location: this.urls.group(shown.id), ...this.versionOf(shown) };
  }

  /** Only the version, for an answer without a body (204, 304). */
  versionOf(group: Group): Required<ScimVersionOnly> {
    return { etag: weakEtag(group.version), subject: subjectOf(group) };
  }

  /**
   * A ListResponse (RFC 7644 §3.4.2) of the groups, produced group by group as the client reads it: only one
   * group's members are in memory at a time.
   */
  async *presentList(
    companyId: string,
    groups: Group[],
    totalResults: number,
    startIndex: number,
    view: ScimGroupView,
  ): AsyncGenerator<string> {
    const envelope = { schemas: [ScimMessageUri.ListResponse], totalResults, startIndex, itemsPerPage: groups.length };
    yield `${JSON.stringify(envelope).slice(0, -1)},"Resources":[`;
    yield* this.presentResources(companyId, groups, view);
    yield ']}';
  }

  /** The groups as comma-separated JSON resources, for a list whose envelope the caller writes. */
  async *presentResources(companyId: string, groups: Group[], view: ScimGroupView): AsyncGenerator<string> {
    for (const [index, group] of groups.entries()) {
      const { body } = await this.render(companyId, group, view);
      if (index > 0) yield ',';
      yield* body;
    }
  }

  private async render(companyId: string, group: Group, { projection, members }: ScimGroupView): Promise<{ group: Group; body: string[] }> {
    if (!members || !projection.returns('members')) return { group, body: [this.resourceJson(group, projection)] };
    const memberChunks: string[] = [];
    // The members and the group row come from one snapshot; a group deleted meanwhile has no members left.
    const current =
      (await this.groups.readGroupWithMembers(companyId, group.id, MEMBER_CHUNK_SIZE, (chunk) => {
        const json = this.membersJson(chunk, projection);
        if (json !== '') memberChunks.push(json);
      })) ?? group;
    const resource = this.resourceJson(current, projection);
    if (memberChunks.length === 0) return { group: current, body: [resource] };
    return {
      group: current,
      body: [`${resource.slice(0, -1)},"members":[`, ...memberChunks.map((chunk, index) => (index > 0 ? `,${chunk}` : chunk)), ']}'],
    };
  }

  private resourceJson(group: Group, projection: AttributeProjection): string {
    return JSON.stringify(projection.apply(toScimGroup(group, this.urls.group(group.id))));
  }

  /** The chunk's members as the projection returns them (`members.value`, `members[value eq "…"]`, …), as JSON text. */
  private membersJson(members: GroupMemberView[], projection: AttributeProjection): string {
    const full = members.map((member) => toScimGroupMember(member, this.urls.user(member.userId)));
    return projection
      .projectElements('members', full)
      .map((member) => JSON.stringify(member))
      .join(',');
  }
}
