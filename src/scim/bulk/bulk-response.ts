import { ScimMessageUri } from '../scim.constants';
import { ScimErrorBody } from '../scim.error';

/** RFC 7644 §3.7.3: the outcome of one operation; `response` is the SCIM error body of a failed one. */
export interface BulkOperationResponse {
  method: string;
  bulkId?: string;
  version?: string;
  location?: string;
  status: string;
  response?: ScimErrorBody;
}

export interface BulkResponse {
  schemas: [ScimMessageUri.BulkResponse];
  Operations: BulkOperationResponse[];
}
