import { SetMetadata, UseInterceptors } from '@nestjs/common';
import { RECORDED_RESOURCE_TYPE, ScimSyncLogInterceptor } from './scim-sync-log.interceptor';

/** The writes of a SCIM controller are recorded in the sync log under this resource type (User, Group, Bulk). */
export function RecordsWritesOf(resourceType: string): ClassDecorator {
  return SetMetadata(RECORDED_RESOURCE_TYPE, resourceType);
}

/**
 * A route that writes (create, replace, patch, delete, Bulk): recorded in the sync log. Bound per route, so that
 * reads (GET, `.search`) run without an interceptor.
 */
export function RecordedWrite(): MethodDecorator {
  return UseInterceptors(ScimSyncLogInterceptor);
}
