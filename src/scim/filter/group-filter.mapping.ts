import { GROUP_RESOURCE_SCHEMAS } from '../schema/resource-schemas';
import { ComplexOperand, constantTextOperand, textOperand, uuidOperand } from './filter-operands';
import { commonAttributeOperand, ResourceFilterMapping } from './resource-filter-mapping';

/** A group's fields: displayName, id, externalId and meta by those names; `members` a list of user ids. */
export const GROUP_FILTER_MAPPING: ResourceFilterMapping = {
  schemas: GROUP_RESOURCE_SCHEMAS,
  operand(_schemaUri, attribute) {
    switch (attribute.name) {
      case 'displayName':
        return textOperand('displayName', ['displayName'], attribute.caseExact);
      case 'members':
        return membersOperand();
      default:
        return commonAttributeOperand(attribute, 'Group');
    }
  },
};

/** `members.display` and `members.$ref` are not stored and are not filterable. */
function membersOperand(): ComplexOperand {
  return {
    kind: 'complex',
    subAttribute(definition) {
      switch (definition.name) {
        case 'value':
          return uuidOperand('members.value', ['userId']);
        case 'type':
          return constantTextOperand('members.type', 'User', definition.caseExact);
        default:
          return undefined;
      }
    },
    within: (condition) => ({ kind: 'some', list: ['members'], condition }),
    present: () => ({ kind: 'filled', path: ['members'], shape: 'list' }),
  };
}
