import { ScimSchemaUri } from '../scim.constants';
import { ALL_SCHEMAS } from '../schema/resource-schemas';
import { ScimSchemaDefinition } from '../schema/scim-schema.types';

/** RFC 7643 §5: what this service supports, stated truthfully. */
export function serviceProviderConfig(
  baseUrl: string,
  maxPageSize: number,
  bulk: { maxOperations: number; maxPayloadSize: number },
): Record<string, unknown> {
  return {
    schemas: [ScimSchemaUri.ServiceProviderConfig],
    documentationUri: `${baseUrl.replace(/\/scim\/v2$/, '')}/api/docs`,
    patch: { supported: true },
    bulk: { supported: true, maxOperations: bulk.maxOperations, maxPayloadSize: bulk.maxPayloadSize },
    filter: { supported: true, maxResults: maxPageSize },
    changePassword: { supported: false },
    sort: { supported: true },
    etag: { supported: true },
    authenticationSchemes: [
      {
        type: 'oauthbearertoken',
        name: 'OAuth Bearer Token',
        description: 'The provisioning token of the directory integration, created in the admin console.',
        specUri: 'https://www.rfc-editor.org/info/rfc6750',
        primary: true,
      },
    ],
    meta: {
      resourceType: 'ServiceProviderConfig',
      location: `${baseUrl}/ServiceProviderConfig`,
    },
  };
}

/** RFC 7643 §6. */
export function resourceTypes(baseUrl: string): Record<string, unknown>[] {
  return [
    {
      schemas: [ScimSchemaUri.ResourceType],
      id: 'User',
      name: 'User',
      endpoint: '/Users',
      description: 'User Account',
      schema: ScimSchemaUri.User,
      schemaExtensions: [{ schema: ScimSchemaUri.EnterpriseUser, required: false }],
      meta: { resourceType: 'ResourceType', location: `${baseUrl}/ResourceTypes/User` },
    },
    {
      schemas: [ScimSchemaUri.ResourceType],
      id: 'Group',
      name: 'Group',
      endpoint: '/Groups',
      description: 'Group',
      schema: ScimSchemaUri.Group,
      schemaExtensions: [],
      meta: { resourceType: 'ResourceType', location: `${baseUrl}/ResourceTypes/Group` },
    },
  ];
}

/** RFC 7643 §7: each schema as a resource. */
export function schemaResources(baseUrl: string): Record<string, unknown>[] {
  return ALL_SCHEMAS.map((schema: ScimSchemaDefinition) => ({
    schemas: [ScimSchemaUri.Schema],
    ...schema,
    meta: { resourceType: 'Schema', location: `${baseUrl}/Schemas/${schema.id}` },
  }));
}
