import { normalizeMultiValue } from './attribute-value';
import { isIgnoredInput } from './ignored-input';
import { isJsonObject, ScimResourceJson } from './json-object';
import { matchesElement } from './multi-valued-elements';
import { AttributeTarget } from './patch-path';
import { containerOf, elementsAt } from './resource-access';
import { isUnassigned } from './unassigned-attributes';
import { matchesValueFilter } from './value-filter-match';

/**
 * RFC 7644 §3.5.2.2 "remove" at one target, in place. On a multi-valued attribute the elements removed
 * are those the filter selects, or those matching a `value` list (Entra ID: `"path":"emails","value":[…]`),
 * or all. A filter that selects nothing removes nothing: a retried remove must not fail.
 */
export function removeAttribute(resource: ScimResourceJson, target: AttributeTarget, value: unknown): void {
  const { attribute, subAttribute, filter, path } = target;
  if (isIgnoredInput(attribute) || (subAttribute && isIgnoredInput(subAttribute))) return;
  const container = containerOf(resource, target.extensionUri);
  const current = container[attribute.name];
  if (!attribute.multiValued) {
    if (!subAttribute) delete container[attribute.name];
    else if (isJsonObject(current)) delete current[subAttribute.name];
    return;
  }
  const elements = elementsAt(container, attribute.name);
  const patterns = filter || value === undefined || value === null ? undefined : normalizeMultiValue(attribute, value, path);
  const selected = elements.filter((element) =>
    filter ? matchesValueFilter(element, filter) : !patterns || patterns.some((pattern) => matchesElement(attribute, element, pattern)),
  );
  if (!subAttribute) {
    container[attribute.name] = elements.filter((element) => !selected.includes(element));
    return;
  }
  for (const element of selected) if (isJsonObject(element)) delete element[subAttribute.name];
  container[attribute.name] = elements.filter((element) => !isUnassigned(element));
}
