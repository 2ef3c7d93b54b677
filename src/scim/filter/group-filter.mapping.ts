import { GROUP_RESOURCE_SCHEMAS } from '../schema/resource-schemas';
import { ComplexOperand, textOperand, uuidOperand } from './filter-operands';
import { commonAttributeOperand, ResourceFilterMapping } from './resource-filter-mapping';

/** Groups live in `groups` (displayName, id, externalId, meta) and their members in `group_members`. */
export const GROUP_FILTER_MAPPING: ResourceFilterMapping = {
  schemas: GROUP_RESOURCE_SCHEMAS,
  operand(_schemaUri, attribute, alias) {
    switch (attribute.name) {
      case 'displayName':
        return textOperand('displayName', `${alias}.display_name`, attribute.caseExact, `${alias}.display_name_key`);
      case 'members':
        return membersOperand(alias);
      default:
        return commonAttributeOperand(attribute, alias, 'Group');
    }
  },
};

/** `members.display` and `members.$ref` are not stored and are not filterable. */
function membersOperand(alias: string): ComplexOperand {
  const membership = `${alias}_gm`;
  const memberships =
    `FROM group_members ${membership}` + ` WHERE ${membership}.company_id = ${alias}.company_id AND ${membership}.group_id = ${alias}.id`;
  return {
    kind: 'complex',
    subAttribute(definition) {
      switch (definition.name) {
        case 'value':
          return uuidOperand('members.value', `${membership}.user_id`);
        case 'type':
          return textOperand('members.type', `'User'::text`, definition.caseExact);
        default:
          return undefined;
      }
    },
    within: (condition) => `EXISTS (SELECT 1 ${memberships} AND (${condition}))`,
    present: () => `EXISTS (SELECT 1 ${memberships})`,
  };
}
