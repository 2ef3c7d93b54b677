import { findByName, resolveAttributePath, ResourceSchemas } from '../schema/resource-schemas';
import { ScimAttributeDefinition } from '../schema/scim-schema.types';
import { ScimError, ScimErrorType } from '../scim.error';
import { closingQuote, parseValueFilter, ValueFilter } from './value-filter';

/** An attribute a PATCH path or a no-path value key names, with canonical names. */
export interface AttributeTarget {
  kind: 'attribute';
  /** As sent, for error messages. */
  path: string;
  /** The schema extension holding the attribute; undefined for a core attribute. */
  extensionUri?: string;
  attribute: ScimAttributeDefinition;
  filter?: ValueFilter;
  subAttribute?: ScimAttributeDefinition;
}

/** A whole schema extension named by its URN (`urn:...:enterprise:2.0:User`). */
export interface ExtensionTarget {
  kind: 'extension';
  path: string;
  extensionUri: string;
}

export type PatchTarget = AttributeTarget | ExtensionTarget;

/**
 * Resolves an RFC 7644 §3.5.2 path: `attr`, `attr.sub`, `urn:...:attr[.sub]`, `attr[filter][.sub]`, or an
 * extension URN. Names are matched case-insensitively and returned canonical. Unknown → 400 invalidPath.
 */
export function parsePatchPath(path: string, schemas: ResourceSchemas): PatchTarget {
  const extensionUri = findExtensionUri(schemas, path);
  if (extensionUri) return { kind: 'extension', path, extensionUri };
  const open = path.indexOf('[');
  if (open < 0) return resolveAttributeTarget(path, schemas) ?? throwInvalidPath(path, 'no such attribute');

  const close = closingBracket(path, open);
  if (close < 0) throwInvalidPath(path, 'missing "]"');
  const target = resolveAttributeTarget(path.slice(0, open), schemas);
  if (!target || target.subAttribute) throwInvalidPath(path, 'no such attribute');
  const { attribute } = target;
  if (!attribute.multiValued || attribute.type !== 'complex') {
    throwInvalidPath(path, `${attribute.name} is not a multi-valued complex attribute, so it takes no filter`);
  }
  const filter = parseValueFilter(path.slice(open + 1, close), attribute);
  const rest = path.slice(close + 1);
  if (rest === '') return { ...target, path, filter };
  const subAttribute = rest.startsWith('.') ? findByName(attribute.subAttributes ?? [], rest.slice(1)) : undefined;
  if (!subAttribute) throwInvalidPath(path, `"${rest}" is not a sub-attribute of ${attribute.name}`);
  return { ...target, path, filter, subAttribute };
}

/** Resolves a filter-free attribute path, or undefined when the schemas have no such attribute. */
export function resolveAttributeTarget(path: string, schemas: ResourceSchemas): AttributeTarget | undefined {
  const resolved = resolveAttributePath(schemas, path);
  if (!resolved) return undefined;
  const { schemaUri, attribute, subAttribute } = resolved;
  return {
    kind: 'attribute',
    path,
    ...(schemaUri !== schemas.core.id ? { extensionUri: schemaUri } : {}),
    attribute,
    ...(subAttribute ? { subAttribute } : {}),
  };
}

/** The canonical URN of the schema extension a key names, if it names one. */
export function findExtensionUri(schemas: ResourceSchemas, key: string): string | undefined {
  const lower = key.toLowerCase();
  return schemas.extensions.find((extension) => extension.id.toLowerCase() === lower)?.id;
}

/** The resource's `schemas` list: never patched, ignored when a client echoes it. */
export function isSchemasKey(key: string): boolean {
  return key.toLowerCase() === 'schemas';
}

function closingBracket(path: string, open: number): number {
  for (let index = open + 1; index < path.length; index += 1) {
    if (path[index] === '"') index = closingQuote(path, index);
    if (index < 0) return -1;
    if (path[index] === ']') return index;
  }
  return -1;
}

function throwInvalidPath(path: string, reason: string): never {
  throw ScimError.badRequest(ScimErrorType.InvalidPath, `Invalid path "${path}": ${reason}`);
}
