import { randomBytes } from 'node:crypto';

/** Standard Webhooks' prefix of a symmetric signing secret; the rest is base64 of the key bytes. */
const PREFIX = 'whsec_';
const SECRET_BYTES = 32;

/** A new signing secret in the Standard Webhooks format, shown once to whoever creates or rotates it. */
export function newSigningSecret(): string {
  return PREFIX + randomBytes(SECRET_BYTES).toString('base64');
}
