import { ScimMessageUri, ScimSchemaUri } from '../scim.constants';
import { USER_RESOURCE_SCHEMAS } from '../schema/resource-schemas';
import { ScimErrorType } from '../scim.error';
import { applyPatch } from './apply-patch';
import { ScimResourceJson } from './json-object';
import { parsePatchRequest } from './patch-request';
import { scimErrorOf } from './testing/scim-error-of';

const ENTERPRISE = ScimSchemaUri.EnterpriseUser;

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) Object.values(value).forEach(deepFreeze);
  return Object.freeze(value);
}

// Frozen, so any test that mutates its input fails.
const alice: ScimResourceJson = deepFreeze({
  schemas: [ScimSchemaUri.User, ENTERPRISE],
  id: 'u1',
  externalId: '7a6b1f0c',
  userName: 'alice@acme.test',
  name: { givenName: 'Alice', familyName: 'Smith' },
  displayName: 'Alice Smith',
  active: true,
  emails: [{ value: 'alice@acme.test', type: 'work', primary: true }],
  phoneNumbers: [
    { value: '+1 555 0100', type: 'work' },
    { value: '+1 555 0199', type: 'mobile' },
  ],
  [ENTERPRISE]: { department: 'Sales', manager: { value: 'm1', displayName: 'Boss' } },
  groups: [{ value: 'g1', display: 'Team' }],
  meta: { resourceType: 'User', version: 'W/"1"' },
});

function patch(resource: ScimResourceJson, ...operations: unknown[]): ScimResourceJson {
  const body = { schemas: [ScimMessageUri.PatchOp], Operations: operations };
  return applyPatch(resource, parsePatchRequest(body), USER_RESOURCE_SCHEMAS);
}

const without = (resource: ScimResourceJson, ...keys: string[]) =>
  Object.fromEntries(Object.entries(resource).filter(([key]) => !keys.includes(key)));

