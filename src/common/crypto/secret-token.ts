import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** Recognisable prefixes, so secret scanners can find leaked credentials. */
export enum SecretKind {
  AdminApiKey = 'dpsadm_',
  ProvisioningToken = 'dpsscim_',
  ProvisioningApiKey = 'dpsprov_',
  ConnectorToken = 'dpsconn_',
}

export interface IssuedSecret {
  /** The clear secret: returned once in the response that creates it, never stored or logged. */
  secret: string;
  hash: Buffer;
  /** Short public part shown in the console to recognise the secret. */
  displayPrefix: string;
}

const SECRET_BYTES = 32;
const DISPLAY_PREFIX_EXTRA_CHARS = 6;

export function issueSecret(kind: SecretKind): IssuedSecret {
  const secret = kind + randomBytes(SECRET_BYTES).toString('base64url');
  return { secret, hash: hashSecret(secret), displayPrefix: displayPrefixOf(secret) };
}

/** The public start of a secret of ours: its kind's prefix and a few characters. */
export function displayPrefixOf(secret: string): string {
  const kind = Object.values(SecretKind).find((candidate) => secret.startsWith(candidate)) ?? '';
  return secret.slice(0, kind.length + DISPLAY_PREFIX_EXTRA_CHARS);
}

export function hashSecret(secret: string): Buffer {
  return createHash('sha256').update(secret, 'utf8').digest();
}

/** True when the presented secret looks like one of ours: saves a lookup for obvious garbage. */
export function hasSecretShape(kind: SecretKind, presented: string): boolean {
  return presented.startsWith(kind) && presented.length === kind.length + 43;
}

export function secretMatchesHash(presented: string, storedHash: Buffer): boolean {
  const presentedHash = hashSecret(presented);
  return presentedHash.length === storedHash.length && timingSafeEqual(presentedHash, storedHash);
}

/** Constant-time comparison of two clear secrets of possibly different lengths. */
export function secretsEqual(presented: string, expected: string): boolean {
  return timingSafeEqual(hashSecret(presented), hashSecret(expected));
}
