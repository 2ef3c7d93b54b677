import { ScimAttributeDefinition } from '../schema/scim-schema.types';
import { AttributeOperand, ComplexOperand, jsonbBooleanOperand, textOperand, ValueOperand } from './filter-operands';
import { textLiteral } from './sql-fragment';

/**
 * An attribute stored under its canonical name in a jsonb object (`u.attributes`, or the extension
 * object within it). Undefined for types no jsonb-stored attribute has.
 */
export function jsonbAttributeOperand(
  label: string,
  objectExpression: string,
  definition: ScimAttributeDefinition,
  elementAlias: string,
): AttributeOperand | undefined {
  const key = textLiteral(definition.name);
  if (definition.type === 'complex') {
    return definition.multiValued
      ? jsonbArrayOperand(label, `${objectExpression}->${key}`, elementAlias)
      : jsonbObjectOperand(label, `${objectExpression}->${key}`);
  }
  return definition.multiValued ? undefined : jsonbValueOperand(label, objectExpression, definition);
}

function jsonbValueOperand(label: string, objectExpression: string, definition: ScimAttributeDefinition): ValueOperand | undefined {
  const key = textLiteral(definition.name);
  switch (definition.type) {
    case 'string':
    case 'reference':
      return textOperand(label, `${objectExpression}->>${key}`, definition.caseExact);
    case 'binary':
      // RFC 7643 §2.3.6: binary values are case-exact whatever the definition says.
      return textOperand(label, `${objectExpression}->>${key}`, true);
    case 'boolean':
      return jsonbBooleanOperand(label, `${objectExpression}->${key}`);
    default:
      return undefined;
  }
}

/** A single-valued complex attribute (`name`, the enterprise `manager`). */
function jsonbObjectOperand(label: string, objectExpression: string): ComplexOperand {
  return {
    kind: 'complex',
    subAttribute: (definition) => jsonbValueOperand(`${label}.${definition.name}`, objectExpression, definition),
    within: (condition) => condition,
    present: () => `(jsonb_typeof(${objectExpression}) = 'object' AND ${objectExpression} <> '{}'::jsonb)`,
    sortKey: (subAttributeKey) => subAttributeKey,
  };
}

/** A multi-valued complex attribute (`emails`, `addresses`, …): a jsonb array of objects. */
function jsonbArrayOperand(label: string, arrayExpression: string, elementAlias: string): ComplexOperand {
  const element = `${elementAlias}.v`;
  // Anything but an array reads as empty, so that unexpected data cannot make jsonb_array_elements fail.
  const elements =
    `jsonb_array_elements(CASE WHEN jsonb_typeof(${arrayExpression}) = 'array'` + ` THEN ${arrayExpression} ELSE '[]'::jsonb END)`;
  return {
    kind: 'complex',
    subAttribute: (definition) => jsonbValueOperand(`${label}.${definition.name}`, element, definition),
    within: (condition) => `EXISTS (SELECT 1 FROM ${elements} AS ${elementAlias}(v) WHERE ${condition})`,
    present: () => `(jsonb_typeof(${arrayExpression}) = 'array' AND ${arrayExpression} <> '[]'::jsonb)`,
    sortKey: (subAttributeKey) =>
      `(SELECT ${subAttributeKey} FROM ${elements} WITH ORDINALITY AS ${elementAlias}(v, position)` +
      ` ORDER BY (${element}->'primary' = 'true'::jsonb) IS TRUE DESC, ${elementAlias}.position LIMIT 1)`,
  };
}
