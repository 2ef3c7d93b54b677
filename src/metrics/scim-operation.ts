import { SCIM_BASE_PATH } from '../scim/scim.constants';

export interface ScimOperationLabels {
  resource: string;
  operation: string;
}

const BASE = `/${SCIM_BASE_PATH}/`;
const ITEM_OPERATIONS: Record<string, string> = { GET: 'get', PUT: 'replace', PATCH: 'patch', DELETE: 'delete' };

/** Names the SCIM operation of a route pattern such as `/scim/v2/Users/:id`; null outside SCIM. */
export function scimOperationOf(method: string, routePath: string): ScimOperationLabels | null {
  if (routePath.slice(0, BASE.length).toLowerCase() !== BASE) return null;
  const [resource = '', second] = routePath.slice(BASE.length).split('/');
  if (second === '.search') return { resource, operation: 'search' };
  if (second !== undefined) return { resource, operation: ITEM_OPERATIONS[method] ?? method.toLowerCase() };
  if (method === 'POST') return { resource, operation: resource === 'Bulk' ? 'bulk' : 'create' };
  return { resource, operation: method === 'GET' ? 'list' : method.toLowerCase() };
}
