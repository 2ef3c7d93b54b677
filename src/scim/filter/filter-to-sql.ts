import { findByName, ResourceSchemas } from '../schema/resource-schemas';
import { ComparisonNode, ComparisonOperator, FilterNode, PresentNode, ValuePathNode } from './filter.ast';
import { invalidFilter } from './filter.errors';
import { ValueOperand } from './filter-operands';
import { GROUP_FILTER_MAPPING } from './group-filter.mapping';
import { AttributeTarget, ResourceFilterMapping, resolveSearchedAttributeTarget } from './resource-filter-mapping';
import { assertSqlAlias, SqlFragment, SqlParameters } from './sql-fragment';
import { USER_FILTER_MAPPING } from './user-filter.mapping';

export { groupSortExpression, userSortExpression } from './sort-to-sql';

export interface FilterSqlOptions {
  /** Alias of the resource's table in the caller's query (`u` for user_accounts, `g` for groups). */
  alias: string;
  /** How many parameters the caller binds before the filter's: the filter's first placeholder is `$<paramOffset + 1>`. */
  paramOffset: number;
  /**
   * The other resource types of a search across types (the root `/.search`): an attribute only they have is
   * unassigned on this type rather than unknown, so `userName eq "…"` matches no group instead of failing.
   */
  searchedWith?: ResourceSchemas[];
}

/*
 * Semantics where RFC 7644 §3.4.2.2 leaves room: a resource without the attribute matches `ne` (IS DISTINCT FROM),
 * `not (…)` and `eq null`, and nothing else; a multi-valued attribute matches when some element does, `ne` included.
 */

/** A WHERE condition on `user_accounts` for a parsed filter. Throws a 400 invalidFilter ScimError for what it cannot evaluate. */
export function translateUserFilter(filter: FilterNode, options: FilterSqlOptions): SqlFragment {
  return translateFilter(filter, USER_FILTER_MAPPING, options);
}

/** A WHERE condition on `groups` for a parsed filter. Throws a 400 invalidFilter ScimError for what it cannot evaluate. */
export function translateGroupFilter(filter: FilterNode, options: FilterSqlOptions): SqlFragment {
  return translateFilter(filter, GROUP_FILTER_MAPPING, options);
}

const ALIAS_MAPPINGS: ResourceFilterMapping[] = [USER_FILTER_MAPPING, GROUP_FILTER_MAPPING];

function translateFilter(filter: FilterNode, mapping: ResourceFilterMapping, options: FilterSqlOptions): SqlFragment {
  assertSqlAlias(options.alias);
  const params = new SqlParameters(options.paramOffset);
  const sql = new FilterTranslator(mapping, options.alias, options.searchedWith ?? [], params).translate(filter);
  return { sql, params: params.values };
}

/** Resolves the attribute paths of one level of the filter: the resource's, or a value path's sub-attributes. */
type AttributeScope = (path: string) => AttributeTarget;

class FilterTranslator {
  private readonly resourceScope: AttributeScope = (path) =>
    resolveSearchedAttributeTarget(this.mapping, path, this.alias, this.searchedWith, (detail) =>
      invalidFilter(`Invalid filter: ${detail}`),
    );

  constructor(
    private readonly mapping: ResourceFilterMapping,
    private readonly alias: string,
    private readonly searchedWith: ResourceSchemas[],
    private readonly params: SqlParameters,
  ) {}

  translate(filter: FilterNode, scope: AttributeScope = this.resourceScope): string {
    switch (filter.kind) {
      case 'and':
      case 'or':
        return `(${filter.filters.map((operand) => this.translate(operand, scope)).join(filter.kind === 'and' ? ' AND ' : ' OR ')})`;
      case 'not':
        // A comparison with a missing attribute is NULL in SQL, and NOT NULL is not true: IS NOT TRUE makes
        // `not (title eq "x")` match a resource without a title.
        return `(${this.translate(filter.filter, scope)}) IS NOT TRUE`;
      case 'valuePath':
        return this.translateValuePath(filter, scope);
      case 'comparison':
      case 'present':
        return (
          (scope === this.resourceScope ? this.aliasCondition(filter) : undefined) ??
          this.translateCondition(filter, scope(filter.attributePath))
        );
    }
  }

  /**
   * In a search across types, a name another type takes as an alias (`email` of Users) stands for that type's
   * attributes, which are unassigned here: `email eq "…"` matches no group instead of failing.
   */
  private aliasCondition(filter: ComparisonNode | PresentNode): string | undefined {
    const context = { translate: (expanded: FilterNode) => this.translate(expanded) };
    const others = ALIAS_MAPPINGS.filter((other) => this.searchedWith.includes(other.schemas));
    for (const mapping of [this.mapping, ...others]) {
      const condition = mapping.aliasCondition?.(filter, context);
      if (condition !== undefined) return condition;
    }
    return undefined;
  }

  private translateValuePath(filter: ValuePathNode, scope: AttributeScope): string {
    const target = scope(filter.attributePath);
    if (target.kind !== 'complex') {
      throw invalidFilter(`Invalid filter: "${target.label}" has no sub-attributes to filter in [ ]`);
    }
    const subAttributeScope: AttributeScope = (path) => {
      const definition = findByName(target.definition.subAttributes ?? [], path);
      if (!definition) throw invalidFilter(`Invalid filter: unknown attribute "${path}" in "${target.label}[ ]"`);
      const label = `${target.label}.${definition.name}`;
      const operand = target.operand.subAttribute(definition);
      if (!operand) throw invalidFilter(`Invalid filter: "${label}" cannot be filtered or sorted on`);
      return { kind: 'value', label, operand };
    };
    return target.operand.within(this.translate(filter.filter, subAttributeScope));
  }

  private translateCondition(filter: ComparisonNode | PresentNode, target: AttributeTarget): string {
    if (target.kind === 'value') {
      const condition = this.compare(filter, target.label, target.operand);
      return target.parent ? target.parent.within(condition) : condition;
    }
    if (filter.kind === 'present') return target.operand.present();
    if (filter.value.type === 'null') return compareWithNull(filter.operator, target.operand.present(), target.label);
    // RFC 7644 §3.4.2.2: a complex attribute named without a sub-attribute (`emails co "@acme.test"`) is compared through its `value`.
    const valueDefinition = findByName(target.definition.subAttributes ?? [], 'value');
    const valueOperand = valueDefinition && target.operand.subAttribute(valueDefinition);
    if (!valueOperand) {
      throw invalidFilter(`Invalid filter: "${target.label}" is complex: compare one of its sub-attributes instead`);
    }
    return target.operand.within(this.compare(filter, `${target.label}.value`, valueOperand));
  }

  private compare(filter: ComparisonNode | PresentNode, label: string, operand: ValueOperand): string {
    if (filter.kind === 'present') return operand.present();
    if (filter.value.type === 'null') return compareWithNull(filter.operator, operand.present(), label);
    return operand.compare(filter.operator, filter.value, this.params);
  }
}

/** `eq null` asks for an absent attribute and `ne null` for a present one; no other operator takes null. */
function compareWithNull(operator: ComparisonOperator, present: string, label: string): string {
  if (operator === 'eq') return `(${present}) IS NOT TRUE`;
  if (operator === 'ne') return present;
  throw invalidFilter(`Invalid filter: "${label}" can be compared with null only by "eq" or "ne"`);
}
