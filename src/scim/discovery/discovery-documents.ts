import { ScimSchemaUri } from '../scim.constants';
import { ALL_SCHEMAS, GROUP_RESOURCE_SCHEMAS, ResourceSchemas, USER_RESOURCE_SCHEMAS } from '../schema/resource-schemas';
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

const RESOURCE_TYPES: { schemas: ResourceSchemas; endpoint: string; description: string }[] = [
  { schemas: USER_RESOURCE_SCHEMAS, endpoint: '/Users', description: 'User Account' },
  { schemas: GROUP_RESOURCE_SCHEMAS, endpoint: '/Groups', description: 'Group' },
];

/** RFC 7643 §6, from the schemas the resources are read and written with; no extension means no `schemaExtensions`. */
export function resourceTypes(baseUrl: string): Record<string, unknown>[] {
  return RESOURCE_TYPES.map(({ schemas: { resourceType, core, extensions }, endpoint, description }) => ({
    schemas: [ScimSchemaUri.ResourceType],
    id: resourceType,
    name: resourceType,
    endpoint,
    description,
    schema: core.id,
    ...(extensions.length > 0 ? { schemaExtensions: extensions.map((extension) => ({ schema: extension.id, required: false })) } : {}),
    meta: { resourceType: 'ResourceType', location: `${baseUrl}/ResourceTypes/${resourceType}` },
  }));
}

/** RFC 7643 §7: each schema as a resource. */
export function schemaResources(baseUrl: string): Record<string, unknown>[] {
  return ALL_SCHEMAS.map((schema: ScimSchemaDefinition) => ({
    schemas: [ScimSchemaUri.Schema],
    ...schema,
    meta: { resourceType: 'Schema', location: `${baseUrl}/Schemas/${schema.id}` },
  }));
}
