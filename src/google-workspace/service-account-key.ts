import { createPrivateKey } from 'node:crypto';
import { DomainErrorCode, DomainException } from '../common/errors/domain.exception';

/** The fields of a Google service account's JSON key this service uses. */
export interface ServiceAccountKey {
  clientEmail: string;
  privateKeyId: string;
  privateKey: string;
}

/** A key file is a few kilobytes; anything much larger is not one. */
export const MAX_KEY_FILE_LENGTH = 16_384;

const EMAIL = /^[^\s@]+@[^\s@]+$/;

/**
 * Reads and checks a service account's JSON key as Google's console downloads it: a service_account key with a
 * client_email, a private_key_id and an RSA private key in PEM. The error says which field is wrong, never its value.
 */
export function parseServiceAccountKey(text: string): ServiceAccountKey {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw invalid('it is not JSON');
  }
  if (json === null || typeof json !== 'object' || Array.isArray(json)) throw invalid('it is not a JSON object');
  const fields = json as Record<string, unknown>;
  if (fields.type !== 'service_account') throw invalid('"type" must be "service_account"');
  if (typeof fields.client_email !== 'string' || !EMAIL.test(fields.client_email)) throw invalid('"client_email" must be an email address');
  if (typeof fields.private_key_id !== 'string' || fields.private_key_id.trim() === '') throw invalid('"private_key_id" is missing');
  if (typeof fields.private_key !== 'string') throw invalid('"private_key" is missing');
  assertRsaPrivateKey(fields.private_key);
  return { clientEmail: fields.client_email, privateKeyId: fields.private_key_id, privateKey: fields.private_key };
}

function assertRsaPrivateKey(pem: string): void {
  let type: string | undefined;
  try {
    type = createPrivateKey({ key: pem, format: 'pem' }).asymmetricKeyType;
  } catch {
    throw invalid('"private_key" is not a PEM private key');
  }
  if (type !== 'rsa') throw invalid('"private_key" must be an RSA key');
}

function invalid(reason: string): DomainException {
  return new DomainException(DomainErrorCode.InvalidInput, `The service account key is not valid: ${reason}`);
}
