import type { Test } from 'supertest';
import { bearer, HttpTarget } from './test-app';

export const SCIM_BASE_PATH = '/scim/v2';
export const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const ENTERPRISE_USER_SCHEMA = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
export const GROUP_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Group';
export const PATCH_OP_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
export const ERROR_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:Error';

/** A SCIM resource or answer body, read attribute by attribute in assertions. */
export type ScimResource = Record<string, any>;

/** Requests to the SCIM API as one provisioning token: paths below /scim/v2, bodies sent as application/scim+json. */
export interface ScimClient {
  get(path: string): Test;
  post(path: string, body?: unknown): Test;
  put(path: string, body?: unknown): Test;
  patch(path: string, body?: unknown): Test;
  delete(path: string): Test;
}

export function scim(app: HttpTarget, token: string): ScimClient {
  const start = (method: 'get' | 'post' | 'put' | 'patch' | 'delete', path: string) =>
    app.http[method](`${SCIM_BASE_PATH}${path}`).set(bearer(token));
  // Without a body the request is left open, for a test that sends its own (raw text, another content type).
  const withBody = (method: 'post' | 'put' | 'patch') => (path: string, body?: unknown) => {
    const test = start(method, path);
    return body === undefined ? test : test.set('Content-Type', 'application/scim+json').send(JSON.stringify(body));
  };
  return {
    get: (path) => start('get', path),
    post: withBody('post'),
    put: withBody('put'),
    patch: withBody('patch'),
    delete: (path) => start('delete', path),
  };
}
