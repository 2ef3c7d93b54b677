import { ResourceSchemas } from '../schema/resource-schemas';
import { ScimError, ScimErrorType } from '../scim.error';
import { ScimResourceJson } from './json-object';
import { findExtensionUri } from './patch-path';
import { isUnassigned } from './unassigned-attributes';

/**
 * A resource's `schemas` follows from the attributes it holds, so a PATCH does not set it, but clients send
 * it along (SDK clients also inside an extension's value). The URNs must be this resource type's; returns
 * them canonical.
 */
export function readSchemasDeclaration(value: unknown, schemas: ResourceSchemas, path: string): string[] {
  const uris = Array.isArray(value) ? value : [value];
  return uris.map((uri) => {
    const canonical = typeof uri === 'string' ? knownSchemaUri(uri, schemas) : undefined;
    if (!canonical) {
      throw ScimError.badRequest(
        ScimErrorType.InvalidValue,
        `${path}: ${JSON.stringify(uri)} is not a schema of a ${schemas.resourceType}`,
      );
    }
    return canonical;
  });
}

/** A replaced `schemas` must list the core schema and every extension the patched resource holds. */
export function assertSchemasDeclared(declared: string[], resource: ScimResourceJson, schemas: ResourceSchemas): void {
  const held = [schemas.core.id, ...schemas.extensions.map((extension) => extension.id).filter((uri) => !isUnassigned(resource[uri]))];
  const missing = held.filter((uri) => !declared.includes(uri));
  if (missing.length > 0) {
    throw ScimError.badRequest(
      ScimErrorType.InvalidValue,
      `schemas leaves out ${missing.join(', ')}, which the ${schemas.resourceType} holds; remove an extension with its URN as the path`,
    );
  }
}

export function schemasNotRemovable(): ScimError {
  return ScimError.badRequest(ScimErrorType.Mutability, 'schemas cannot be removed: it follows from the attributes the resource holds');
}

function knownSchemaUri(uri: string, schemas: ResourceSchemas): string | undefined {
  return uri.toLowerCase() === schemas.core.id.toLowerCase() ? schemas.core.id : findExtensionUri(schemas, uri);
}
