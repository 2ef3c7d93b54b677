import { requestFingerprint } from './request-fingerprint';

describe(requestFingerprint.name, () => {
  const fingerprint = (method: string, url: string, body: unknown) => requestFingerprint(method, url, body).toString('hex');

  it('is the same for the same body with its keys in another order', () => {
    expect(fingerprint('POST', '/api/v1/users', { email: 'a@acme.test', name: { given: 'A', family: 'B' } })).toBe(
      fingerprint('post', '/api/v1/users', { name: { family: 'B', given: 'A' }, email: 'a@acme.test' }),
    );
  });

  it('differs by method, path, body and the order of a list', () => {
    const base = fingerprint('POST', '/api/v1/groups/1/members', { userIds: ['a', 'b'] });
    expect(fingerprint('PUT', '/api/v1/groups/1/members', { userIds: ['a', 'b'] })).not.toBe(base);
    expect(fingerprint('POST', '/api/v1/groups/2/members', { userIds: ['a', 'b'] })).not.toBe(base);
    expect(fingerprint('POST', '/api/v1/groups/1/members', { userIds: ['b', 'a'] })).not.toBe(base);
    expect(fingerprint('POST', '/api/v1/groups/1/members', { userIds: ['a', 'b'], extra: 1 })).not.toBe(base);
  });

  it('treats a missing body as null, and a string body apart from its JSON text', () => {
    expect(fingerprint('DELETE', '/api/v1/users/1', undefined)).toBe(fingerprint('DELETE', '/api/v1/users/1', null));
    expect(fingerprint('POST', '/x', 'null')).not.toBe(fingerprint('POST', '/x', null));
  });
});
