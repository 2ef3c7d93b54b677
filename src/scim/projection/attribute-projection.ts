import { ResourceSchemas, splitSchemaUri } from '../schema/resource-schemas';

type Resource = Record<string, unknown>;

/** Attributes returned whatever `attributes`/`excludedAttributes` say (RFC 7643 §7 returned "always"). */
const ALWAYS_RETURNED = ['schemas', 'id'];

interface AttributeReference {
  /** Top-level key in the resource: an attribute name or an extension URN. */
  key: string;
  /** Attribute inside an extension, or sub-attribute. */
  child?: string;
  /** Sub-attribute of an extension attribute (`urn:...:User:manager.value`). */
  grandchild?: string;
}

/**
 * RFC 7644 §3.4.2.5: `attributes` narrows a resource to the named attributes (plus those always
 * returned); `excludedAttributes` removes the named ones. Names are case-insensitive and may be
 * sub-attributes or URN-qualified.
 */
export class AttributeProjection {
  private constructor(
    private readonly included: AttributeReference[] | undefined,
    private readonly excluded: AttributeReference[],
  ) {}

  static parse(schemas: ResourceSchemas, attributes?: string, excludedAttributes?: string): AttributeProjection {
    const included = attributes?.trim() ? parseList(schemas, attributes) : undefined;
    const excluded = excludedAttributes?.trim() ? parseList(schemas, excludedAttributes) : [];
    return new AttributeProjection(included, excluded);
  }

  static readonly everything = new AttributeProjection(undefined, []);

  /** Whether a top-level attribute (e.g. `members`, `groups`) will be returned: lets callers skip loading it. */
  returns(attribute: string): boolean {
    const key = attribute.toLowerCase();
    if (this.excluded.some((ref) => ref.key.toLowerCase() === key && !ref.child)) return false;
    return !this.included || this.included.some((ref) => ref.key.toLowerCase() === key);
  }

  apply(resource: Resource): Resource {
    const narrowed = this.included ? pick(resource, this.included) : { ...resource };
    for (const reference of this.excluded) omit(narrowed, reference);
    return narrowed;
  }
}

function parseList(schemas: ResourceSchemas, list: string): AttributeReference[] {
  return list
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean)
    .map((path) => {
      const { schemaUri, attributePath } = splitSchemaUri(schemas, path);
      const [name, sub] = attributePath.split('.');
      if (schemaUri === schemas.core.id) return { key: name, child: sub };
      return name ? { key: schemaUri, child: name, grandchild: sub } : { key: schemaUri };
    })
    .filter((reference) => reference.key);
}

function pick(resource: Resource, references: AttributeReference[]): Resource {
  const result: Resource = {};
  for (const key of Object.keys(resource)) {
    if (ALWAYS_RETURNED.includes(key)) result[key] = resource[key];
  }
  for (const reference of references) {
    const key = findKey(resource, reference.key);
    if (key === undefined) continue;
    const value = resource[key];
    if (!reference.child || !isObject(value)) {
      result[key] = value;
      continue;
    }
    result[key] = mergePicked(result[key], value, reference);
  }
  return result;
}

function mergePicked(existing: unknown, value: unknown, reference: AttributeReference): unknown {
  if (Array.isArray(value)) {
    // A sub-attribute of a multi-valued attribute: keep that sub-attribute of every element.
    return value.map((element, index) => ({
      ...(Array.isArray(existing) && isObject(existing[index]) ? existing[index] : {}),
      ...pickChild(element, reference.child!),
    }));
  }
  const target: Resource = isObject(existing) ? { ...(existing as Resource) } : {};
  const childKey = findKey(value as Resource, reference.child!);
  if (childKey === undefined) return target;
  const child = (value as Resource)[childKey];
  target[childKey] = reference.grandchild && isObject(child) && !Array.isArray(child)
    ? { ...(isObject(target[childKey]) ? (target[childKey] as Resource) : {}), ...pickChild(child, reference.grandchild) }
    : child;
  return target;
}

function pickChild(element: unknown, name: string): Resource {
  if (!isObject(element)) return {};
  const key = findKey(element as Resource, name);
  return key === undefined ? {} : { [key]: (element as Resource)[key] };
}

function omit(resource: Resource, reference: AttributeReference): void {
  if (ALWAYS_RETURNED.includes(reference.key)) return;
  const key = findKey(resource, reference.key);
  if (key === undefined) return;
  if (!reference.child) {
    delete resource[key];
    return;
  }
  const value = resource[key];
  if (Array.isArray(value)) {
    resource[key] = value.map((element) => omitChild(element, reference.child!));
  } else if (isObject(value)) {
    const copy = { ...(value as Resource) };
    const childKey = findKey(copy, reference.child);
    if (childKey !== undefined) {
      if (reference.grandchild && isObject(copy[childKey])) copy[childKey] = omitChild(copy[childKey], reference.grandchild);
      else delete copy[childKey];
    }
    resource[key] = copy;
  }
}

function omitChild(element: unknown, name: string): unknown {
  if (!isObject(element)) return element;
  const copy = { ...(element as Resource) };
  const key = findKey(copy, name);
  if (key !== undefined) delete copy[key];
  return copy;
}

function findKey(resource: Resource, name: string): string | undefined {
  const lower = name.toLowerCase();
  return Object.keys(resource).find((key) => key.toLowerCase() === lower);
}

function isObject(value: unknown): value is Resource | unknown[] {
  return typeof value === 'object' && value !== null;
}
