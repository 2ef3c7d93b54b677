import { ScimResource } from './scim-user.mapper';

/** A single user resource with what its response headers need. */
export interface ScimUserResult {
  resource: ScimResource;
  location: string;
  etag: string;
  version: number;
}
