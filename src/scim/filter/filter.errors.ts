import { ScimError, ScimErrorType } from '../scim.error';

export function invalidFilter(detail: string): ScimError {
  return ScimError.badRequest(ScimErrorType.InvalidFilter, detail);
}

export function invalidFilterAt(position: number, detail: string): ScimError {
  return invalidFilter(`Invalid filter at position ${position}: ${detail}`);
}
