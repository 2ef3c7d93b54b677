/** Where a field of a record is stored: SQL expressions over the owner's table alias. */
export type ColumnSql =
  /** `folded` names a column holding lower(expression), compared instead so that its index serves. */
  | { kind: 'text'; expression: string; folded?: string }
  | { kind: 'uuid'; expression: string }
  | { kind: 'timestamp'; expression: string }
  | { kind: 'integer'; expression: string }
  /** A boolean derived from other columns, always present. */
  | { kind: 'derivedBoolean'; whenTrue: string; whenFalse: string };

/** A list of rows of another table of the owner, correlated with the record (`alias` ranges over them). */
export interface RowListSql {
  from: string;
  alias: string;
  correlation: string;
  columns: Record<string, ColumnSql>;
}

/**
 * How an owner stores the fields of its records, for compiling a RecordSearch: the table and its alias,
 * the columns by field path (`meta.lastModified`), lists kept in rows of its other tables, and the jsonb
 * column that holds every other field under its path (objects as objects, lists as arrays of objects).
 */
export interface ColumnMap {
  alias: string;
  columns: Record<string, ColumnSql>;
  rowLists?: Record<string, RowListSql>;
  document?: string;
  /** For sorting: ties and pages are ordered by the unique `id` column; without a sort, by `createdAt` first. */
  order?: { id: string; createdAt: string };
}
