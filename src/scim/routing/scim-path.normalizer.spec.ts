import { normalizeScimUrl } from './scim-path.normalizer';

describe(normalizeScimUrl.name, () => {
  it.each([
    ['/scim/v2//Users', '/scim/v2/Users'],
    ['//scim/v2/Users', '/scim/v2/Users'],
    ['/scim//v2///Groups//abc', '/scim/v2/Groups/abc'],
    ['/scim/v2//Users?filter=userName eq "a"', '/scim/v2/Users?filter=userName eq "a"'],
    ['/SCIM/v2//.search', '/SCIM/v2/.search'],
    ['/scim/v2//', '/scim/v2/'],
  ])('collapses repeated slashes in the SCIM path %s', (given, expected) => {
    expect(normalizeScimUrl(given)).toBe(expected);
  });

  it.each([
    '/scim/v2/Users',
    '/scim/v2/Users?filter=members[value eq "x"].%24ref co "https://a//b"',
    '/scim/v2/Groups?x=//y',
    '/api/admin//users',
    '//health',
    '/scim/v3//Users',
  ])('leaves %s as it is', (url) => {
    expect(normalizeScimUrl(url)).toBe(url);
  });
});
