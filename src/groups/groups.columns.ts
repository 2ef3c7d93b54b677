import { ColumnMap } from '../database/query/column-map';

/** The fields of a group in `groups` (alias `g`); its `members` are rows of `group_members`. */
export const GROUP_COLUMNS: ColumnMap = {
  alias: 'g',
  columns: {
    id: { kind: 'uuid', expression: 'g.id' },
    displayName: { kind: 'text', expression: 'g.display_name', folded: 'g.display_name_key' },
    externalId: { kind: 'text', expression: 'g.external_id' },
    'meta.created': { kind: 'timestamp', expression: 'g.created_at' },
    'meta.lastModified': { kind: 'timestamp', expression: 'g.updated_at' },
    'meta.version': { kind: 'integer', expression: 'g.version' },
  },
  rowLists: {
    members: {
      from: 'group_members',
      alias: 'g_gm',
      correlation: 'g_gm.company_id = g.company_id AND g_gm.group_id = g.id',
      columns: { userId: { kind: 'uuid', expression: 'g_gm.user_id' } },
    },
  },
  order: { id: 'id', createdAt: 'created_at' },
};

/** The groups a membership (`group_members` gm joined to its `groups` g) is of: a user's groups, by their fields. */
export const MEMBERSHIP_GROUP_COLUMNS: ColumnMap = {
  alias: 'gm',
  columns: {
    id: { kind: 'uuid', expression: 'gm.group_id' },
    displayName: { kind: 'text', expression: 'g.display_name' },
  },
};
