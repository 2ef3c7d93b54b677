import { USER_RESOURCE_SCHEMAS } from '../schema/resource-schemas';
import { ComplexOperand, derivedBooleanOperand, textOperand, uuidOperand } from './filter-operands';
import { jsonbAttributeOperand } from './jsonb-operands';
import { commonAttributeOperand, ResourceFilterMapping } from './resource-filter-mapping';
import { textLiteral } from './sql-fragment';
import { emailAliasCondition } from './user-filter-aliases';

/**
 * Users live in `user_accounts`: userName, displayName, the state behind `active`, id, externalId and
 * meta in columns; every other attribute in the jsonb `attributes` under its canonical name, extension
 * attributes in an object under the extension's URN; `groups` is derived from `group_members`.
 */
export const USER_FILTER_MAPPING: ResourceFilterMapping = {
  schemas: USER_RESOURCE_SCHEMAS,
  operand(schemaUri, attribute, alias) {
    const elementAlias = `${alias}_${attribute.name.toLowerCase()}`;
    if (schemaUri !== USER_RESOURCE_SCHEMAS.core.id) {
      const extension = `${alias}.attributes->${textLiteral(schemaUri)}`;
      return jsonbAttributeOperand(`${schemaUri}:${attribute.name}`, extension, attribute, elementAlias);
    }
    switch (attribute.name) {
      case 'userName':
        return textOperand('userName', `${alias}.user_name`, attribute.caseExact, `${alias}.user_name_key`);
      case 'displayName':
        return textOperand('displayName', `${alias}.display_name`, attribute.caseExact);
      case 'active':
        return derivedBooleanOperand('active', `${alias}.state IN ('provisioned', 'active')`, `${alias}.state = 'disabled'`);
      case 'groups':
        return groupMembershipOperand(alias);
      case 'password':
        // Write-only and never stored.
        return undefined;
      default:
        return (
          commonAttributeOperand(attribute, alias, 'User') ??
          jsonbAttributeOperand(attribute.name, `${alias}.attributes`, attribute, elementAlias)
        );
    }
  },
  aliasCondition: emailAliasCondition,
};

function groupMembershipOperand(alias: string): ComplexOperand {
  const membership = `${alias}_gm`;
  const group = `${alias}_g`;
  const memberships =
    `FROM group_members ${membership}` + ` WHERE ${membership}.company_id = ${alias}.company_id AND ${membership}.user_id = ${alias}.id`;
  const groupDisplayName =
    `(SELECT ${group}.display_name FROM groups ${group}` +
    ` WHERE ${group}.company_id = ${membership}.company_id AND ${group}.id = ${membership}.group_id)`;
  return {
    kind: 'complex',
    subAttribute(definition) {
      switch (definition.name) {
        case 'value':
          return uuidOperand('groups.value', `${membership}.group_id`);
        case 'display':
          return textOperand('groups.display', groupDisplayName, definition.caseExact);
        case 'type':
          return textOperand('groups.type', `'direct'::text`, definition.caseExact);
        default:
          return undefined;
      }
    },
    within: (condition) => `EXISTS (SELECT 1 ${memberships} AND (${condition}))`,
    present: () => `EXISTS (SELECT 1 ${memberships})`,
  };
}
