import { ScimError } from '../scim.error';
import { BulkMethod } from './bulk-request';

export type BulkResourceType = 'User' | 'Group';

/** What an operation's path names: a resource type endpoint (POST) or one resource. */
export interface BulkTarget {
  resourceType: BulkResourceType;
  id?: string;
}

const ENDPOINTS: Record<string, BulkResourceType> = { users: 'User', groups: 'Group' };
const PATH = /^\/?([^/?#]+)(?:\/([^/?#]+))?\/?$/;

/** The endpoint of a resource type, as paths name it. */
export function endpointOf(resourceType: BulkResourceType): string {
  return resourceType === 'User' ? '/Users' : '/Groups';
}

/** The resource type endpoint of a path, or undefined; for the sync log of operations that cannot run. */
export function resourceTypeOfPath(path: string | undefined): BulkResourceType | undefined {
  const segment = path === undefined ? undefined : PATH.exec(path)?.[1];
  return segment === undefined ? undefined : ENDPOINTS[segment.toLowerCase()];
}

/**
 * RFC 7644 §3.7: POST names "/Users" or "/Groups", the other methods "/Users/{id}" or "/Groups/{id}". A path
 * that names no route of this service answers 404, as the same request sent alone would.
 */
export function parseBulkTarget(method: BulkMethod, path: string): BulkTarget {
  const match = PATH.exec(path);
  const resourceType = match ? ENDPOINTS[match[1].toLowerCase()] : undefined;
  const id = match?.[2] === undefined ? undefined : safeDecode(match[2]);
  if (!resourceType || (method === 'POST') !== (id === undefined)) {
    throw ScimError.notFound(
      `${method} ${path} names no endpoint: use ${method === 'POST' ? '/Users or /Groups' : '/Users/{id} or /Groups/{id}'}`,
    );
  }
  return { resourceType, id };
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
