import { Injectable } from '@nestjs/common';
import { ScimPrincipal } from '../../common/auth/scim-principal';
import { CreateScimGroupCommand } from '../groups/commands/create-scim-group.command';
import { DeleteScimGroupCommand } from '../groups/commands/delete-scim-group.command';
import { PatchScimGroupCommand } from '../groups/commands/patch-scim-group.command';
import { ReplaceScimGroupCommand } from '../groups/commands/replace-scim-group.command';
import { ScimGroupView } from '../groups/scim-group-result';
import { AttributeProjection } from '../projection/attribute-projection';
import { GROUP_RESOURCE_SCHEMAS, USER_RESOURCE_SCHEMAS } from '../schema/resource-schemas';
import { ScimUrls } from '../scim-urls';
import { SyncSubject } from '../sync-log/sync-log-details';
import { CreateOutcome, CreateScimUserCommand } from '../users/commands/create-scim-user.command';
import { DeleteScimUserCommand } from '../users/commands/delete-scim-user.command';
import { PatchScimUserCommand } from '../users/commands/patch-scim-user.command';
import { ReplaceScimUserCommand } from '../users/commands/replace-scim-user.command';
import { BulkMethod } from './bulk-request';
import { BulkResourceType, BulkTarget } from './bulk-target';

/** An operation with its references resolved, ready to run as the single request it stands for. */
export interface ResolvedOperation {
  method: BulkMethod;
  target: BulkTarget;
  data: unknown;
  /** From the operation's `version`, as If-Match would give it. */
  expectedVersion: number | undefined;
}

/** What a Bulk response tells of an operation that succeeded. */
export interface OperationSuccess {
  status: number;
  id: string;
  location: string;
  etag?: string;
  /** Whom the sync log names, from the row written; a DELETE names nobody. */
  subject?: SyncSubject;
  /** Answered but not applied: another source manages the resource (docs/ownership.md). */
  skipped?: string;
}

// A Bulk response carries no resource bodies (RFC 7644 §3.7.3), so the commands render as little as they can.
const USER_PROJECTION = AttributeProjection.parse(USER_RESOURCE_SCHEMAS, 'id');
const GROUP_VIEW: ScimGroupView = { projection: AttributeProjection.parse(GROUP_RESOURCE_SCHEMAS, 'id'), members: false };

/** Runs Bulk operations through the commands of the single requests, so every rule and ETag check is theirs. */
@Injectable()
export class BulkOperationRunner {
  constructor(
    private readonly createUser: CreateScimUserCommand,
    private readonly replaceUser: ReplaceScimUserCommand,
    private readonly patchUser: PatchScimUserCommand,
    private readonly deleteUser: DeleteScimUserCommand,
    private readonly createGroup: CreateScimGroupCommand,
    private readonly replaceGroup: ReplaceScimGroupCommand,
    private readonly patchGroup: PatchScimGroupCommand,
    private readonly deleteGroup: DeleteScimGroupCommand,
    private readonly urls: ScimUrls,
  ) {}

  locationOf(resourceType: BulkResourceType, id: string): string {
    return resourceType === 'User' ? this.urls.user(id) : this.urls.group(id);
  }

  /** Runs one operation; throws what the single request would have answered with. */
  async run(principal: ScimPrincipal, { method, target, data, expectedVersion }: ResolvedOperation): Promise<OperationSuccess> {
    const { resourceType, id } = target;
    if (method === 'POST') {
      const created =
        resourceType === 'User'
          ? await this.createUser.execute(principal, data, USER_PROJECTION)
          : await this.createGroup.execute(principal, data, GROUP_VIEW);
      return { status: 201, id: idOf(created.location), location: created.location, etag: created.etag, subject: created.subject };
    }
    const location = this.locationOf(resourceType, id!);
    switch (method) {
      case 'PUT': {
        const { etag, subject, skipped } =
          resourceType === 'User'
            ? await this.replaceUser.execute(principal, id!, data, expectedVersion, USER_PROJECTION)
            : await this.replaceGroup.execute(principal, id!, data, expectedVersion, GROUP_VIEW);
        return { status: 200, id: id!, location, etag, subject, skipped };
      }
      case 'PATCH': {
        const { etag, subject, skipped } =
          resourceType === 'User'
            ? await this.patchUser.execute(principal, id!, data, expectedVersion, USER_PROJECTION)
            : await this.patchGroup.execute(principal, id!, data, expectedVersion, GROUP_VIEW);
        return { status: 200, id: id!, location, etag, subject, skipped };
      }
      case 'DELETE': {
        const { skipped } =
          resourceType === 'User'
            ? await this.deleteUser.execute(principal, id!, expectedVersion)
            : await this.deleteGroup.execute(principal, id!, expectedVersion);
        return { status: 204, id: id!, location, skipped };
      }
    }
  }

  /** User creates that depend on nothing, in one INSERT; outcomes as `run` would have had them one by one. */
  async createUsers(principal: ScimPrincipal, bodies: unknown[]): Promise<(OperationSuccess | { error: unknown })[]> {
    const outcomes: CreateOutcome[] = await this.createUser.executeMany(principal, bodies, USER_PROJECTION);
    return outcomes.map((outcome) =>
      'error' in outcome
        ? outcome
        : {
            status: 201,
            id: idOf(outcome.result.location),
            location: outcome.result.location,
            etag: outcome.result.etag,
            subject: outcome.result.subject,
          },
    );
  }
}

function idOf(location: string): string {
  return location.slice(location.lastIndexOf('/') + 1);
}
