import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { createCompany, createProvisioningToken } from './support/factories';
import { scim } from './support/scim-client';
import { discoveryValidator } from './support/scim-discovery-validator';
import {
  AttributeDocument,
  discoverResourceType,
  ResourceTypeDocument,
  sampleResource,
  SchemaDocument,
  valueAt,
  writableSlots,
} from './support/schema-driven-resource';
import { bearer, startTestApp, TestApp } from './support/test-app';

type Json = Record<string, any>;

const ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';
const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';

describe('SCIM discovery', () => {
  let app: TestApp;
  let token: string;
  const validate = discoveryValidator();

  beforeAll(async () => {
    app = await startTestApp();
    token = await createProvisioningToken(app, await createCompany(app), 'generic');
  });
  afterAll(() => app.close());

  const get = async (path: string): Promise<Json> =>
    (
      await scim(app, token)
        .get(path)
        .expect(200)
        .expect('content-type', /application\/scim\+json/)
    ).body;
  const pathOf = (location: string) => new URL(location).pathname;

  /** Every attribute and sub-attribute of a schema, with its dotted name. */
  const allAttributes = (schema: SchemaDocument): [string, AttributeDocument][] =>
    schema.attributes.flatMap((attribute) => [
      [attribute.name, attribute] as [string, AttributeDocument],
      ...(attribute.subAttributes ?? []).map((sub) => [`${attribute.name}.${sub.name}`, sub] as [string, AttributeDocument]),
    ]);

  describe('documents valid to the letter of RFC 7643 §5–7', () => {
    it('serves a ServiceProviderConfig with every required key and no other', async () => {
      const config = await get('/ServiceProviderConfig');
      expect(validate('serviceProviderConfig', config)).toEqual([]);
      expect(pathOf(config.meta.location)).toBe('/scim/v2/ServiceProviderConfig');
    });

    it('serves resource types whose schemas are all published, each also at its own location', async () => {
      const list = await get('/ResourceTypes');
      expect(validate('resourceTypeList', list)).toEqual([]);
      expect(list.totalResults).toBe(list.Resources.length);
      const schemaIds = (await get('/Schemas')).Resources.map((schema: Json) => schema.id);
      for (const type of list.Resources) {
        expect(pathOf(type.meta.location)).toBe(`/scim/v2/ResourceTypes/${type.id}`);
        const single = await get(`/ResourceTypes/${type.id}`);
        expect(validate('resourceType', single)).toEqual([]);
        expect(single).toEqual(type);
        expect(schemaIds).toEqual(
          expect.arrayContaining([type.schema, ...(type.schemaExtensions ?? []).map((extension: Json) => extension.schema)]),
        );
        // The endpoint it names is served.
        const listed = await get(`${type.endpoint}?count=0`);
        expect(listed.totalResults).toEqual(expect.any(Number));
      }
    });

    it('serves schemas whose every attribute has every characteristic, references only to known types', async () => {
      const list = await get('/Schemas');
      expect(validate('schemaList', list)).toEqual([]);
      expect(list.totalResults).toBe(list.Resources.length);
      const resourceTypes: ResourceTypeDocument[] = (await get('/ResourceTypes')).Resources;
      const known = new Set(['external', 'uri', ...resourceTypes.map((type) => type.name)]);
      const used = new Set(
        resourceTypes.flatMap((type) => [type.schema, ...(type.schemaExtensions ?? []).map((extension) => extension.schema)]),
      );
      for (const schema of list.Resources) {
        expect(pathOf(schema.meta.location)).toBe(`/scim/v2/Schemas/${schema.id}`);
        const single = await get(`/Schemas/${schema.id}`);
        expect(validate('schema', single)).toEqual([]);
        expect(single).toEqual(schema);
        expect(used.has(schema.id)).toBe(true);
        const attributes = allAttributes(schema);
        const names = attributes.map(([name]) => name.toLowerCase());
        expect(new Set(names).size).toBe(names.length);
        for (const [name, attribute] of attributes) {
          for (const referenceType of attribute.referenceTypes ?? []) expect([name, known.has(referenceType)]).toEqual([name, true]);
        }
      }
    });

    it('answers a filter with 403 rather than the whole list (RFC 7644 §4), and ignores other parameters', async () => {
      const filter = encodeURIComponent('name eq "User"');
      for (const path of ['/ServiceProviderConfig', '/ResourceTypes', '/ResourceTypes/User', '/Schemas', `/Schemas/${USER}`]) {
        const refused = await scim(app, token).get(`${path}?filter=${filter}`).expect(403);
        expect(refused.body).toMatchObject({ schemas: [ERROR], status: '403' });
        await scim(app, token).get(`${path}?Filter=${filter}`).expect(403);
        expect(await get(`${path}?attributes=name&count=1`)).toEqual(await get(path));
      }
    });

    it('refuses, with this JSON Schema, what strict clients refuse', async () => {
      const schemas = await get('/Schemas');
      const config = await get('/ServiceProviderConfig');
      const changed = (document: Json, change: (copy: Json) => void): Json => {
        const copy = structuredClone(document);
        change(copy);
        return copy;
      };
      const user = (copy: Json) => copy.Resources.find((schema: Json) => schema.name === 'User');
      const attributeOf = (copy: Json, name: string) => user(copy).attributes.find((attribute: Json) => attribute.name === name);
      const photoValue = (copy: Json) => attributeOf(copy, 'photos').subAttributes.find((sub: Json) => sub.name === 'value');
      for (const broken of [
        changed(schemas, (copy) => delete photoValue(copy).referenceTypes),
        changed(schemas, (copy) => (attributeOf(copy, 'userName').referenceTypes = ['external'])),
        changed(schemas, (copy) => delete attributeOf(copy, 'name').subAttributes),
        changed(schemas, (copy) => (attributeOf(copy, 'userName').subAttributes = [])),
        changed(schemas, (copy) => delete attributeOf(copy, 'displayName').caseExact),
        changed(schemas, (copy) => delete attributeOf(copy, 'displayName').description),
        changed(schemas, (copy) => (attributeOf(copy, 'displayName').mutability = 'sometimes')),
        changed(schemas, (copy) => (attributeOf(copy, 'displayName').canonicalValues = [])),
        changed(schemas, (copy) => (attributeOf(copy, 'displayName').unknownCharacteristic = true)),
        changed(schemas, (copy) => (attributeOf(copy, 'password').returned = 'default')),
        changed(schemas, (copy) => attributeOf(copy, 'name').subAttributes.push(structuredClone(attributeOf(copy, 'name')))),
        changed(schemas, (copy) => delete user(copy).meta),
      ]) {
        expect(validate('schemaList', broken)).not.toEqual([]);
      }
      for (const broken of [
        changed(config, (copy) => delete copy.etag),
        changed(config, (copy) => (copy.filter.maxMembersPerPatch = 1000)),
        changed(config, (copy) => (copy.authenticationSchemes[0].type = 'bearer')),
        changed(config, (copy) => (copy.meta.resourceType = 'Schema')),
      ]) {
        expect(validate('serviceProviderConfig', broken)).not.toEqual([]);
      }
    });
  });

  describe('what the documents say is what the service does', () => {
    it('provisions a user as a generic client that reads nothing but /ResourceTypes and /Schemas', async () => {
      const resourceTypes: ResourceTypeDocument[] = (await get('/ResourceTypes')).Resources;
      const schemas: SchemaDocument[] = (await get('/Schemas')).Resources;
      const type = discoverResourceType(resourceTypes, schemas, 'User');
      const context = { seed: randomUUID(), baseUrl: `${app.running.url}/scim/v2`, resourceTypes };
      const post = (body: Json) => scim(app, token).post(type.endpoint, body);

      const slots = writableSlots(type);
      for (const required of slots.filter((slot) => slot.attribute.required)) {
        const refused = await post(sampleResource(type, context, [required])).expect(400);
        expect(refused.body).toMatchObject({ schemas: [ERROR], scimType: 'invalidValue' });
      }

      const body = sampleResource(type, context);
      const created = await post(body).expect(201);
      const read = await app.http.get(new URL(created.headers.location).pathname).set(bearer(token)).expect(200);
      expect(read.body).toEqual(created.body);
      expect(read.body.schemas).toEqual(body.schemas);
      const roundTrips = slots.map((slot) => {
        const name = `${slot.schemaUri}:${slot.attribute.name}`;
        const expected = slot.attribute.returned === 'never' ? undefined : valueAt(body, type, slot);
        return [name, valueAt(read.body, type, slot), expected];
      });
      expect(roundTrips.filter(([, actual, expected]) => !isDeepStrictEqual(actual, expected))).toEqual([]);
      expect(roundTrips.length).toBeGreaterThan(20);
    });

    it('does what the ServiceProviderConfig announces: filter, sort, ETags, PATCH, its documentation', async () => {
      const config = await get('/ServiceProviderConfig');
      expect(config).toMatchObject({
        filter: { supported: true },
        sort: { supported: true },
        etag: { supported: true },
        patch: { supported: true },
      });
      const prefix = `capability-${randomUUID()}`;
      const post = (userName: string) =>
        scim(app, token)
          .post('/Users')
          .send({ schemas: [USER], userName })
          .expect(201);
      const first = await post(`${prefix}-a@acme.test`);
      const second = await post(`${prefix}-b@acme.test`);
      const filter = encodeURIComponent(`userName sw "${prefix}"`);
      const sorted = await get(`/Users?filter=${filter}&sortBy=userName&sortOrder=descending`);
      expect(sorted.Resources.map((user: Json) => user.id)).toEqual([second.body.id, first.body.id]);
      const location = new URL(first.headers.location).pathname;
      expect(first.headers.etag).toBe(first.body.meta.version);
      await app.http.get(location).set(bearer(token)).set('If-None-Match', first.headers.etag).expect(304);
      const patched = await app.http
        .patch(location)
        .set(bearer(token))
        .send({
          schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
          Operations: [{ op: 'replace', path: 'title', value: 'Patched' }],
        })
        .expect(200);
      expect(patched.body.title).toBe('Patched');
      await app.http.get(new URL(config.documentationUri).pathname).expect(200);
    });
  });
});
