import { SnapshotPartRequestDto, SnapshotUserDto } from './dto/snapshot-part.request.dto';
import { SnapshotPartContent, SnapshotUser } from './snapshot-items';

/** The key under which user_accounts keeps SCIM's enterprise extension attributes. */
const ENTERPRISE_USER = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

/** A validated part in the shapes the engine stages: user attributes as the accounts module keeps them. */
export function toPartContent(body: SnapshotPartRequestDto): SnapshotPartContent {
  const groups = body.groups ?? [];
  return {
    users: (body.users ?? []).map(toSnapshotUser),
    groups: groups.map((group) => ({ displayName: group.displayName, externalId: group.externalId ?? null })),
    memberships: [
      ...groups.flatMap((group) => (group.members ?? []).map((user) => ({ group: group.externalId ?? group.displayName, user }))),
      ...(body.memberships ?? []).flatMap((membership) => membership.members.map((user) => ({ group: membership.group, user }))),
    ],
  };
}

function toSnapshotUser(user: SnapshotUserDto): SnapshotUser {
  const attributes: Record<string, unknown> = {};
  const name = defined({ ...user.name });
  if (Object.keys(name).length > 0) attributes.name = name;
  const emails =
    user.emails?.map((email) => defined({ ...email })) ?? (user.email ? [{ value: user.email, type: 'work', primary: true }] : []);
  if (emails.length > 0) attributes.emails = emails;
  if (user.title !== undefined) attributes.title = user.title;
  const { manager, ...fields } = user.enterprise ?? {};
  const enterprise = defined({ ...fields, ...(manager ? { manager: defined({ ...manager }) } : {}) });
  if (Object.keys(enterprise).length > 0) attributes[ENTERPRISE_USER] = enterprise;
  return {
    profile: {
      userName: user.userName.trim(),
      externalId: user.externalId ?? null,
      displayName: user.displayName ?? null,
      attributes,
    },
    active: user.active ?? true,
  };
}

/** The object without its undefined values: stored attributes compare equal whatever the client left out. */
function defined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as Partial<T>;
}
