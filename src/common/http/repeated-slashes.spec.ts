import { collapseRepeatedSlashes } from './repeated-slashes';

describe(collapseRepeatedSlashes.name, () => {
  it.each([
    ['/scim/v2//Users', '/scim/v2/Users'],
    ['//scim/v2/Users', '/scim/v2/Users'],
    ['/scim//v2///Groups//abc', '/scim/v2/Groups/abc'],
    ['/scim/v2//Users?filter=userName eq "a"', '/scim/v2/Users?filter=userName eq "a"'],
    ['/SCIM/v2//.search', '/SCIM/v2/.search'],
    ['/scim/v2//', '/scim/v2/'],
    ['/api/admin//users', '/api/admin/users'],
    ['//health', '/health'],
  ])('collapses repeated slashes in the path %s', (given, expected) => {
    expect(collapseRepeatedSlashes(given)).toBe(expected);
  });

  it.each([
    '/scim/v2/Users',
    '/scim/v2/Users?filter=members[value eq "x"].%24ref co "https://a//b"',
    '/scim/v2/Groups?x=//y',
    '/api/admin/users?q=a//b',
  ])('leaves %s as it is', (url) => {
    expect(collapseRepeatedSlashes(url)).toBe(url);
  });
});
