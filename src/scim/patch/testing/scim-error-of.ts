import { ScimError } from '../../scim.error';

/** The ScimError an action throws, for specs to inspect its status, scimType and detail. */
export function scimErrorOf(action: () => unknown): ScimError {
  try {
    action();
  } catch (error) {
    if (error instanceof ScimError) return error;
    throw error;
  }
  throw new Error('Expected a ScimError, but nothing was thrown');
}
