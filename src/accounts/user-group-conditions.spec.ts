import { RecordCondition } from '../common/query/record-query';
import { resolveGroupConditions, USER_GROUPS_RELATION } from './user-group-conditions';

const USER_IDS = ['6f1c1a52-3c1e-4a53-9f7e-2d8e4b0c1a01'];
const userName: RecordCondition = {
  kind: 'compare',
  field: { path: ['userName'], type: 'text', caseExact: false },
  operator: 'eq',
  value: 'a',
};
const inSales: RecordCondition = {
  kind: 'related',
  relation: USER_GROUPS_RELATION,
  condition: { kind: 'compare', field: { path: ['displayName'], type: 'text', caseExact: false }, operator: 'eq', value: 'Sales' },
};

describe(resolveGroupConditions.name, () => {
  it('asks for the users of the matching groups wherever a condition on groups stands, and keeps the rest', async () => {
    const asked: (RecordCondition | undefined)[] = [];
    const resolved = await resolveGroupConditions(
      { kind: 'or', conditions: [userName, { kind: 'not', condition: inSales }, { kind: 'related', relation: USER_GROUPS_RELATION }] },
      async (groups) => {
        asked.push(groups);
        return USER_IDS;
      },
    );
    const members: RecordCondition = { kind: 'in', field: { path: ['id'], type: 'uuid', caseExact: true }, values: USER_IDS };
    expect(resolved).toEqual({ kind: 'or', conditions: [userName, { kind: 'not', condition: members }, members] });
    expect(asked).toEqual([inSales.kind === 'related' ? inSales.condition : undefined, undefined]);
  });

  it('refuses a relation users do not have', async () => {
    await expect(resolveGroupConditions({ kind: 'related', relation: 'teams' }, async () => [])).rejects.toThrow('no relation "teams"');
  });
});
