import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';

export const EVENT_SCHEMAS_DIR = join(__dirname, '..', '..', 'docs', 'events', 'schemas');

/** The event types that have a schema in docs/events/schemas, from the file names. */
export function documentedEventTypes(): string[] {
  return readdirSync(EVENT_SCHEMAS_DIR)
    .filter((name) => name.endsWith('.json'))
    .map((name) => name.replace(/\.json$/, ''))
    .sort();
}

/**
 * Checks an event against the JSON Schema of its type (docs/events/schemas/<type>.json). Returns the violations as
 * readable lines, so that a failing test names them: [] when valid.
 */
export function changeEventValidator(): (event: { type: string }) => string[] {
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  addFormats(ajv);
  const validators = new Map(
    documentedEventTypes().map((type) => [
      type,
      ajv.compile(JSON.parse(readFileSync(join(EVENT_SCHEMAS_DIR, `${type}.json`), 'utf8')) as object),
    ]),
  );
  return (event) => {
    const { type } = event;
    const validate = validators.get(type);
    if (!validate) return [`no schema for type ${type}`];
    const document: unknown = event;
    if (validate(document)) return [];
    return (validate.errors ?? []).map((error) => `${type} ${error.instancePath || '/'} ${error.message} ${JSON.stringify(error.params)}`);
  };
}
