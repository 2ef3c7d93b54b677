import { generateKeyPairSync } from 'node:crypto';
import { parseServiceAccountKey } from './service-account-key';

const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' });
const valid = { type: 'service_account', client_email: 'sync@acme.iam.gserviceaccount.com', private_key_id: 'k1', private_key: rsa };

describe(parseServiceAccountKey.name, () => {
  it('reads a service account key', () => {
    expect(parseServiceAccountKey(JSON.stringify(valid))).toEqual({
      clientEmail: valid.client_email,
      privateKeyId: 'k1',
      privateKey: rsa,
    });
  });

  it.each([
    ['{', 'it is not JSON'],
    ['[]', 'it is not a JSON object'],
    [JSON.stringify({ ...valid, type: 'user' }), '"type" must be "service_account"'],
    [JSON.stringify({ ...valid, client_email: 42 }), '"client_email" must be an email address'],
    [JSON.stringify({ ...valid, private_key_id: ' ' }), '"private_key_id" is missing'],
    [JSON.stringify({ ...valid, private_key: undefined }), '"private_key" is missing'],
    [JSON.stringify({ ...valid, private_key: 'not a key' }), '"private_key" is not a PEM private key'],
  ])('refuses %s: %s', (text, reason) => {
    expect(() => parseServiceAccountKey(text)).toThrow(`The service account key is not valid: ${reason}`);
  });

  it('names the field, never the key', () => {
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' });
    expect(() => parseServiceAccountKey(JSON.stringify({ ...valid, private_key: ec }))).toThrow(
      /^The service account key is not valid: "private_key" must be an RSA key$/,
    );
  });
});
