import { ColumnMap } from '../database/query/column-map';

/**
 * The fields of a user in `user_accounts` (alias `u`): userName, displayName, externalId, the state behind
 * `active`, id and meta in columns; every other field in the jsonb `attributes` under its path (an
 * extension's fields in an object under the extension's name). `groups` is the groups module's to resolve.
 */
export const USER_ACCOUNT_COLUMNS: ColumnMap = {
  alias: 'u',
  columns: {
    id: { kind: 'uuid', expression: 'u.id' },
    userName: { kind: 'text', expression: 'u.user_name', folded: 'u.user_name_key' },
    displayName: { kind: 'text', expression: 'u.display_name' },
    externalId: { kind: 'text', expression: 'u.external_id' },
    active: { kind: 'derivedBoolean', whenTrue: `u.state IN ('provisioned', 'active')`, whenFalse: `u.state = 'disabled'` },
    'meta.created': { kind: 'timestamp', expression: 'u.created_at' },
    'meta.lastModified': { kind: 'timestamp', expression: 'u.updated_at' },
    'meta.version': { kind: 'integer', expression: 'u.version' },
  },
  document: 'attributes',
  order: { id: 'id', createdAt: 'created_at' },
};
