import { RecordCondition } from '../../common/query/record-query';
import { ResolvedAttribute, ResourceSchemas, resolveAttributePath } from '../schema/resource-schemas';
import { ScimAttributeDefinition } from '../schema/scim-schema.types';
import { ScimError } from '../scim.error';
import { ComparisonNode, FilterNode, PresentNode } from './filter.ast';
import {
  AttributeOperand,
  ComplexOperand,
  constantTextOperand,
  textOperand,
  timestampOperand,
  unassignedComplexOperand,
  unassignedValueOperand,
  uuidOperand,
  ValueOperand,
  versionOperand,
} from './filter-operands';

/** What the attributes of one resource type stand for in the owner's records. */
export interface ResourceFilterMapping {
  schemas: ResourceSchemas;
  /** The record field(s) of a top-level attribute, or undefined when it cannot be filtered or sorted on. */
  operand(schemaUri: string, attribute: ScimAttributeDefinition): AttributeOperand | undefined;
  /** A condition on a name that is no attribute of the schemas but that clients use; undefined for any other name. */
  aliasCondition?(filter: ComparisonNode | PresentNode, context: AliasContext): RecordCondition | undefined;
}

export interface AliasContext {
  /** Translates a filter over real attributes, as the alias stands for it. */
  translate: (filter: FilterNode) => RecordCondition;
}

/** What an attribute path designates: a value (possibly inside a complex attribute), or a whole complex attribute. */
export type AttributeTarget =
  | { kind: 'value'; label: string; operand: ValueOperand; parent?: ComplexOperand }
  | { kind: 'complex'; label: string; operand: ComplexOperand; definition: ScimAttributeDefinition };

/** As resolveAttributeTarget; a path that only `searchedWith` (the other types of a root search) know is unassigned here. */
export function resolveSearchedAttributeTarget(
  mapping: ResourceFilterMapping,
  path: string,
  searchedWith: ResourceSchemas[],
  fail: (detail: string) => ScimError,
): AttributeTarget {
  if (resolveAttributePath(mapping.schemas, path)) return resolveAttributeTarget(mapping, path, fail);
  for (const other of searchedWith) {
    const resolved = resolveAttributePath(other, path);
    if (resolved) return unassignedTarget(other, resolved);
  }
  return resolveAttributeTarget(mapping, path, fail);
}

function unassignedTarget(schemas: ResourceSchemas, { schemaUri, attribute, subAttribute }: ResolvedAttribute): AttributeTarget {
  const prefix = schemaUri === schemas.core.id ? '' : `${schemaUri}:`;
  const label = `${prefix}${attribute.name}${subAttribute ? `.${subAttribute.name}` : ''}`;
  if (!subAttribute && attribute.type === 'complex') {
    return { kind: 'complex', label, operand: unassignedComplexOperand(), definition: attribute };
  }
  return { kind: 'value', label, operand: unassignedValueOperand() };
}

/** Resolves a path such as `name.givenName` or `urn:...:enterprise:2.0:User:manager.value`; `fail` words the error. */
export function resolveAttributeTarget(mapping: ResourceFilterMapping, path: string, fail: (detail: string) => ScimError): AttributeTarget {
  const resolved = resolveAttributePath(mapping.schemas, path);
  if (!resolved) throw fail(`unknown attribute "${path}"`);
  const { schemaUri, attribute, subAttribute } = resolved;
  const prefix = schemaUri === mapping.schemas.core.id ? '' : `${schemaUri}:`;
  const label = `${prefix}${attribute.name}${subAttribute ? `.${subAttribute.name}` : ''}`;
  const unsupported = () => fail(`"${label}" cannot be filtered or sorted on`);
  const operand = mapping.operand(schemaUri, attribute);
  if (!operand) throw unsupported();
  if (!subAttribute) {
    return operand.kind === 'value' ? { kind: 'value', label, operand } : { kind: 'complex', label, operand, definition: attribute };
  }
  if (operand.kind !== 'complex') throw unsupported();
  const subOperand = operand.subAttribute(subAttribute);
  if (!subOperand) throw unsupported();
  return { kind: 'value', label, operand: subOperand, parent: operand };
}

/** `id`, `externalId` and `meta`, alike for every resource type: the record's fields of those names; undefined for any other attribute. */
export function commonAttributeOperand(attribute: ScimAttributeDefinition, resourceType: string): AttributeOperand | undefined {
  switch (attribute.name) {
    case 'id':
      return uuidOperand('id', ['id']);
    case 'externalId':
      return textOperand('externalId', ['externalId'], attribute.caseExact);
    case 'meta':
      return metaOperand(resourceType);
    default:
      return undefined;
  }
}

function metaOperand(resourceType: string): ComplexOperand {
  return {
    kind: 'complex',
    subAttribute(definition) {
      switch (definition.name) {
        case 'created':
          return timestampOperand('meta.created', ['meta', 'created']);
        case 'lastModified':
          return timestampOperand('meta.lastModified', ['meta', 'lastModified']);
        case 'version':
          return versionOperand('meta.version', ['meta', 'version']);
        case 'resourceType':
          return constantTextOperand('meta.resourceType', resourceType, definition.caseExact);
        default:
          // meta.location depends on the request's base URL, which the records do not hold.
          return undefined;
      }
    },
    within: (condition) => condition,
    present: () => ({ kind: 'constant', value: true }),
    sortKey: (subAttributeKey) => subAttributeKey,
  };
}
