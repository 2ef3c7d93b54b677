import { COMMON_ATTRIBUTES } from '../schema/common-attributes';
import { ResourceSchemas } from '../schema/resource-schemas';
import { ScimAttributeDefinition } from '../schema/scim-schema.types';
import { isJsonObject, JsonObject, ScimResourceJson } from './json-object';

/** RFC 7643 §2.5: null, an empty array and (here) an empty complex value all mean "unassigned". */
export function isUnassigned(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (Array.isArray(value)) return value.length === 0;
  return isJsonObject(value) && Object.keys(value).length === 0;
}

/** Deletes unassigned schema attributes, and extension objects left empty. */
export function pruneUnassigned(resource: ScimResourceJson, schemas: ResourceSchemas): void {
  pruneAttributes(resource, [...schemas.core.attributes, ...COMMON_ATTRIBUTES]);
  for (const extension of schemas.extensions) {
    const container = resource[extension.id];
    if (isJsonObject(container)) pruneAttributes(container, extension.attributes);
    if (isUnassigned(container)) delete resource[extension.id];
  }
}

/** Names of required attributes (core, then extension ones URN-qualified) the resource leaves unassigned. */
export function unassignedRequiredAttributes(resource: ScimResourceJson, schemas: ResourceSchemas): string[] {
  const containers = [
    { prefix: '', schema: schemas.core, container: resource },
    ...schemas.extensions.map((schema) => ({ prefix: `${schema.id}:`, schema, container: resource[schema.id] })),
  ];
  return containers.flatMap(({ prefix, schema, container }) =>
    schema.attributes
      .filter((attribute) => attribute.required && isUnassigned(isJsonObject(container) ? container[attribute.name] : undefined))
      .map((attribute) => `${prefix}${attribute.name}`),
  );
}

function pruneAttributes(container: JsonObject, attributes: ScimAttributeDefinition[]): void {
  for (const attribute of attributes) {
    if (attribute.name in container && isUnassigned(container[attribute.name])) delete container[attribute.name];
  }
}
