import { ManagedByAnotherSourceException } from '../../common/auth/ownership';

/** A write answered without being applied: `skipped` says which source manages the resource. */
export interface Skippable {
  skipped?: string;
}

/**
 * docs/ownership.md: a provider writing to a user or group that another source manages gets the resource as it is,
 * with a success status, so that it neither counts a failure (Entra ID quarantines an app that fails often) nor
 * creates a duplicate. The sync log records the write as skipped, and the tab counts it as a conflict.
 */
export async function unlessManagedElsewhere<T extends object>(write: () => Promise<T>, current: () => Promise<T>): Promise<T & Skippable> {
  try {
    return await write();
  } catch (error) {
    if (!(error instanceof ManagedByAnotherSourceException)) throw error;
    return { ...(await current()), skipped: error.message };
  }
}
