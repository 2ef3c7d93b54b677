import { RecordCondition } from '../common/query/record-query';

/** The relation of a user to the groups that hold it, in a RecordCondition on users: conditions on the group's `id` and `displayName`. */
export const USER_GROUPS_RELATION = 'groups';

/**
 * Replaces each condition on a user's groups with the ids of the users it holds for, which the groups module
 * finds (`usersInGroups`): accounts compile no SQL over the groups' tables.
 */
export async function resolveGroupConditions(
  condition: RecordCondition,
  usersInGroups: (groupCondition: RecordCondition | undefined) => Promise<string[]>,
): Promise<RecordCondition> {
  switch (condition.kind) {
    case 'related': {
      if (condition.relation !== USER_GROUPS_RELATION) throw new Error(`Users have no relation "${condition.relation}"`);
      const values = await usersInGroups(condition.condition);
      return { kind: 'in', field: { path: ['id'], type: 'uuid', caseExact: true }, values };
    }
    case 'and':
    case 'or': {
      const conditions: RecordCondition[] = [];
      for (const operand of condition.conditions) conditions.push(await resolveGroupConditions(operand, usersInGroups));
      return { kind: condition.kind, conditions };
    }
    case 'not':
      return { kind: 'not', condition: await resolveGroupConditions(condition.condition, usersInGroups) };
    default:
      return condition;
  }
}
