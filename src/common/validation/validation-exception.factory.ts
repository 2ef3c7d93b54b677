import type { ValidationError } from 'class-validator';
import { ErrorDetail, ApiErrorCode } from '../errors/api-error-code';
import { ApiException } from '../errors/api.exception';

/** The global ValidationPipe's failure: one `{ field, problem }` per broken constraint, nested fields dotted. */
export function validationException(errors: ValidationError[]): ApiException {
  const details = errors.flatMap((error) => detailsOf(error, ''));
  const message = `Validation failed: ${details.map((detail) => detail.problem).join('; ')}`;
  return new ApiException(400, ApiErrorCode.ValidationFailed, message, details);
}

function detailsOf(error: ValidationError, parent: string): ErrorDetail[] {
  const field = parent ? `${parent}.${error.property}` : error.property;
  const own = Object.values(error.constraints ?? {}).map((problem) => ({ field, problem: qualified(problem, error.property, field) }));
  return [...own, ...(error.children ?? []).flatMap((child) => detailsOf(child, field))];
}

/** class-validator names only the last property ("value must be a UUID"); name the whole path instead. */
function qualified(problem: string, property: string, field: string): string {
  return field !== property && problem.startsWith(`${property} `) ? `${field}${problem.slice(property.length)}` : problem;
}
