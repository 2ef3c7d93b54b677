import { COMMON_ATTRIBUTES } from './common-attributes';
import { ENTERPRISE_USER_SCHEMA } from './enterprise-user.schema';
import { GROUP_SCHEMA } from './group.schema';
import { ScimAttributeDefinition, ScimSchemaDefinition } from './scim-schema.types';
import { USER_SCHEMA } from './user.schema';

export interface ResourceSchemas {
  resourceType: 'User' | 'Group';
  core: ScimSchemaDefinition;
  extensions: ScimSchemaDefinition[];
}

export const USER_RESOURCE_SCHEMAS: ResourceSchemas = {
  resourceType: 'User',
  core: USER_SCHEMA,
  extensions: [ENTERPRISE_USER_SCHEMA],
};

export const GROUP_RESOURCE_SCHEMAS: ResourceSchemas = {
  resourceType: 'Group',
  core: GROUP_SCHEMA,
  extensions: [],
};

export const ALL_SCHEMAS: ScimSchemaDefinition[] = [USER_SCHEMA, ENTERPRISE_USER_SCHEMA, GROUP_SCHEMA];

export interface ResolvedAttribute {
  /** The schema the attribute belongs to (core or an extension URN). */
  schemaUri: string;
  /** The top-level attribute. */
  attribute: ScimAttributeDefinition;
  /** The sub-attribute, when the path names one (`name.givenName`). */
  subAttribute?: ScimAttributeDefinition;
}

/**
 * Resolves an attribute path (`userName`, `name.givenName`, `meta.lastModified`,
 * `urn:...:enterprise:2.0:User:manager.value`, `urn:...:core:2.0:User:userName`) case-insensitively,
 * per RFC 7643 §2.1. Returns undefined for an unknown attribute.
 */
export function resolveAttributePath(schemas: ResourceSchemas, path: string): ResolvedAttribute | undefined {
  const { schemaUri, attributePath } = splitSchemaUri(schemas, path);
  const [name, subName, ...rest] = attributePath.split('.');
  if (rest.length > 0 || !name) return undefined;
  const candidates =
    schemaUri === schemas.core.id
      ? [...schemas.core.attributes, ...COMMON_ATTRIBUTES]
      : (schemas.extensions.find((extension) => extension.id === schemaUri)?.attributes ?? []);
  const attribute = findByName(candidates, name);
  if (!attribute) return undefined;
  if (subName === undefined) return { schemaUri, attribute };
  const subAttribute = findByName(attribute.subAttributes ?? [], subName);
  return subAttribute ? { schemaUri, attribute, subAttribute } : undefined;
}

/** Splits a URN prefix off a path: `urn:...:User:manager.value` → schema URN + `manager.value`. */
export function splitSchemaUri(schemas: ResourceSchemas, path: string): { schemaUri: string; attributePath: string } {
  const lower = path.toLowerCase();
  for (const schema of [schemas.core, ...schemas.extensions]) {
    const prefix = schema.id.toLowerCase();
    if (lower === prefix) return { schemaUri: schema.id, attributePath: '' };
    if (lower.startsWith(`${prefix}:`)) return { schemaUri: schema.id, attributePath: path.slice(prefix.length + 1) };
  }
  return { schemaUri: schemas.core.id, attributePath: path };
}

export function findByName(attributes: ScimAttributeDefinition[], name: string): ScimAttributeDefinition | undefined {
  const lower = name.toLowerCase();
  return attributes.find((attribute) => attribute.name.toLowerCase() === lower);
}
