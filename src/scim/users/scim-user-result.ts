import { SyncSubject } from '../sync-log/sync-log-details';
import { ScimResource } from './scim-user.mapper';

/** A single user resource with what its response headers need. */
export interface ScimUserResult {
  resource: ScimResource;
  location: string;
  etag: string;
  /** Whom a write of the user was about, from the row written. */
  subject: SyncSubject;
}
