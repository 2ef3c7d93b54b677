import { SCIM_BASE_PATH } from '../common/scim/scim-base-path';

export interface ScimOperationLabels {
  resource: string;
  operation: string;
}

const BASE = `/${SCIM_BASE_PATH}/`;
const RESOURCES = new Set(['Users', 'Groups']);
const ITEM_OPERATIONS: Record<string, string> = { GET: 'get', PUT: 'replace', PATCH: 'patch', DELETE: 'delete' };
const COLLECTION_OPERATIONS: Record<string, string> = { GET: 'list', POST: 'create' };

/**
 * Names the SCIM operation of a route pattern such as `/scim/v2/Users/:id`, for the metrics' labels; null
 * outside SCIM. ServiceProviderConfig, ResourceTypes and Schemas are all `discovery`.
 */
export function scimOperationOf(method: string, routePath: string): ScimOperationLabels | null {
  if (routePath.slice(0, BASE.length).toLowerCase() !== BASE) return null;
  const [resource = '', item] = routePath.slice(BASE.length).split('/');
  if (resource === 'Bulk') return { resource, operation: 'bulk' };
  if (!RESOURCES.has(resource)) return { resource, operation: 'discovery' };
  if (item === '.search') return { resource, operation: 'search' };
  const operations = item === undefined ? COLLECTION_OPERATIONS : ITEM_OPERATIONS;
  return { resource, operation: operations[method] ?? method.toLowerCase() };
}
