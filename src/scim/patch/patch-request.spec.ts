import { ScimMessageUri } from '../scim.constants';
import { ScimErrorType } from '../scim.error';
import { MAX_PATCH_OPERATIONS, parsePatchRequest } from './patch-request';
import { scimErrorOf } from './testing/scim-error-of';

const schemas = [ScimMessageUri.PatchOp];

describe(parsePatchRequest.name, () => {
  it('reads an Okta body', () => {
    expect(parsePatchRequest({ schemas, Operations: [{ op: 'replace', value: { active: false } }] })).toEqual([
      { op: 'replace', value: { active: false } },
    ]);
  });

  it('reads capitalised op names and keys in any case, as Entra ID and others send them', () => {
    const operations = parsePatchRequest({
      Schemas: schemas,
      operations: [
        { op: 'Replace', path: 'active', value: 'False' },
        { Op: 'ADD', Path: 'nickName', Value: 'Babs' },
        { op: 'Remove', path: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager' },
      ],
    });
    expect(operations).toEqual([
      { op: 'replace', path: 'active', value: 'False' },
      { op: 'add', path: 'nickName', value: 'Babs' },
      { op: 'remove', path: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager' },
    ]);
  });

  it('keeps a remove value (Entra ID member lists) and takes a null or blank path as none', () => {
    expect(parsePatchRequest({ schemas, Operations: [{ op: 'Remove', path: 'members', value: [{ value: 'u1' }] }] })).toEqual([
      { op: 'remove', path: 'members', value: [{ value: 'u1' }] },
    ]);
    expect(parsePatchRequest({ schemas, Operations: [{ op: 'add', path: null, value: { title: 'X' } }] })).toEqual([
      { op: 'add', value: { title: 'X' } },
    ]);
    expect(parsePatchRequest({ schemas, Operations: [{ op: 'add', path: '  ', value: { title: 'X' } }] })).toEqual([
      { op: 'add', value: { title: 'X' } },
    ]);
  });

  it('keeps a null value: replacing with null unassigns', () => {
    expect(parsePatchRequest({ schemas, Operations: [{ op: 'replace', path: 'title', value: null }] })).toEqual([
      { op: 'replace', path: 'title', value: null },
    ]);
  });

  it.each([
    ['a non-object body', []],
    ['a missing schemas', { Operations: [{ op: 'add', value: {} }] }],
    ['another message schema', { schemas: [ScimMessageUri.BulkRequest], Operations: [{ op: 'add', value: {} }] }],
    ['missing Operations', { schemas }],
    ['empty Operations', { schemas, Operations: [] }],
    ['Operations not a list', { schemas, Operations: { op: 'add', value: {} } }],
    ['an operation not an object', { schemas, Operations: ['add'] }],
    ['an unknown op', { schemas, Operations: [{ op: 'move', path: 'title', value: 'X' }] }],
    ['a missing op', { schemas, Operations: [{ path: 'title', value: 'X' }] }],
  ])('answers 400 invalidSyntax for %s', (_case, body) => {
    expect(scimErrorOf(() => parsePatchRequest(body))).toMatchObject({ status: 400, scimType: ScimErrorType.InvalidSyntax });
  });

  it('says why a body without the PatchOp schema is refused', () => {
    expect(scimErrorOf(() => parsePatchRequest({ Operations: [] })).detail).toContain(ScimMessageUri.PatchOp);
  });

  it('answers 400 noTarget for a remove without a path (RFC 7644 §3.5.2.2)', () => {
    expect(scimErrorOf(() => parsePatchRequest({ schemas, Operations: [{ op: 'remove' }] }))).toMatchObject({
      status: 400,
      scimType: ScimErrorType.NoTarget,
    });
  });

  it('answers 400 invalidValue for an add or replace without a value', () => {
    expect(scimErrorOf(() => parsePatchRequest({ schemas, Operations: [{ op: 'add', path: 'title' }] }))).toMatchObject({
      status: 400,
      scimType: ScimErrorType.InvalidValue,
    });
  });

  it('answers 400 invalidPath for a path that is not a string', () => {
    expect(scimErrorOf(() => parsePatchRequest({ schemas, Operations: [{ op: 'add', path: 7, value: 'X' }] }))).toMatchObject({
      status: 400,
      scimType: ScimErrorType.InvalidPath,
    });
  });

  it(`takes up to ${MAX_PATCH_OPERATIONS} operations and answers 413 beyond`, () => {
    const operation = { op: 'add', path: 'title', value: 'X' };
    expect(parsePatchRequest({ schemas, Operations: Array(MAX_PATCH_OPERATIONS).fill(operation) })).toHaveLength(MAX_PATCH_OPERATIONS);
    const error = scimErrorOf(() => parsePatchRequest({ schemas, Operations: Array(MAX_PATCH_OPERATIONS + 1).fill(operation) }));
    expect(error.status).toBe(413);
    expect(error.scimType).toBeUndefined();
    expect(error.detail).toContain(String(MAX_PATCH_OPERATIONS));
  });
});
