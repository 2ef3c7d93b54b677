import { ScimSchemaUri } from '../scim.constants';
import { GROUP_RESOURCE_SCHEMAS, USER_RESOURCE_SCHEMAS } from '../schema/resource-schemas';
import { ScimErrorType } from '../scim.error';
import { normalizeResource } from './normalize-resource';
import { scimErrorOf } from './testing/scim-error-of';

const ENTERPRISE = ScimSchemaUri.EnterpriseUser;
const normalizeUser = (body: unknown) => normalizeResource(body, USER_RESOURCE_SCHEMAS);

describe(normalizeResource.name, () => {
  it('keeps an Okta create body, dropping groups, the password and schemas', () => {
    const body = {
      schemas: [ScimSchemaUri.User],
      userName: 'test.user@okta.local',
      name: { givenName: 'Test', familyName: 'User' },
      emails: [{ primary: true, value: 'test.user@okta.local', type: 'work' }],
      displayName: 'Test User',
      locale: 'en-US',
      externalId: '00ujl29u0le5T6Aj10h7',
      groups: [],
      password: '1mz050nq',
      active: true,
    };
    const { schemas: _schemas, groups: _groups, password: _password, ...kept } = body;
    expect(normalizeUser(body)).toEqual(kept);
  });

  it('keeps an Entra ID create body with the enterprise extension, dropping meta and empty lists', () => {
    const body = {
      schemas: [ScimSchemaUri.User, ENTERPRISE],
      externalId: '0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef',
      userName: 'Test_User_ab6490ee@testuser.com',
      active: 'True',
      emails: [{ primary: true, type: 'work', value: 'Test_User_ab6490ee@testuser.com' }],
      meta: { resourceType: 'User' },
      name: { formatted: 'givenName familyName', familyName: 'familyName', givenName: 'givenName' },
      roles: [],
      [ENTERPRISE]: { employeeNumber: '7', department: 'Sales', manager: 'm1' },
    };
    expect(normalizeUser(body)).toEqual({
      externalId: body.externalId,
      userName: body.userName,
      active: true,
      emails: body.emails,
      name: body.name,
      [ENTERPRISE]: { employeeNumber: '7', department: 'Sales', manager: { value: 'm1' } },
    });
  });

  it('writes names canonically, takes URN-qualified keys, and drops nulls, read-only sub-attributes and unknown attributes', () => {
    expect(
      normalizeUser({
        USERNAME: 'a@acme.test',
        NAME: { GivenName: 'A', middleName: null },
        title: null,
        favouriteColour: 'blue',
        [`${ENTERPRISE}:department`]: 'Sales',
        [ENTERPRISE.toLowerCase()]: { manager: { value: 'm1', $ref: null, displayName: 'Boss' }, badge: 'B1' },
        'urn:ietf:params:scim:schemas:extension:acme:2.0:User': { badge: 'B1' },
      }),
    ).toEqual({ userName: 'a@acme.test', name: { givenName: 'A' }, [ENTERPRISE]: { department: 'Sales', manager: { value: 'm1' } } });
  });

  it('keeps one primary element per multi-valued attribute', () => {
    const emails = [
      { value: 'a@acme.test', primary: true },
      { value: 'b@acme.test', primary: true },
    ];
    expect(normalizeUser({ userName: 'a@acme.test', emails }).emails).toEqual([
      { value: 'a@acme.test', primary: false },
      { value: 'b@acme.test', primary: true },
    ]);
  });

  it('drops the member display of a Group', () => {
    expect(
      normalizeResource({ displayName: 'Team', members: [{ value: 'u1', display: 'a@acme.test', $ref: null }] }, GROUP_RESOURCE_SCHEMAS),
    ).toEqual({ displayName: 'Team', members: [{ value: 'u1' }] });
  });

  it.each([
    ['a missing userName', { name: { givenName: 'A' } }],
    ['a null userName', { userName: null }],
    ['a wrongly typed attribute', { userName: 'a@acme.test', active: 'maybe' }],
    ['a non-object extension', { userName: 'a@acme.test', [ENTERPRISE]: 'Sales' }],
  ])('answers 400 invalidValue for %s', (_case, body) => {
    expect(scimErrorOf(() => normalizeUser(body))).toMatchObject({ status: 400, scimType: ScimErrorType.InvalidValue });
  });

  it('answers 400 invalidSyntax for a body that is not an object', () => {
    expect(scimErrorOf(() => normalizeUser('alice'))).toMatchObject({ status: 400, scimType: ScimErrorType.InvalidSyntax });
  });
});
