import { ScimSchemaUri } from '../scim.constants';
import { USER_RESOURCE_SCHEMAS } from '../schema/resource-schemas';
import { ScimErrorType } from '../scim.error';
import { parsePatchPath } from './patch-path';
import { scimErrorOf } from './testing/scim-error-of';

const parse = (path: string) => parsePatchPath(path, USER_RESOURCE_SCHEMAS);

const summary = (path: string) => {
  const target = parse(path);
  if (target.kind === 'extension') return { extension: target.extensionUri };
  return {
    extension: target.extensionUri,
    attribute: target.attribute.name,
    filter: target.filter?.map((comparison) => comparison.subAttribute.name),
    subAttribute: target.subAttribute?.name,
  };
};

describe(parsePatchPath.name, () => {
  it('resolves simple, sub-attribute and URN-qualified paths to canonical names', () => {
    expect(summary('USERNAME')).toEqual({ attribute: 'userName' });
    expect(summary('name.GIVENNAME')).toEqual({ attribute: 'name', subAttribute: 'givenName' });
    expect(summary(`${ScimSchemaUri.User}:userName`)).toEqual({ attribute: 'userName' });
    expect(summary(`${ScimSchemaUri.EnterpriseUser}:manager`)).toEqual({ extension: ScimSchemaUri.EnterpriseUser, attribute: 'manager' });
    expect(summary(`${ScimSchemaUri.EnterpriseUser}:manager.value`)).toMatchObject({ attribute: 'manager', subAttribute: 'value' });
  });

  it('resolves value paths with and without a sub-attribute', () => {
    expect(summary('emails[type eq "work"].value')).toEqual({ attribute: 'emails', filter: ['type'], subAttribute: 'value' });
    expect(summary('addresses[type eq "work"].streetAddress')).toMatchObject({ subAttribute: 'streetAddress' });
    expect(summary('phoneNumbers[type eq "mobile"]')).toEqual({ attribute: 'phoneNumbers', filter: ['type'] });
    expect(summary(`${ScimSchemaUri.User}:emails[type eq "work"].value`)).toMatchObject({ attribute: 'emails', subAttribute: 'value' });
  });

  it('names a whole extension by its URN, in any case', () => {
    expect(summary(ScimSchemaUri.EnterpriseUser.toUpperCase())).toEqual({ extension: ScimSchemaUri.EnterpriseUser });
  });

  it.each([
    'nickname.first',
    'favouriteColour',
    'urn:ietf:params:scim:schemas:extension:acme:2.0:User:badge',
    'name[givenName eq "A"]',
    'emails[type eq "work"',
    'emails[type eq "work"].colour',
    'emails[type eq "work"]value',
    'name.givenName[type eq "x"]',
  ])('answers 400 invalidPath naming %s', (path) => {
    const error = scimErrorOf(() => parse(path));
    expect(error).toMatchObject({ status: 400, scimType: ScimErrorType.InvalidPath });
    expect(error.detail).toContain(path);
  });
});
