import { ExecutionContext, SetMetadata } from '@nestjs/common';

const RECORDED_RESOURCE_TYPE = 'scim:sync-log-resource-type';
const READS_ONLY = 'scim:reads-only';

/** The writes of a SCIM controller are recorded in the sync log under this resource type (User, Group, Bulk). */
export function RecordsWritesOf(resourceType: string): ClassDecorator {
  return SetMetadata(RECORDED_RESOURCE_TYPE, resourceType);
}

/** A POST that only reads (RFC 7644 §3.4.3 `.search`): not a write, so not recorded. */
export function ReadsOnly(): MethodDecorator {
  return SetMetadata(READS_ONLY, true);
}

/** The resource type the route being served records its writes under; undefined when it records none. */
export function recordedResourceTypeOf(context: ExecutionContext): string | undefined {
  if (Reflect.getMetadata(READS_ONLY, context.getHandler()) === true) return undefined;
  return Reflect.getMetadata(RECORDED_RESOURCE_TYPE, context.getClass()) as string | undefined;
}
