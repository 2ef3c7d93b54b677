import { scimOperationOf } from './scim-operation';

describe(scimOperationOf.name, () => {
  it.each([
    ['POST', '/scim/v2/Users', 'Users', 'create'],
    ['GET', '/scim/v2/Users', 'Users', 'list'],
    ['POST', '/scim/v2/Users/.search', 'Users', 'search'],
    ['GET', '/scim/v2/Users/:id', 'Users', 'get'],
    ['PUT', '/scim/v2/Groups/:id', 'Groups', 'replace'],
    ['PATCH', '/scim/v2/Groups/:id', 'Groups', 'patch'],
    ['DELETE', '/scim/v2/Groups/:id', 'Groups', 'delete'],
    ['POST', '/scim/v2/Bulk', 'Bulk', 'bulk'],
    ['GET', '/scim/v2/ServiceProviderConfig', 'ServiceProviderConfig', 'discovery'],
    ['GET', '/scim/v2/Schemas/:id', 'Schemas', 'discovery'],
  ])('%s %s is %s %s', (method, route, resource, operation) => {
    expect(scimOperationOf(method, route)).toEqual({ resource, operation });
  });

  it('names nothing outside the SCIM base path', () => {
    expect(scimOperationOf('GET', '/api/admin/users/:id')).toBeNull();
    expect(scimOperationOf('GET', '/{*path}')).toBeNull();
  });
});
