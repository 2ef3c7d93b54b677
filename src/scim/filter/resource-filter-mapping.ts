import { ResolvedAttribute, ResourceSchemas, resolveAttributePath } from '../schema/resource-schemas';
import { ComparisonNode, FilterNode, PresentNode } from './filter.ast';
import { ScimAttributeDefinition } from '../schema/scim-schema.types';
import { ScimError } from '../scim.error';
import {
  AttributeOperand,
  ComplexOperand,
  textOperand,
  timestampOperand,
  unassignedComplexOperand,
  unassignedValueOperand,
  uuidOperand,
  ValueOperand,
  versionOperand,
} from './filter-operands';
import { textLiteral } from './sql-fragment';

/** How the attributes of one resource type are stored. */
export interface ResourceFilterMapping {
  schemas: ResourceSchemas;
  /** The storage of a top-level attribute, or undefined when it cannot be filtered or sorted on. */
  operand(schemaUri: string, attribute: ScimAttributeDefinition, alias: string): AttributeOperand | undefined;
  /** A condition on a name that is no attribute of the schemas but that clients use; undefined for any other name. */
  aliasCondition?(filter: ComparisonNode | PresentNode, context: AliasContext): string | undefined;
}

export interface AliasContext {
  /** Translates a filter over real attributes, as the alias stands for it. */
  translate: (filter: FilterNode) => string;
}

/** What an attribute path designates: a value (possibly inside a complex attribute), or a whole complex attribute. */
export type AttributeTarget =
  | { kind: 'value'; label: string; operand: ValueOperand; parent?: ComplexOperand }
  | { kind: 'complex'; label: string; operand: ComplexOperand; definition: ScimAttributeDefinition };

/** As resolveAttributeTarget; a path that only `searchedWith` (the other types of a root search) know is unassigned here. */
export function resolveSearchedAttributeTarget(
  mapping: ResourceFilterMapping,
  path: string,
  alias: string,
  searchedWith: ResourceSchemas[],
  fail: (detail: string) => ScimError,
): AttributeTarget {
  if (resolveAttributePath(mapping.schemas, path)) return resolveAttributeTarget(mapping, path, alias, fail);
  for (const other of searchedWith) {
    const resolved = resolveAttributePath(other, path);
    if (resolved) return unassignedTarget(other, resolved);
  }
  return resolveAttributeTarget(mapping, path, alias, fail);
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
export function resolveAttributeTarget(
  mapping: ResourceFilterMapping,
  path: string,
  alias: string,
  fail: (detail: string) => ScimError,
): AttributeTarget {
  const resolved = resolveAttributePath(mapping.schemas, path);
  if (!resolved) throw fail(`unknown attribute "${path}"`);
  const { schemaUri, attribute, subAttribute } = resolved;
  const prefix = schemaUri === mapping.schemas.core.id ? '' : `${schemaUri}:`;
  const label = `${prefix}${attribute.name}${subAttribute ? `.${subAttribute.name}` : ''}`;
  const unsupported = () => fail(`"${label}" cannot be filtered or sorted on`);
  const operand = mapping.operand(schemaUri, attribute, alias);
  if (!operand) throw unsupported();
  if (!subAttribute) {
    return operand.kind === 'value' ? { kind: 'value', label, operand } : { kind: 'complex', label, operand, definition: attribute };
  }
  if (operand.kind !== 'complex') throw unsupported();
  const subOperand = operand.subAttribute(subAttribute);
  if (!subOperand) throw unsupported();
  return { kind: 'value', label, operand: subOperand, parent: operand };
}

/** `id`, `externalId` and `meta`, stored alike for every resource type; undefined for any other attribute. */
export function commonAttributeOperand(
  attribute: ScimAttributeDefinition,
  alias: string,
  resourceType: string,
): AttributeOperand | undefined {
  switch (attribute.name) {
    case 'id':
      return uuidOperand('id', `${alias}.id`);
    case 'externalId':
      return textOperand('externalId', `${alias}.external_id`, attribute.caseExact);
    case 'meta':
      return metaOperand(alias, resourceType);
    default:
      return undefined;
  }
}

function metaOperand(alias: string, resourceType: string): ComplexOperand {
  return {
    kind: 'complex',
    subAttribute(definition) {
      switch (definition.name) {
        case 'created':
          return timestampOperand('meta.created', `${alias}.created_at`);
        case 'lastModified':
          return timestampOperand('meta.lastModified', `${alias}.updated_at`);
        case 'version':
          return versionOperand('meta.version', `${alias}.version`);
        case 'resourceType':
          return textOperand('meta.resourceType', `${textLiteral(resourceType)}::text`, definition.caseExact);
        default:
          // meta.location depends on the request's base URL, which the database does not know.
          return undefined;
      }
    },
    within: (condition) => condition,
    present: () => 'TRUE',
    sortKey: (subAttributeKey) => subAttributeKey,
  };
}
