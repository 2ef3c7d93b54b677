import { ScimError, ScimErrorType } from '../scim.error';
import { normalizeMultiValue, normalizeSingleValue, withoutNulls } from './attribute-value';
import { isIgnoredInput } from './ignored-input';
import { isJsonObject, JsonObject, ScimResourceJson } from './json-object';
import { appendDistinct, keepOnePrimary } from './multi-valued-elements';
import { AttributeTarget } from './patch-path';
import { containerOf, elementsAt, mergeInto, objectAt } from './resource-access';
import { isUnassigned } from './unassigned-attributes';
import { elementFromValueFilter, matchesValueFilter } from './value-filter-match';

/**
 * RFC 7644 §3.5.2.1 "add" and §3.5.2.3 "replace" at one target, in place. They differ only on a whole
 * multi-valued attribute: add appends (skipping elements already present), replace swaps the list.
 * Both replace a single value (Entra ID uses "Add" for nickName and title) and merge into a complex one.
 */
export function writeAttribute(resource: ScimResourceJson, target: AttributeTarget, op: 'add' | 'replace', value: unknown): void {
  const { attribute, subAttribute } = target;
  if (isIgnoredInput(attribute) || (subAttribute && isIgnoredInput(subAttribute))) return;
  const container = containerOf(resource, target.extensionUri);
  if (!attribute.multiValued) writeSingleValued(container, target, value);
  else if (target.filter || subAttribute) writeSelectedElements(container, target, value);
  else writeWholeList(container, target, op, value);
}

function writeSingleValued(container: JsonObject, { attribute, subAttribute, path }: AttributeTarget, value: unknown): void {
  if (subAttribute) {
    mergeInto(objectAt(container, attribute.name), { [subAttribute.name]: normalizeSingleValue(subAttribute, value, path) });
    return;
  }
  const normalized = normalizeSingleValue(attribute, value, path);
  if (!isJsonObject(normalized)) mergeInto(container, { [attribute.name]: normalized });
  // A new `value` names another resource (the enterprise manager): its old `$ref` and `displayName` must go.
  else if ('value' in normalized) container[attribute.name] = withoutNulls(normalized);
  // RFC 7644 §3.5.2.3: sub-attributes a complex value leaves out are left unchanged.
  else mergeInto(objectAt(container, attribute.name), normalized);
}

function writeWholeList(container: JsonObject, { attribute, path }: AttributeTarget, op: 'add' | 'replace', value: unknown): void {
  const values = normalizeMultiValue(attribute, value, path);
  const { elements, written } =
    op === 'add' ? appendDistinct(attribute, elementsAt(container, attribute.name), values) : { elements: values, written: values };
  keepOnePrimary(elements, written);
  container[attribute.name] = elements;
}

/** `emails[type eq "work"]`, `emails[type eq "work"].value`, `emails.value`: changes the selected elements. */
function writeSelectedElements(container: JsonObject, target: AttributeTarget, value: unknown): void {
  const { attribute, filter, subAttribute, path } = target;
  const changes = subAttribute
    ? { [subAttribute.name]: normalizeSingleValue(subAttribute, value, path) }
    : normalizeSingleValue(attribute, value, path);
  const elements = elementsAt(container, attribute.name);
  const selected = elements.filter(
    (element): element is JsonObject => isJsonObject(element) && (!filter || matchesValueFilter(element, filter)),
  );
  if (!isJsonObject(changes)) {
    const removed = new Set<unknown>(selected);
    container[attribute.name] = elements.filter((element) => !removed.has(element));
    return;
  }
  if (selected.length === 0) {
    if (isUnassigned(withoutNulls(changes))) return;
    // RFC 7644 §3.5.2.3 answers noTarget when a filter matches nothing, but Entra ID expects the element
    // to be created (replace `emails[type eq "work"].value` for a user without a work email).
    const created = filter ? elementFromValueFilter(filter) : {};
    if (!created) throw ScimError.badRequest(ScimErrorType.NoTarget, `No value matches "${path}"`);
    elements.push(created);
    selected.push(created);
  }
  for (const element of selected) mergeInto(element, changes);
  keepOnePrimary(elements, selected);
  container[attribute.name] = elements.filter((element) => !isUnassigned(element));
}
