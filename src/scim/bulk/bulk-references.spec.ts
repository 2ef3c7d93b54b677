import { referencedBulkIds, resolveBulkIds, resolvePathBulkId } from './bulk-references';

describe(referencedBulkIds.name, () => {
  it('finds whole-value references anywhere in the data, the id of the path, and quoted ones in PATCH paths', () => {
    const data = {
      members: [{ value: 'bulkId:alice' }, { value: 'not bulkId:bob' }],
      'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User': { manager: { value: 'bulkId:carol' } },
      Operations: [{ op: 'remove', path: 'members[value eq "bulkId:dave"]' }],
      title: 'members[value eq "bulkId:erin"]',
    };
    expect([...referencedBulkIds('/Groups/bulkId:team', data)].sort()).toEqual(['alice', 'carol', 'dave', 'team']);
  });

  it('finds nothing in data without references', () => {
    expect(referencedBulkIds('/Users', { userName: 'bulk@acme.test', emails: [{ value: 'bulkId@acme.test' }] }).size).toBe(0);
  });
});

describe(resolveBulkIds.name, () => {
  it('replaces each reference by its id and leaves everything else as it was', () => {
    const ids: Record<string, string> = { alice: 'id-a', dave: 'id-d' };
    const data = {
      members: [{ value: 'bulkId:alice', display: 'see bulkId:alice' }],
      Operations: [{ op: 'remove', path: 'members[value eq "bulkId:dave"]' }],
      count: 3,
      active: null,
    };
    expect(resolveBulkIds(data, (bulkId) => ids[bulkId])).toEqual({
      members: [{ value: 'id-a', display: 'see bulkId:alice' }],
      Operations: [{ op: 'remove', path: 'members[value eq "id-d"]' }],
      count: 3,
      active: null,
    });
  });

  it('lets an unresolvable reference fail the resolution', () => {
    expect(() =>
      resolveBulkIds({ value: 'bulkId:gone' }, () => {
        throw new Error('gone');
      }),
    ).toThrow('gone');
  });
});

describe(resolvePathBulkId.name, () => {
  it('resolves the id segment of a path only', () => {
    expect(resolvePathBulkId('/Users/bulkId:u1', () => 'id-1')).toBe('/Users/id-1');
    expect(resolvePathBulkId('/Users/abc', () => 'never')).toBe('/Users/abc');
  });
});
