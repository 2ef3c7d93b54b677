/**
 * What a generic SCIM client knows: only the published /ResourceTypes and /Schemas documents. It builds
 * resources from the attribute characteristics, the way SDK-built connectors build their models.
 */

export interface AttributeDocument {
  name: string;
  type: string;
  multiValued: boolean;
  required: boolean;
  mutability: string;
  returned: string;
  uniqueness: string;
  canonicalValues?: string[];
  referenceTypes?: string[];
  subAttributes?: AttributeDocument[];
}

export interface SchemaDocument {
  id: string;
  attributes: AttributeDocument[];
}

export interface ResourceTypeDocument {
  name: string;
  endpoint: string;
  schema: string;
  schemaExtensions?: { schema: string; required: boolean }[];
}

export interface DiscoveredResourceType {
  endpoint: string;
  core: SchemaDocument;
  extensions: SchemaDocument[];
}

/** The resource type named `name`, with its core and extension schemas taken from the /Schemas list. */
export function discoverResourceType(
  resourceTypes: ResourceTypeDocument[],
  schemas: SchemaDocument[],
  name: string,
): DiscoveredResourceType {
  const type = resourceTypes.find((candidate) => candidate.name === name);
  if (!type) throw new Error(`No resource type ${name} in /ResourceTypes`);
  const schemaById = (id: string) => {
    const schema = schemas.find((candidate) => candidate.id === id);
    if (!schema) throw new Error(`Schema ${id} of resource type ${name} is not in /Schemas`);
    return schema;
  };
  return {
    endpoint: type.endpoint,
    core: schemaById(type.schema),
    extensions: (type.schemaExtensions ?? []).map((extension) => schemaById(extension.schema)),
  };
}

/** RFC 7643 §7: what a client may send. */
export function isWritable(attribute: AttributeDocument): boolean {
  return attribute.mutability !== 'readOnly';
}

/** Where a resource's attribute lives in its JSON: at the top for the core schema, under the URN for an extension. */
export interface AttributeSlot {
  schemaUri: string;
  attribute: AttributeDocument;
}

export function writableSlots(type: DiscoveredResourceType): AttributeSlot[] {
  return [type.core, ...type.extensions].flatMap((schema) =>
    schema.attributes.filter(isWritable).map((attribute) => ({ schemaUri: schema.id, attribute })),
  );
}

export interface SampleContext {
  /** Makes values unique per resource (for attributes with a uniqueness other than "none"). */
  seed: string;
  /** The SCIM base URL, for references to resources of a resource type. */
  baseUrl: string;
  resourceTypes: ResourceTypeDocument[];
}

/** A resource with a value for every writable attribute of its schemas, except those in `leaveOut`. */
export function sampleResource(
  type: DiscoveredResourceType,
  context: SampleContext,
  leaveOut: AttributeSlot[] = [],
): Record<string, unknown> {
  const resource: Record<string, unknown> = { schemas: [type.core.id, ...type.extensions.map((extension) => extension.id)] };
  for (const slot of writableSlots(type)) {
    if (leaveOut.some((left) => left.schemaUri === slot.schemaUri && left.attribute.name === slot.attribute.name)) continue;
    const value = sampleValue(slot.attribute, context);
    if (slot.schemaUri === type.core.id) resource[slot.attribute.name] = value;
    else resource[slot.schemaUri] = { ...(resource[slot.schemaUri] as object | undefined), [slot.attribute.name]: value };
  }
  return resource;
}

/** The value of an attribute in a resource body, by the slot's schema. */
export function valueAt(resource: Record<string, unknown>, type: DiscoveredResourceType, slot: AttributeSlot): unknown {
  const holder = slot.schemaUri === type.core.id ? resource : (resource[slot.schemaUri] as Record<string, unknown> | undefined);
  return holder?.[slot.attribute.name];
}

function sampleValue(attribute: AttributeDocument, context: SampleContext): unknown {
  const single = sampleSingleValue(attribute, context);
  return attribute.multiValued ? [single] : single;
}

function sampleSingleValue(attribute: AttributeDocument, context: SampleContext): unknown {
  const { name } = attribute;
  switch (attribute.type) {
    case 'complex':
      return Object.fromEntries((attribute.subAttributes ?? []).filter(isWritable).map((sub) => [sub.name, sampleValue(sub, context)]));
    case 'string':
      if (attribute.canonicalValues?.length) return attribute.canonicalValues[0];
      return attribute.uniqueness === 'none' ? `${name} value` : `${name}-${context.seed}`;
    case 'boolean':
      return true;
    case 'integer':
      return 42;
    case 'decimal':
      return 4.5;
    case 'dateTime':
      return '2026-01-02T03:04:05Z';
    case 'binary':
      return Buffer.from(`${name} ${context.seed}`).toString('base64');
    case 'reference':
      return sampleReference(attribute, context);
    default:
      throw new Error(`Attribute ${name} has the unknown type ${attribute.type}`);
  }
}

function sampleReference(attribute: AttributeDocument, context: SampleContext): string {
  const [referenceType] = attribute.referenceTypes ?? [];
  if (referenceType === 'external') return `https://example.test/${attribute.name}/${context.seed}`;
  if (referenceType === 'uri') return `urn:example:${attribute.name}:${context.seed}`;
  const target = context.resourceTypes.find((type) => type.name === referenceType);
  if (!target) throw new Error(`Attribute ${attribute.name} refers to the unknown resource type ${referenceType}`);
  return `${context.baseUrl}${target.endpoint}/${context.seed}`;
}
