import type { Request } from 'express';
import { SecretKind } from '../crypto/secret-token';
import { ApiErrorCode } from '../errors/api-error-code';
import { ApiException } from '../errors/api.exception';

/** One API's credential, named the way its 401 answers name it. */
export interface CredentialSurface {
  /** e.g. "the admin API" */
  api: string;
  /** e.g. "an admin API key (dpsadm_…)" */
  takes: string;
  /** The secret kind this API takes, when it has a recognisable prefix. */
  kind?: SecretKind;
}

const KIND_NAMES: Record<SecretKind, string> = {
  [SecretKind.AdminApiKey]: 'an admin API key',
  [SecretKind.ProvisioningToken]: 'a provisioning token',
  [SecretKind.ProvisioningApiKey]: 'a Provisioning API key',
  [SecretKind.ConnectorToken]: 'a directory connector token',
};

/**
 * The bearer credential of the Authorization header (only there: a credential in a URL would be logged).
 * Throws a 401 that says what is wrong: no header, another scheme, or a credential of another kind.
 */
export function bearerCredentialOf(request: Request, surface: CredentialSurface): string {
  const authorization = request.headers.authorization;
  if (!authorization) {
    throw unauthorized(
      ApiErrorCode.MissingCredential,
      `No Authorization header: ${surface.api} takes "Authorization: Bearer" followed by ${surface.takes}`,
    );
  }
  const credential = /^Bearer +(\S+) *$/i.exec(authorization)?.[1];
  if (!credential) {
    throw unauthorized(
      ApiErrorCode.NotBearerCredential,
      `The Authorization header ${describeScheme(authorization)}: send "Authorization: Bearer" followed by ${surface.takes}`,
    );
  }
  const kind = Object.values(SecretKind).find((candidate) => credential.startsWith(candidate));
  if (kind && kind !== surface.kind) {
    throw unauthorized(ApiErrorCode.WrongCredentialKind, `This is ${KIND_NAMES[kind]}; ${surface.api} takes ${surface.takes}`);
  }
  return credential;
}

export function unauthorized(code: ApiErrorCode, message: string): ApiException {
  return new ApiException(401, code, message);
}

/** Names the scheme that was sent, never echoing what could be a secret. */
function describeScheme(authorization: string): string {
  const [scheme, ...rest] = authorization.trim().split(/ +/);
  if (/^Bearer$/i.test(scheme)) return rest.length === 0 ? 'has an empty bearer credential' : 'has more than one value after Bearer';
  if (rest.length === 0) return 'has no scheme';
  return /^[A-Za-z][\w-]{0,19}$/.test(scheme) ? `is a "${scheme}" credential, not a bearer credential` : 'is not a bearer credential';
}
