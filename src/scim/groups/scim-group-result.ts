import { AttributeProjection } from '../projection/attribute-projection';
import { SyncSubject } from '../sync-log/sync-log-details';

/** A single group resource as JSON text in pieces, with what its response headers need. */
export interface ScimGroupResult {
  location: string;
  etag: string;
  /** Whom a write of the group was about, from the row written. */
  subject: SyncSubject;
  body: string[];
}

/** What a group response shows: the client's projection, and whether the members are read at all. */
export interface ScimGroupView {
  projection: AttributeProjection;
  members: boolean;
}
