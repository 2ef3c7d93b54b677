import { RecordSort, RecordSortKey } from '../../common/query/record-query';
import { findByName, ResourceSchemas } from '../schema/resource-schemas';
import { ScimError, ScimErrorType } from '../scim.error';
import { GROUP_FILTER_MAPPING } from './group-filter.mapping';
import { AttributeTarget, ResourceFilterMapping, resolveSearchedAttributeTarget } from './resource-filter-mapping';
import { USER_FILTER_MAPPING } from './user-filter.mapping';

/**
 * The order of users for RFC 7644 §3.4.2.3 `sortBy`/`sortOrder`; undefined without sortBy (creation order).
 * Throws a 400 invalidValue ScimError for an unknown or unsortable attribute, or a sortOrder other than
 * ascending/descending. `searchedWith`: as in FilterQueryOptions, an attribute only those types have is
 * unassigned here (all null).
 */
export function userSort(
  sortBy: string | undefined,
  sortOrder: string | undefined,
  searchedWith: ResourceSchemas[] = [],
): RecordSort | undefined {
  return sort(USER_FILTER_MAPPING, sortBy, sortOrder, searchedWith);
}

/** As userSort, for groups. */
export function groupSort(
  sortBy: string | undefined,
  sortOrder: string | undefined,
  searchedWith: ResourceSchemas[] = [],
): RecordSort | undefined {
  return sort(GROUP_FILTER_MAPPING, sortBy, sortOrder, searchedWith);
}

function sort(
  mapping: ResourceFilterMapping,
  sortBy: string | undefined,
  sortOrder: string | undefined,
  searchedWith: ResourceSchemas[],
): RecordSort | undefined {
  const descending = isDescending(sortOrder);
  if (!sortBy?.trim()) return undefined;
  const target = resolveSearchedAttributeTarget(mapping, sortBy.trim(), searchedWith, invalidSortBy);
  const key = sortKey(target);
  if (key === undefined) throw invalidSortBy(`"${target.label}" cannot be sorted on`);
  return { key, descending };
}

function sortKey(target: AttributeTarget): RecordSortKey | undefined {
  if (target.kind === 'value') return target.parent ? target.parent.sortKey?.(target.operand.sortKey) : target.operand.sortKey;
  // A multi-valued attribute sorts by its `value`.
  const valueDefinition = findByName(target.definition.subAttributes ?? [], 'value');
  const valueOperand = valueDefinition && target.operand.subAttribute(valueDefinition);
  return valueOperand ? target.operand.sortKey?.(valueOperand.sortKey) : undefined;
}

function isDescending(sortOrder: string | undefined): boolean {
  switch (sortOrder?.toLowerCase()) {
    case undefined:
    case 'ascending':
      return false;
    case 'descending':
      return true;
    default:
      throw ScimError.badRequest(ScimErrorType.InvalidValue, `Invalid sortOrder "${sortOrder}": expected "ascending" or "descending"`);
  }
}

function invalidSortBy(detail: string): ScimError {
  return ScimError.badRequest(ScimErrorType.InvalidValue, `Invalid sortBy: ${detail}`);
}
