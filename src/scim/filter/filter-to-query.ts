import { RecordCondition } from '../../common/query/record-query';
import { findByName, ResourceSchemas } from '../schema/resource-schemas';
import { ComparisonNode, ComparisonOperator, FilterNode, PresentNode, ValuePathNode } from './filter.ast';
import { invalidFilter } from './filter.errors';
import { ValueOperand } from './filter-operands';
import { GROUP_FILTER_MAPPING } from './group-filter.mapping';
import { AttributeTarget, ResourceFilterMapping, resolveSearchedAttributeTarget } from './resource-filter-mapping';
import { USER_FILTER_MAPPING } from './user-filter.mapping';

export interface FilterQueryOptions {
  /**
   * The other resource types of a search across types (the root `/.search`): an attribute only they have is
   * unassigned on this type rather than unknown, so `userName eq "…"` matches no group instead of failing.
   */
  searchedWith?: ResourceSchemas[];
}

/*
 * Semantics where RFC 7644 §3.4.2.2 leaves room: a resource without the attribute matches `ne`, `not (…)` and
 * `eq null`, and nothing else; a multi-valued attribute matches when some element does, `ne` included.
 */

/** The condition on users' records for a parsed filter. Throws a 400 invalidFilter ScimError for what it cannot evaluate. */
export function translateUserFilter(filter: FilterNode, options: FilterQueryOptions = {}): RecordCondition {
  return translateFilter(filter, USER_FILTER_MAPPING, options);
}

/** The condition on groups' records for a parsed filter. Throws a 400 invalidFilter ScimError for what it cannot evaluate. */
export function translateGroupFilter(filter: FilterNode, options: FilterQueryOptions = {}): RecordCondition {
  return translateFilter(filter, GROUP_FILTER_MAPPING, options);
}

const ALIAS_MAPPINGS: ResourceFilterMapping[] = [USER_FILTER_MAPPING, GROUP_FILTER_MAPPING];

function translateFilter(filter: FilterNode, mapping: ResourceFilterMapping, options: FilterQueryOptions): RecordCondition {
  return new FilterTranslator(mapping, options.searchedWith ?? []).translate(filter);
}

/** Resolves the attribute paths of one level of the filter: the resource's, or a value path's sub-attributes. */
type AttributeScope = (path: string) => AttributeTarget;

class FilterTranslator {
  private readonly resourceScope: AttributeScope = (path) =>
    resolveSearchedAttributeTarget(this.mapping, path, this.searchedWith, (detail) => invalidFilter(`Invalid filter: ${detail}`));

  constructor(
    private readonly mapping: ResourceFilterMapping,
    private readonly searchedWith: ResourceSchemas[],
  ) {}

  translate(filter: FilterNode, scope: AttributeScope = this.resourceScope): RecordCondition {
    switch (filter.kind) {
      case 'and':
      case 'or':
        return { kind: filter.kind, conditions: filter.filters.map((operand) => this.translate(operand, scope)) };
      case 'not':
        return { kind: 'not', condition: this.translate(filter.filter, scope) };
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
  private aliasCondition(filter: ComparisonNode | PresentNode): RecordCondition | undefined {
    const context = { translate: (expanded: FilterNode) => this.translate(expanded) };
    const others = ALIAS_MAPPINGS.filter((other) => this.searchedWith.includes(other.schemas));
    for (const mapping of [this.mapping, ...others]) {
      const condition = mapping.aliasCondition?.(filter, context);
      if (condition !== undefined) return condition;
    }
    return undefined;
  }

  private translateValuePath(filter: ValuePathNode, scope: AttributeScope): RecordCondition {
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

  private translateCondition(filter: ComparisonNode | PresentNode, target: AttributeTarget): RecordCondition {
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

  private compare(filter: ComparisonNode | PresentNode, label: string, operand: ValueOperand): RecordCondition {
    if (filter.kind === 'present') return operand.present();
    if (filter.value.type === 'null') return compareWithNull(filter.operator, operand.present(), label);
    return operand.compare(filter.operator, filter.value);
  }
}

/** `eq null` asks for an absent attribute and `ne null` for a present one; no other operator takes null. */
function compareWithNull(operator: ComparisonOperator, present: RecordCondition, label: string): RecordCondition {
  if (operator === 'eq') return { kind: 'not', condition: present };
  if (operator === 'ne') return present;
  throw invalidFilter(`Invalid filter: "${label}" can be compared with null only by "eq" or "ne"`);
}
