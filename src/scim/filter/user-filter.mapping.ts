import { USER_GROUPS_RELATION } from '../../accounts/user-group-conditions';
import { USER_RESOURCE_SCHEMAS } from '../schema/resource-schemas';
import { booleanOperand, ComplexOperand, constantTextOperand, documentAttributeOperand, textOperand, uuidOperand } from './filter-operands';
import { commonAttributeOperand, ResourceFilterMapping } from './resource-filter-mapping';
import { emailAliasCondition } from './user-filter-aliases';

/**
 * A user's fields: userName, displayName, active, id, externalId and meta by those names; every other
 * attribute under its canonical name, extension attributes in an object under the extension's URN;
 * `groups` are the groups that hold the user, which the groups module resolves.
 */
export const USER_FILTER_MAPPING: ResourceFilterMapping = {
  schemas: USER_RESOURCE_SCHEMAS,
  operand(schemaUri, attribute) {
    if (schemaUri !== USER_RESOURCE_SCHEMAS.core.id) {
      return documentAttributeOperand(`${schemaUri}:${attribute.name}`, [schemaUri, attribute.name], attribute);
    }
    switch (attribute.name) {
      case 'userName':
        return textOperand('userName', ['userName'], attribute.caseExact);
      case 'displayName':
        return textOperand('displayName', ['displayName'], attribute.caseExact);
      case 'active':
        return booleanOperand('active', ['active']);
      case 'groups':
        return groupMembershipOperand();
      case 'password':
        // Write-only and never stored.
        return undefined;
      default:
        return commonAttributeOperand(attribute, 'User') ?? documentAttributeOperand(attribute.name, [attribute.name], attribute);
    }
  },
  aliasCondition: emailAliasCondition,
};

/** `groups.$ref` is not stored and is not filterable; every membership is direct. */
function groupMembershipOperand(): ComplexOperand {
  return {
    kind: 'complex',
    subAttribute(definition) {
      switch (definition.name) {
        case 'value':
          return uuidOperand('groups.value', ['id']);
        case 'display':
          return textOperand('groups.display', ['displayName'], definition.caseExact);
        case 'type':
          return constantTextOperand('groups.type', 'direct', definition.caseExact);
        default:
          return undefined;
      }
    },
    within: (condition) => ({ kind: 'related', relation: USER_GROUPS_RELATION, condition }),
    present: () => ({ kind: 'related', relation: USER_GROUPS_RELATION }),
  };
}
