import { closingQuote } from '../patch/value-filter';
import { ScimError, ScimErrorType } from '../scim.error';

/** One item of an `attributes` list: `emails[type eq "work"].value` → path `emails`, filter, sub-attribute `value`. */
export interface AttributeListItem {
  path: string;
  filter?: string;
  subAttribute?: string;
}

/** Splits a comma-separated `attributes`/`excludedAttributes` list; commas inside `[…]` and quotes belong to a filter. */
export function splitAttributeList(list: string): AttributeListItem[] {
  const items: string[] = [];
  let start = 0;
  let depth = 0;
  for (let index = 0; index < list.length; index += 1) {
    const character = list[index];
    if (character === '"') {
      const end = closingQuote(list, index);
      if (end < 0) throw invalidList(list, 'a string is not closed');
      index = end;
    } else if (character === '[') depth += 1;
    else if (character === ']') depth -= 1;
    else if (character === ',' && depth === 0) {
      items.push(list.slice(start, index));
      start = index + 1;
    }
  }
  if (depth !== 0) throw invalidList(list, 'a "[" is not closed');
  items.push(list.slice(start));
  return items
    .map((item) => item.trim())
    .filter(Boolean)
    .map((item) => splitItem(item, list));
}

function splitItem(item: string, list: string): AttributeListItem {
  const open = item.indexOf('[');
  if (open < 0) return { path: item };
  const close = item.lastIndexOf(']');
  const rest = item.slice(close + 1);
  if (rest !== '' && !/^\.[^.[\]]+$/.test(rest)) throw invalidList(list, `"${item}" may only name a sub-attribute after "]"`);
  return {
    path: item.slice(0, open).trim(),
    filter: item.slice(open + 1, close),
    ...(rest ? { subAttribute: rest.slice(1) } : {}),
  };
}

function invalidList(list: string, reason: string): ScimError {
  return ScimError.badRequest(ScimErrorType.InvalidFilter, `Invalid attribute list "${list}": ${reason}`);
}
