import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';

const SCHEMA = JSON.parse(readFileSync(join(__dirname, '../fixtures/rfc7643-discovery.schema.json'), 'utf8'));

export type DiscoveryDocumentKind = 'serviceProviderConfig' | 'resourceType' | 'resourceTypeList' | 'schema' | 'schemaList';

/**
 * Checks a discovery document against test/fixtures/rfc7643-discovery.schema.json (RFC 7643 §5–7, unknown keys
 * refused). Returns the violations as readable lines, so that a failing test names them: [] when valid.
 */
export function discoveryValidator(): (kind: DiscoveryDocumentKind, document: unknown) => string[] {
  // strictRequired would refuse the conditional `required` of the §7 rules (referenceTypes only on references).
  const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false });
  addFormats(ajv);
  ajv.addSchema(SCHEMA);
  return (kind, document) => {
    const validate = ajv.getSchema(`${SCHEMA.$id}#/$defs/${kind}`);
    if (!validate) throw new Error(`No definition ${kind} in the discovery JSON Schema`);
    if (validate(document)) return [];
    return (validate.errors ?? []).map((error) => `${error.instancePath || '/'} ${error.message} ${JSON.stringify(error.params)}`);
  };
}
