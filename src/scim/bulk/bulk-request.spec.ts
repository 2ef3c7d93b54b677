import { ScimErrorType } from '../scim.error';
import { scimErrorOf } from '../patch/testing/scim-error-of';
import { parseBulkRequest } from './bulk-request';

const BULK_REQUEST = 'urn:ietf:params:scim:api:messages:2.0:BulkRequest';
const create = (bulkId: string) => ({ method: 'post', path: '/Users', bulkId, data: { userName: `${bulkId}@acme.test` } });

describe(parseBulkRequest.name, () => {
  it('reads operations with keys in any case, method upper-cased, and failOnErrors', () => {
    const request = parseBulkRequest(
      { Schemas: [BULK_REQUEST], operations: [create('a'), { Method: 'Delete', Path: '/Users/x', Version: 'W/"2"' }], FailOnErrors: 2 },
      10,
    );
    expect(request.failOnErrors).toBe(2);
    expect(request.operations).toEqual([
      { index: 0, method: 'POST', bulkId: 'a', path: '/Users', data: { userName: 'a@acme.test' }, version: undefined },
      { index: 1, method: 'DELETE', bulkId: undefined, path: '/Users/x', data: undefined, version: 'W/"2"' },
    ]);
  });

  it('refuses the whole request when it is no BulkRequest, too large, or repeats a bulkId', () => {
    expect(scimErrorOf(() => parseBulkRequest({ Operations: [create('a')] }, 10))).toMatchObject({
      status: 400,
      scimType: ScimErrorType.InvalidSyntax,
    });
    expect(scimErrorOf(() => parseBulkRequest({ schemas: [BULK_REQUEST], Operations: [] }, 10))).toMatchObject({ status: 400 });
    expect(scimErrorOf(() => parseBulkRequest({ schemas: [BULK_REQUEST], Operations: [create('a'), create('b')] }, 1))).toMatchObject({
      status: 413,
    });
    expect(scimErrorOf(() => parseBulkRequest({ schemas: [BULK_REQUEST], Operations: [create('a'), create('a')] }, 10)).detail).toContain(
      '"a"',
    );
    expect(
      scimErrorOf(() => parseBulkRequest({ schemas: [BULK_REQUEST], Operations: [create('a')], failOnErrors: 1.5 }, 10)),
    ).toMatchObject({
      status: 400,
      scimType: ScimErrorType.InvalidValue,
    });
  });

  it('marks a malformed operation invalid in its own place', () => {
    const { operations } = parseBulkRequest(
      {
        schemas: [BULK_REQUEST],
        Operations: [
          'nothing',
          { method: 'GET', path: '/Users' },
          { method: 'POST', path: '/Users', data: {} },
          { method: 'PATCH', path: '/Users/x' },
          { method: 'PUT', data: {} },
          { method: 'DELETE', path: '/Users/x' },
        ],
      },
      10,
    );
    expect(operations.map((operation) => operation.invalid?.detail.replace(/^Operations\[\d\]\.?/, ''))).toEqual([
      ' must be an object',
      'method must be one of POST, PUT, PATCH, DELETE',
      'bulkId is required for POST (RFC 7644 §3.7)',
      'data must be the resource or PatchOp body of the PATCH',
      'path is required, e.g. "/Users" or "/Users/{id}"',
      undefined,
    ]);
  });
});
