export enum DomainErrorCode {
  NotFound = 'not_found',
  AlreadyExists = 'already_exists',
  InvalidStateTransition = 'invalid_state_transition',
  Forbidden = 'forbidden',
  InvalidInput = 'invalid_input',
  PreconditionFailed = 'precondition_failed',
  /** A source changing a user or group that another source (or none) manages: docs/ownership.md. */
  ManagedByAnotherSource = 'managed_by_another_source',
}

/** A business-rule failure; each surface (SCIM, admin, internal) translates the code to its own error body. */
export class DomainException extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'DomainException';
  }

  static notFound(what: string): DomainException {
    return new DomainException(DomainErrorCode.NotFound, `${what} not found`);
  }
}

export function httpStatusOf(code: DomainErrorCode): number {
  switch (code) {
    case DomainErrorCode.NotFound:
      return 404;
    case DomainErrorCode.AlreadyExists:
    case DomainErrorCode.InvalidStateTransition:
    case DomainErrorCode.ManagedByAnotherSource:
      return 409;
    case DomainErrorCode.Forbidden:
      return 403;
    case DomainErrorCode.InvalidInput:
      return 400;
    case DomainErrorCode.PreconditionFailed:
      return 412;
  }
}
