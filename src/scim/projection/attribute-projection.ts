import { parseValueFilter, ValueFilter } from '../patch/value-filter';
import { matchesValueFilter } from '../patch/value-filter-match';
import { resolveAttributePath, ResourceSchemas, splitSchemaUri } from '../schema/resource-schemas';
import { ScimError, ScimErrorType } from '../scim.error';
import { AttributeListItem, splitAttributeList } from './attribute-list';

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
  /** `emails[type eq "work"]`: only the elements of the multi-valued attribute `key` that it selects. */
  filter?: ValueFilter;
}

/**
 * RFC 7644 §3.4.2.5: `attributes` narrows a resource to the named attributes (plus those always
 * returned); `excludedAttributes` removes the named ones. Names are case-insensitive and may be
 * sub-attributes or URN-qualified; a multi-valued attribute may carry a value filter
 * (`emails[type eq "work"]`, `emails[type eq "work"].value`), which narrows it to the elements selected.
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
    if (this.excluded.some((ref) => ref.key.toLowerCase() === key && !ref.child && !ref.filter)) return false;
    return !this.included || this.included.some((ref) => ref.key.toLowerCase() === key);
  }

  /** The elements of a multi-valued attribute as they are returned: selected by value filters, narrowed, none left empty. */
  projectElements(attribute: string, elements: unknown[]): unknown[] {
    const projected = this.apply({ [attribute]: elements })[attribute];
    return Array.isArray(projected) ? projected.filter((element) => !isObject(element) || Object.keys(element).length > 0) : [];
  }

  apply(resource: Resource): Resource {
    const narrowed = this.included ? pick(resource, this.included) : { ...resource };
    for (const reference of this.excluded) omit(narrowed, reference);
    return narrowed;
  }
}

function parseList(schemas: ResourceSchemas, list: string): AttributeReference[] {
  return splitAttributeList(list)
    .map((item) => (item.filter === undefined ? parsePath(schemas, item.path) : parseFiltered(schemas, item)))
    .filter((reference) => reference.key);
}

function parsePath(schemas: ResourceSchemas, path: string): AttributeReference {
  const { schemaUri, attributePath } = splitSchemaUri(schemas, path);
  const [name, sub] = attributePath.split('.');
  if (schemaUri === schemas.core.id) return { key: name, child: sub };
  return name ? { key: schemaUri, child: name, grandchild: sub } : { key: schemaUri };
}

function parseFiltered(schemas: ResourceSchemas, item: AttributeListItem): AttributeReference {
  const resolved = resolveAttributePath(schemas, item.path);
  const attribute = resolved && !resolved.subAttribute && resolved.schemaUri === schemas.core.id ? resolved.attribute : undefined;
  if (!attribute?.multiValued || attribute.type !== 'complex') {
    throw ScimError.badRequest(
      ScimErrorType.InvalidFilter,
      `"${item.path}[…]": only a multi-valued complex attribute takes a value filter`,
    );
  }
  return { key: attribute.name, child: item.subAttribute, filter: parseValueFilter(item.filter!, attribute) };
}

function pick(resource: Resource, references: AttributeReference[]): Resource {
  const result: Resource = {};
  for (const [key, value] of Object.entries(resource)) {
    const naming = references.filter((reference) => reference.key.toLowerCase() === key.toLowerCase());
    if (ALWAYS_RETURNED.includes(key)) result[key] = value;
    else if (naming.length === 0) continue;
    else if (Array.isArray(value)) {
      const elements = pickElements(value, naming);
      if (elements.length > 0) result[key] = elements;
    } else if (!isObject(value) || naming.some((reference) => !reference.child)) result[key] = value;
    else result[key] = naming.reduce<unknown>((picked, reference) => mergePicked(picked, value as Resource, reference), undefined);
  }
  return result;
}

/** The elements some reference selects, each narrowed to the sub-attributes those references name. */
function pickElements(elements: unknown[], references: AttributeReference[]): unknown[] {
  return elements.flatMap((element) => {
    const selecting = references.filter((reference) => !reference.filter || matchesValueFilter(element, reference.filter));
    if (selecting.length === 0) return [];
    if (!isObject(element) || selecting.some((reference) => !reference.child)) return [element];
    const picked = Object.assign({}, ...selecting.map((reference) => pickChild(element, reference.child!))) as Resource;
    return Object.keys(picked).length > 0 ? [picked] : [];
  });
}

function mergePicked(existing: unknown, value: Resource, reference: AttributeReference): unknown {
  const target: Resource = isObject(existing) ? { ...(existing as Resource) } : {};
  const childKey = findKey(value, reference.child!);
  if (childKey === undefined) return target;
  const child = value[childKey];
  target[childKey] =
    reference.grandchild && isObject(child) && !Array.isArray(child)
      ? { ...(isObject(target[childKey]) ? target[childKey] : {}), ...pickChild(child, reference.grandchild) }
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
  const value = resource[key];
  if (reference.filter && Array.isArray(value)) {
    omitElements(resource, key, value, reference);
    return;
  }
  if (!reference.child) {
    delete resource[key];
    return;
  }
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

/** `excludedAttributes=emails[type eq "work"]` drops the selected elements; with `.value`, that sub-attribute of them. */
function omitElements(resource: Resource, key: string, elements: unknown[], reference: AttributeReference): void {
  const kept = elements
    .map((element) => {
      if (!matchesValueFilter(element, reference.filter!)) return element;
      return reference.child ? omitChild(element, reference.child) : undefined;
    })
    .filter((element) => element !== undefined && !(isObject(element) && Object.keys(element).length === 0));
  if (kept.length > 0) resource[key] = kept;
  else delete resource[key];
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
