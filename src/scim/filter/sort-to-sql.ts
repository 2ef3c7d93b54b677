import { findByName, ResourceSchemas } from '../schema/resource-schemas';
import { ScimError, ScimErrorType } from '../scim.error';
import { GROUP_FILTER_MAPPING } from './group-filter.mapping';
import { AttributeTarget, ResourceFilterMapping, resolveSearchedAttributeTarget } from './resource-filter-mapping';
import { assertSqlAlias } from './sql-fragment';
import { USER_FILTER_MAPPING } from './user-filter.mapping';

/**
 * An ORDER BY list (without the keywords) for RFC 7644 §3.4.2.3 `sortBy`/`sortOrder` on `user_accounts`,
 * ending with the id so that pages are stable. Without sortBy: creation order. Throws a 400 invalidValue
 * ScimError for an unknown or unsortable attribute, or a sortOrder other than ascending/descending.
 * `searchedWith`: as in FilterSqlOptions, an attribute only those types have is unassigned here (all null).
 */
export function userSortExpression(
  sortBy: string | undefined,
  sortOrder: string | undefined,
  alias: string,
  searchedWith: ResourceSchemas[] = [],
): string {
  return sortExpression(USER_FILTER_MAPPING, sortBy, sortOrder, alias, searchedWith);
}

/** As userSortExpression, on `groups`. */
export function groupSortExpression(
  sortBy: string | undefined,
  sortOrder: string | undefined,
  alias: string,
  searchedWith: ResourceSchemas[] = [],
): string {
  return sortExpression(GROUP_FILTER_MAPPING, sortBy, sortOrder, alias, searchedWith);
}

function sortExpression(
  mapping: ResourceFilterMapping,
  sortBy: string | undefined,
  sortOrder: string | undefined,
  alias: string,
  searchedWith: ResourceSchemas[],
): string {
  assertSqlAlias(alias);
  const direction = sortDirection(sortOrder);
  if (!sortBy?.trim()) return `${alias}.created_at ASC, ${alias}.id ASC`;
  const target = resolveSearchedAttributeTarget(mapping, sortBy.trim(), alias, searchedWith, invalidSortBy);
  const key = sortKey(target);
  if (key === undefined) throw invalidSortBy(`"${target.label}" cannot be sorted on`);
  // PostgreSQL puts NULLs last when ascending and first when descending, which is where RFC 7644 §3.4.2.3 wants missing values.
  return `${key} ${direction}, ${alias}.id ${direction}`;
}

function sortKey(target: AttributeTarget): string | undefined {
  if (target.kind === 'value') return target.parent ? target.parent.sortKey?.(target.operand.sortKey) : target.operand.sortKey;
  // A multi-valued attribute sorts by its `value`.
  const valueDefinition = findByName(target.definition.subAttributes ?? [], 'value');
  const valueOperand = valueDefinition && target.operand.subAttribute(valueDefinition);
  return valueOperand ? target.operand.sortKey?.(valueOperand.sortKey) : undefined;
}

function sortDirection(sortOrder: string | undefined): 'ASC' | 'DESC' {
  switch (sortOrder?.toLowerCase()) {
    case undefined:
    case 'ascending':
      return 'ASC';
    case 'descending':
      return 'DESC';
    default:
      throw ScimError.badRequest(ScimErrorType.InvalidValue, `Invalid sortOrder "${sortOrder}": expected "ascending" or "descending"`);
  }
}

function invalidSortBy(detail: string): ScimError {
  return ScimError.badRequest(ScimErrorType.InvalidValue, `Invalid sortBy: ${detail}`);
}
