/** Stable error codes of the admin, internal and health APIs: clients branch on these, never on messages. */
export enum ApiErrorCode {
  ValidationFailed = 'validation_failed',
  MalformedJson = 'malformed_json',
  PayloadTooLarge = 'payload_too_large',
  UnsupportedMediaType = 'unsupported_media_type',
  BadRequest = 'bad_request',
  MissingCredential = 'missing_credential',
  NotBearerCredential = 'not_bearer_credential',
  WrongCredentialKind = 'wrong_credential_kind',
  UnknownCredential = 'unknown_credential',
  RevokedCredential = 'revoked_credential',
  Forbidden = 'forbidden',
  NotFound = 'not_found',
  RouteNotFound = 'route_not_found',
  MethodNotAllowed = 'method_not_allowed',
  Conflict = 'conflict',
  PreconditionFailed = 'precondition_failed',
  CursorExpired = 'cursor_expired',
  IdempotencyKeyReused = 'idempotency_key_reused',
  RateLimited = 'rate_limited',
  NotReady = 'not_ready',
  InternalError = 'internal_error',
}

export interface ErrorDetail {
  /** The field, parameter or header concerned, dotted for nested fields (`members.0.value`). */
  field: string;
  problem: string;
}

/** The one error body of the admin, internal and health APIs. */
export interface ApiErrorBody {
  statusCode: number;
  error: string;
  code: string;
  message: string;
  details?: ErrorDetail[];
  requestId: string;
}
