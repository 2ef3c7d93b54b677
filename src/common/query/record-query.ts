/**
 * A search over the records a domain module owns, in the words of that module: its fields, compared with
 * typed values. Whoever asks resolves its own names into these; the owner's repository compiles them into
 * SQL over its own tables.
 */

/** How a field's values compare: text (case-insensitively unless caseExact), uuid, timestamp, boolean or version. */
export type RecordValueType = 'text' | 'uuid' | 'timestamp' | 'boolean' | 'version';

export type RecordOperator = 'eq' | 'ne' | 'co' | 'sw' | 'ew' | 'gt' | 'ge' | 'lt' | 'le';

/**
 * A field by its path (`userName`, `name.givenName`; inside a list, relative to the element), or a constant
 * text that stands where the record has no such field (the kind of a record).
 */
export type RecordField =
  { path: readonly string[]; type: RecordValueType; caseExact: boolean } | { constant: string; type: 'text'; caseExact: boolean };

/**
 * A condition on a record. A record without the field matches `ne` and `not`, and nothing else.
 * - compare: text values are strings, timestamps ISO 8601 strings with an offset, versions integers; uuid, boolean
 *   and version take `eq` and `ne` only, timestamps no substring operators.
 * - filled: the object or list at `path` holds something.
 * - some: some element of the list at `list` matches (its fields relative to the element).
 * - related: some related record of `relation` matches (any, without condition): the owner resolves it into `in`.
 * - in: the field (a uuid) is one of `values`.
 */
export type RecordCondition =
  | { kind: 'compare'; field: RecordField; operator: RecordOperator; value: string | number | boolean }
  | { kind: 'present'; field: RecordField }
  | { kind: 'filled'; path: readonly string[]; shape: 'object' | 'list' }
  | { kind: 'some'; list: readonly string[]; condition: RecordCondition }
  | { kind: 'related'; relation: string; condition?: RecordCondition }
  | { kind: 'in'; field: RecordField; values: string[] }
  | { kind: 'and' | 'or'; conditions: RecordCondition[] }
  | { kind: 'not'; condition: RecordCondition }
  | { kind: 'constant'; value: boolean };

/** What records sort by: a field, a field of the preferred (`primary`, else first) element of a list, or nothing (all alike). */
export type RecordSortKey =
  { kind: 'field'; field: RecordField } | { kind: 'element'; list: readonly string[]; field: RecordField } | { kind: 'none' };

/** Missing values sort last when ascending and first when descending; ties by id. Without a sort: creation order. */
export interface RecordSort {
  key: RecordSortKey;
  descending: boolean;
}

export interface RecordSearch {
  where?: RecordCondition;
  sort?: RecordSort;
  offset: number;
  limit: number;
}
