import { AttributeProjection } from '../projection/attribute-projection';

/** A single group resource as JSON text in pieces, with what its response headers need. */
export interface ScimGroupResult {
  body: string[];
  location: string;
  etag: string;
}

/** What a group response shows: the client's projection, and whether the members are read at all. */
export interface ScimGroupView {
  projection: AttributeProjection;
  members: boolean;
}