describe(applyPatch.name, () => {
  describe('Okta', () => {
    it('deactivates and reactivates with a no-path replace', () => {
      const deactivated = patch(alice, { op: 'replace', value: { active: false } });
      expect(deactivated).toEqual({ ...alice, active: false });
      expect(patch(deactivated, { op: 'replace', value: { active: true } })).toEqual(alice);
    });

    it('accepts and discards a password', () => {
      expect(patch(alice, { op: 'replace', value: { password: 'correct horse' } })).toEqual(alice);
      expect(patch(alice, { op: 'replace', path: 'password', value: 'correct horse' })).toEqual(alice);
      expect(patch(alice, { op: 'remove', path: 'password' })).toEqual(alice);
    });

    it('accepts the read-only id, meta and the schemas it echoes unchanged', () => {
      const patched = patch(alice, {
        op: 'replace',
        value: {
          schemas: [ScimSchemaUri.User, ENTERPRISE.toLowerCase()],
          id: 'u1',
          meta: { resourceType: 'User', version: 'W/"1"' },
          userName: 'alice.smith@acme.test',
        },
      });
      expect(patched).toEqual({ ...alice, userName: 'alice.smith@acme.test' });
    });
  });

  describe('Entra ID', () => {
    it('disables with "Replace" and the string "False", and enables with "True"', () => {
      const disabled = patch(alice, { op: 'Replace', path: 'active', value: 'False' });
      expect(disabled.active).toBe(false);
      expect(patch(disabled, { op: 'Replace', path: 'active', value: 'True' }).active).toBe(true);
    });

    it('replaces the work email and the family name', () => {
      const patched = patch(
        alice,
        { op: 'Replace', path: 'emails[type eq "work"].value', value: 'alice.smith@acme.test' },
        { op: 'Replace', path: 'name.familyName', value: 'Jones' },
      );
      expect(patched.emails).toEqual([{ value: 'alice.smith@acme.test', type: 'work', primary: true }]);
      expect(patched.name).toEqual({ givenName: 'Alice', familyName: 'Jones' });
    });

    it('creates the element a value filter names when none matches, instead of answering noTarget', () => {
      const bare = without(alice, 'emails');
      expect(patch(bare, { op: 'Replace', path: 'emails[type eq "work"].value', value: 'alice@acme.test' }).emails).toEqual([
        { type: 'work', value: 'alice@acme.test' },
      ]);
      expect(patch(alice, { op: 'Add', path: 'addresses[type eq "work"].streetAddress', value: '1 Main St' }).addresses).toEqual([
        { type: 'work', streetAddress: '1 Main St' },
      ]);
    });

    it('uses "Add" on single-valued attributes', () => {
      const patched = patch(alice, { op: 'Add', path: 'nickName', value: 'Ally' }, { op: 'Add', path: 'title', value: 'CFO' });
      expect(patched).toMatchObject({ nickName: 'Ally', title: 'CFO' });
      expect(patch(patched, { op: 'Add', path: 'title', value: 'CEO' }).title).toBe('CEO');
    });

    it.each([
      ['a plain string id', 'm2'],
      ['{value}', { value: 'm2' }],
      ['{value} with "$ref": null', { value: 'm2', $ref: null }],
      ['a one-element array of an id', ['m2']],
      ['a one-element array of {value}', [{ value: 'm2' }]],
    ])('takes the manager as %s', (_form, value) => {
      const patched = patch(alice, { op: 'Replace', path: `${ENTERPRISE}:manager`, value });
      expect(patched[ENTERPRISE]).toEqual({ department: 'Sales', manager: { value: 'm2' } });
      expect(patch(without(alice, ENTERPRISE), { op: 'Add', path: `${ENTERPRISE}:manager`, value })[ENTERPRISE]).toEqual({
        manager: { value: 'm2' },
      });
    });

    it('clears the manager with a null value', () => {
      expect(patch(alice, { op: 'Replace', path: `${ENTERPRISE}:manager`, value: { value: null } })[ENTERPRISE]).toEqual({
        department: 'Sales',
      });
    });

    it('removes the manager without a value, and drops the emptied extension', () => {
      expect(patch(alice, { op: 'Remove', path: `${ENTERPRISE}:manager` })[ENTERPRISE]).toEqual({ department: 'Sales' });
      expect(patch(alice, { op: 'Remove', path: `${ENTERPRISE}:manager`, value: [{ value: 'm1' }] })[ENTERPRISE]).toEqual({
        department: 'Sales',
      });
      const emptied = patch(alice, { op: 'Remove', path: `${ENTERPRISE}:manager` }, { op: 'Remove', path: `${ENTERPRISE}:department` });
      expect(emptied).toEqual(without(alice, ENTERPRISE));
    });

    it('takes dotted and URN-qualified keys in a no-path replace', () => {
      const patched = patch(alice, {
        op: 'Replace',
        value: {
          'name.givenName': 'Ally',
          [`${ENTERPRISE}:employeeNumber`]: '7',
          [`${ScimSchemaUri.User}:displayName`]: 'Ally Smith',
          active: 'False',
        },
      });
      expect(patched).toMatchObject({ name: { givenName: 'Ally', familyName: 'Smith' }, displayName: 'Ally Smith', active: false });
      expect(patched[ENTERPRISE]).toEqual({ department: 'Sales', employeeNumber: '7', manager: { value: 'm1', displayName: 'Boss' } });
    });

    it('takes attribute names in any case and writes them canonically', () => {
      const patched = patch(
        alice,
        { op: 'Replace', path: 'USERNAME', value: 'ally@acme.test' },
        { op: 'Replace', path: 'name.GIVENNAME', value: 'Ally' },
        { op: 'Replace', value: { DISPLAYNAME: 'Ally', [`${ENTERPRISE.toLowerCase()}:DEPARTMENT`]: 'R&D' } },
      );
      expect(patched).toMatchObject({ userName: 'ally@acme.test', name: { givenName: 'Ally' }, displayName: 'Ally' });
      expect(patched[ENTERPRISE]).toMatchObject({ department: 'R&D' });
      expect(Object.keys(patched)).not.toContain('DISPLAYNAME');
    });
  });

  describe('no-path values', () => {
    it('takes the extension URN as a key whose value holds its attributes', () => {
      const patched = patch(alice, { op: 'replace', value: { [ENTERPRISE]: { Department: 'R&D', manager: 'm2' } } });
      expect(patched[ENTERPRISE]).toEqual({ department: 'R&D', manager: { value: 'm2' } });
      expect(patch(alice, { op: 'replace', value: { [ENTERPRISE]: null } })).toEqual(without(alice, ENTERPRISE));
    });

    it('appends to multi-valued attributes on add and replaces them on replace', () => {
      const home = { value: 'alice@home.test', type: 'home' };
      expect(patch(alice, { op: 'add', value: { emails: [home] } }).emails).toEqual([...(alice.emails as unknown[]), home]);
      expect(patch(alice, { op: 'replace', value: { emails: [home] } }).emails).toEqual([home]);
    });
  });

  describe('complex attributes', () => {
    it('merges a complex value into the current one (RFC 7644 §3.5.2.3)', () => {
      expect(patch(alice, { op: 'replace', path: 'name', value: { givenName: 'Ally', formatted: 'Ally Smith' } }).name).toEqual({
        givenName: 'Ally',
        familyName: 'Smith',
        formatted: 'Ally Smith',
      });
    });

    it('accepts a read-only sub-attribute echoed unchanged, inside a complex value too', () => {
      expect(patch(alice, { op: 'replace', path: `${ENTERPRISE}:manager.displayName`, value: 'boss' })).toEqual(alice);
      expect(patch(alice, { op: 'replace', path: `${ENTERPRISE}:manager`, value: { displayName: 'Boss' } })).toEqual(alice);
    });
  });

  describe('the schemas list', () => {
    it('is accepted when it lists the schemas the patched resource holds', () => {
      const core = without(alice, ENTERPRISE);
      expect(patch(core, { op: 'replace', path: 'schemas', value: [ScimSchemaUri.User] })).toEqual(core);
      expect(patch(alice, { op: 'remove', path: ENTERPRISE }, { op: 'replace', value: { schemas: [ScimSchemaUri.User] } })).toEqual(core);
      expect(patch(core, { op: 'add', path: 'schemas', value: [ENTERPRISE] })).toEqual(core);
    });

    it('answers 400 for a list leaving out a schema the resource holds, naming an unknown one, or a removal', () => {
      expect(scimErrorOf(() => patch(alice, { op: 'replace', path: 'schemas', value: [ScimSchemaUri.User] }))).toMatchObject({
        scimType: ScimErrorType.InvalidValue,
        detail: expect.stringContaining(ENTERPRISE),
      });
      expect(scimErrorOf(() => patch(alice, { op: 'replace', path: 'schemas', value: [ScimSchemaUri.Group] })).scimType).toBe(
        ScimErrorType.InvalidValue,
      );
      expect(scimErrorOf(() => patch(alice, { op: 'remove', path: 'Schemas' })).scimType).toBe(ScimErrorType.Mutability);
    });
  });

  describe('paths to an extension', () => {
    it('writes and removes the whole extension by its URN', () => {
      expect(patch(alice, { op: 'add', path: ENTERPRISE, value: { costCenter: 'CC1' } })[ENTERPRISE]).toMatchObject({
        department: 'Sales',
        costCenter: 'CC1',
      });
      expect(patch(alice, { op: 'remove', path: ENTERPRISE })).toEqual(without(alice, ENTERPRISE));
    });

    it("sets the sub-attributes given and leaves the others, also when the value carries the extension's schemas", () => {
      const patched = patch(alice, {
        op: 'replace',
        path: ENTERPRISE.toLowerCase(),
        value: { schemas: [ENTERPRISE], department: 'Finance', employeeNumber: '7' },
      });
      expect(patched[ENTERPRISE]).toEqual({ department: 'Finance', employeeNumber: '7', manager: { value: 'm1', displayName: 'Boss' } });
      expect(patch(without(alice, ENTERPRISE), { op: 'add', path: ENTERPRISE, value: { department: 'Finance' } })).toEqual({
        ...alice,
        [ENTERPRISE]: { department: 'Finance' },
      });
    });

    it('answers 400 for an unknown attribute in the value, a non-object value, or a remove with a value', () => {
      expect(scimErrorOf(() => patch(alice, { op: 'add', path: ENTERPRISE, value: { favouriteColour: 'blue' } })).scimType).toBe(
        ScimErrorType.InvalidPath,
      );
      expect(scimErrorOf(() => patch(alice, { op: 'add', path: ENTERPRISE, value: 'Finance' })).scimType).toBe(ScimErrorType.InvalidValue);
      expect(scimErrorOf(() => patch(alice, { op: 'add', path: ENTERPRISE, value: { schemas: ['urn:nope'] } })).scimType).toBe(
        ScimErrorType.InvalidValue,
      );
      expect(scimErrorOf(() => patch(alice, { op: 'remove', path: ENTERPRISE, value: { department: 'Sales' } })).scimType).toBe(
        ScimErrorType.InvalidValue,
      );
    });
  });

  describe('multi-valued attributes', () => {
    const home = { value: 'alice@home.test', type: 'home' };

    it('appends on add, skipping elements already present (case-insensitively where the schema says so)', () => {
      const patched = patch(alice, { op: 'add', path: 'emails', value: [home, { value: 'ALICE@acme.test', type: 'Work', primary: true }] });
      expect(patched.emails).toEqual([...(alice.emails as unknown[]), home]);
    });

    it('keeps primary true on one element: the one written last', () => {
      const patched = patch(alice, { op: 'add', path: 'emails', value: [{ ...home, primary: true }] });
      expect(patched.emails).toEqual([
        { value: 'alice@acme.test', type: 'work', primary: false },
        { ...home, primary: true },
      ]);
    });

    it('replaces the whole list on replace, and unassigns it with an empty list', () => {
      expect(patch(alice, { op: 'replace', path: 'emails', value: [home] }).emails).toEqual([home]);
      expect(patch(alice, { op: 'replace', path: 'phoneNumbers', value: [] })).toEqual(without(alice, 'phoneNumbers'));
    });

    it('takes a single element as a list of one, and drops nulls inside elements', () => {
      expect(patch(alice, { op: 'add', path: 'emails', value: { ...home, display: null } }).emails).toEqual([
        ...(alice.emails as unknown[]),
        home,
      ]);
    });

    it('merges a value into the elements a filter selects', () => {
      const patched = patch(alice, {
        op: 'replace',
        path: 'phoneNumbers[type eq "mobile"]',
        value: { value: '+1 555 0111', primary: true },
      });
      expect(patched.phoneNumbers).toEqual([
        { value: '+1 555 0100', type: 'work' },
        { value: '+1 555 0111', type: 'mobile', primary: true },
      ]);
    });

    it('sets a sub-attribute on every element when the path has no filter', () => {
      expect(patch(alice, { op: 'replace', path: 'phoneNumbers.display', value: 'Phone' }).phoneNumbers).toEqual([
        { value: '+1 555 0100', type: 'work', display: 'Phone' },
        { value: '+1 555 0199', type: 'mobile', display: 'Phone' },
      ]);
    });

    it('creates an element for a sub-attribute path on an empty list, unless the value is null', () => {
      expect(patch(alice, { op: 'add', path: 'ims.value', value: 'alice' }).ims).toEqual([{ value: 'alice' }]);
      expect(patch(alice, { op: 'replace', path: 'emails[type eq "home"].value', value: null })).toEqual(alice);
    });

    it('answers 400 noTarget when a filter matches nothing and names no element to create', () => {
      const error = scimErrorOf(() => patch(alice, { op: 'replace', path: 'ims[type pr].value', value: 'alice' }));
      expect(error).toMatchObject({ status: 400, scimType: ScimErrorType.NoTarget });
    });
  });

  describe('remove', () => {
    it('removes a single-valued attribute, a sub-attribute, or a whole multi-valued attribute', () => {
      expect(patch(alice, { op: 'remove', path: 'displayName' })).toEqual(without(alice, 'displayName'));
      expect(patch(alice, { op: 'remove', path: 'name.givenName' }).name).toEqual({ familyName: 'Smith' });
      expect(patch(alice, { op: 'remove', path: 'phoneNumbers' })).toEqual(without(alice, 'phoneNumbers'));
    });

    it('removes the elements a filter selects, and nothing when it selects none', () => {
      expect(patch(alice, { op: 'remove', path: 'phoneNumbers[type eq "mobile"]' }).phoneNumbers).toEqual([
        { value: '+1 555 0100', type: 'work' },
      ]);
      expect(patch(alice, { op: 'remove', path: 'phoneNumbers[type eq "fax"]' })).toEqual(alice);
    });

    it('removes the elements a value list names', () => {
      expect(patch(alice, { op: 'Remove', path: 'phoneNumbers', value: [{ value: '+1 555 0199' }] }).phoneNumbers).toEqual([
        { value: '+1 555 0100', type: 'work' },
      ]);
    });

    it('removes a sub-attribute of selected elements, dropping elements left empty', () => {
      expect(patch(alice, { op: 'remove', path: 'emails[type eq "work"].primary' }).emails).toEqual([
        { value: 'alice@acme.test', type: 'work' },
      ]);
      const typeless = patch(alice, { op: 'remove', path: 'phoneNumbers.type' });
      expect(typeless.phoneNumbers).toEqual([{ value: '+1 555 0100' }, { value: '+1 555 0199' }]);
      expect(patch(typeless, { op: 'remove', path: 'phoneNumbers.value' })).toEqual({ ...without(alice, 'phoneNumbers') });
    });

    it('unassigns with replace null, as remove does (RFC 7643 §2.5)', () => {
      expect(patch(alice, { op: 'replace', path: 'displayName', value: null })).toEqual(without(alice, 'displayName'));
      expect(patch(alice, { op: 'replace', value: { name: { givenName: null } } }).name).toEqual({ familyName: 'Smith' });
      expect(patch(alice, { op: 'replace', path: 'phoneNumbers[type eq "mobile"]', value: null }).phoneNumbers).toEqual([
        { value: '+1 555 0100', type: 'work' },
      ]);
    });
  });

  describe('errors', () => {
    it.each([
      [{ op: 'remove', path: 'userName' }],
      [{ op: 'Remove', path: `${ScimSchemaUri.User}:USERNAME` }],
      [{ op: 'replace', path: 'userName', value: null }],
      [{ op: 'replace', value: { userName: null } }],
    ])('answers 400 mutability for unassigning the required userName: %j (RFC 7644 §3.5.2.2)', (operation) => {
      const error = scimErrorOf(() => patch(alice, operation));
      expect(error).toMatchObject({ status: 400, scimType: ScimErrorType.Mutability });
      expect(error.detail).toContain('userName');
    });

    it.each([
      [{ op: 'replace', path: 'favouriteColour', value: 'blue' }, 'favouriteColour'],
      [{ op: 'remove', path: 'name.nickname' }, 'name.nickname'],
      [{ op: 'replace', value: { favouriteColour: 'blue' } }, 'favouriteColour'],
      [{ op: 'replace', value: { [ENTERPRISE]: { badge: 'B1' } } }, 'badge'],
    ])('answers 400 invalidPath naming an unknown attribute: %j', (operation, name) => {
      const error = scimErrorOf(() => patch(alice, operation));
      expect(error).toMatchObject({ status: 400, scimType: ScimErrorType.InvalidPath });
      expect(error.detail).toContain(name);
    });

    it.each([
      ['a string for a complex attribute', { op: 'replace', path: 'name', value: 'Alice Smith' }],
      ['an object for a string', { op: 'replace', path: 'displayName', value: { value: 'Alice' } }],
      ['a number for a string', { op: 'replace', path: 'title', value: 7 }],
      ['a non-boolean string for a boolean', { op: 'replace', path: 'active', value: 'yes' }],
      ['a list for a single value', { op: 'replace', path: 'title', value: ['CFO', 'CEO'] }],
      ['a string for a multi-valued complex element', { op: 'add', path: 'addresses', value: ['1 Main St'] }],
      ['a non-object value without a path', { op: 'replace', value: false }],
      ['a non-object extension', { op: 'replace', value: { [ENTERPRISE]: 'Sales' } }],
      ['a wrongly typed sub-attribute', { op: 'add', path: 'emails', value: [{ value: 'a@b.test', primary: 'sometimes' }] }],
    ])('answers 400 invalidValue for %s', (_case, operation) => {
      expect(scimErrorOf(() => patch(alice, operation))).toMatchObject({ status: 400, scimType: ScimErrorType.InvalidValue });
    });
  });

  describe('nothing silently ignored', () => {
    it.each([
      [{ op: 'replace', path: 'id', value: 'u2' }],
      [{ op: 'replace', value: { id: 'u2', displayName: 'Alice' } }],
      [{ op: 'remove', path: 'id' }],
      [{ op: 'replace', path: 'meta.created', value: '2001-01-01T00:00:00Z' }],
      [{ op: 'replace', value: { meta: { version: 'W/"0"' } } }],
      [{ op: 'remove', path: 'meta' }],
      [{ op: 'replace', value: { groups: [] } }],
      [{ op: 'add', path: 'groups', value: [{ value: 'g2' }] }],
      [{ op: 'remove', path: 'groups[value eq "g1"]' }],
      [{ op: 'replace', path: `${ENTERPRISE}:manager.displayName`, value: 'Other' }],
      [{ op: 'replace', path: `${ENTERPRISE}:manager`, value: { value: 'm2', displayName: 'Other' } }],
      [{ op: 'remove', path: `${ENTERPRISE}:manager.displayName` }],
    ])('answers 400 mutability for changing a read-only attribute: %j', (operation) => {
      expect(scimErrorOf(() => patch(alice, operation))).toMatchObject({ status: 400, scimType: ScimErrorType.Mutability });
    });

    it('accepts a dateTime echoed in another notation of the same instant', () => {
      const withCreated = { ...alice, meta: { created: '2026-11-30T16:08:38.727Z' } };
      expect(patch(withCreated, { op: 'replace', path: 'meta.created', value: '2026-11-30T17:08:38.727+01:00' })).toEqual(withCreated);
    });

    it('answers 400 invalidValue for a sub-attribute the attribute does not have', () => {
      expect(scimErrorOf(() => patch(alice, { op: 'replace', path: 'name', value: { givenName: 'Al', nickname: 'x' } }))).toMatchObject({
        scimType: ScimErrorType.InvalidValue,
        detail: expect.stringContaining('nickname'),
      });
      expect(scimErrorOf(() => patch(alice, { op: 'add', path: 'emails', value: [{ value: 'a@b.test', kind: 'x' }] })).scimType).toBe(
        ScimErrorType.InvalidValue,
      );
    });

    it('refuses to unassign active under the user rules, and lets other resources unassign it', () => {
      const rules = { alwaysAssigned: { active: 'it holds the lifecycle' } };
      const body = (...operations: unknown[]) => parsePatchRequest({ schemas: [ScimMessageUri.PatchOp], Operations: operations });
      for (const operation of [
        { op: 'remove', path: 'active' },
        { op: 'replace', value: { active: null } },
      ]) {
        expect(scimErrorOf(() => applyPatch(alice, body(operation), USER_RESOURCE_SCHEMAS, rules))).toMatchObject({
          scimType: ScimErrorType.Mutability,
          detail: 'active cannot be removed: it holds the lifecycle',
        });
      }
      expect(applyPatch(alice, body({ op: 'replace', path: 'active', value: false }), USER_RESOURCE_SCHEMAS, rules).active).toBe(false);
      expect(patch(alice, { op: 'remove', path: 'active' }).active).toBeUndefined();
    });
  });

  describe('atomicity and immutability', () => {
    it('applies nothing when a later operation fails', () => {
      const unfrozen = structuredClone(alice);
      const operations = [
        { op: 'replace', path: 'displayName', value: 'Changed' },
        { op: 'replace', path: 'favouriteColour', value: 'blue' },
      ];
      expect(scimErrorOf(() => patch(unfrozen, ...operations)).scimType).toBe(ScimErrorType.InvalidPath);
      expect(unfrozen).toEqual(alice);
    });

    it('returns a new resource sharing nothing with the input or the operations', () => {
      const value = { type: 'home', value: 'alice@home.test' };
      const patched = patch(alice, { op: 'add', path: 'emails', value: [value] });
      expect(patched).not.toBe(alice);
      expect(patched.emails).not.toBe(alice.emails);
      expect((patched.emails as unknown[])[1]).not.toBe(value);
      expect(Object.isFrozen(patched.name)).toBe(false);
    });

    it('applies operations in order', () => {
      const patched = patch(
        alice,
        { op: 'replace', path: 'title', value: 'CFO' },
        { op: 'remove', path: 'title' },
        { op: 'add', path: 'title', value: 'CEO' },
      );
      expect(patched.title).toBe('CEO');
    });
  });
});
