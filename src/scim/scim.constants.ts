export const SCIM_CONTENT_TYPE = 'application/scim+json';

export enum ScimSchemaUri {
  User = 'urn:ietf:params:scim:schemas:core:2.0:User',
  Group = 'urn:ietf:params:scim:schemas:core:2.0:Group',
  EnterpriseUser = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User',
  ServiceProviderConfig = 'urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig',
  ResourceType = 'urn:ietf:params:scim:schemas:core:2.0:ResourceType',
  Schema = 'urn:ietf:params:scim:schemas:core:2.0:Schema',
}

export enum ScimMessageUri {
  ListResponse = 'urn:ietf:params:scim:api:messages:2.0:ListResponse',
  SearchRequest = 'urn:ietf:params:scim:api:messages:2.0:SearchRequest',
  PatchOp = 'urn:ietf:params:scim:api:messages:2.0:PatchOp',
  BulkRequest = 'urn:ietf:params:scim:api:messages:2.0:BulkRequest',
  BulkResponse = 'urn:ietf:params:scim:api:messages:2.0:BulkResponse',
  Error = 'urn:ietf:params:scim:api:messages:2.0:Error',
}
