import { randomUUID } from 'node:crypto';
import { METHODS } from 'node:http';
import SwaggerParser from '@apidevtools/swagger-parser';
import request from 'supertest';
import { createCompany, createConnectorToken, createProvisioningApiKey, TestCompany } from './support/factories';
import { bearer, startTestApp, TEST_SERVICE_SECRET, TestApp } from './support/test-app';

interface Schema {
  $ref?: string;
  example?: unknown;
  enum?: unknown[];
  type?: string;
  items?: Schema;
  allOf?: Schema[];
  properties?: Record<string, Schema>;
}

interface Media {
  schema?: Schema;
  example?: unknown;
  examples?: Record<string, unknown>;
}

interface Operation {
  tags?: string[];
  summary?: string;
  description?: string;
  parameters?: { in: string; name: string; schema?: { format?: string; enum?: string[] } }[];
  requestBody?: { content: Record<string, Media> };
  responses: Record<string, { content?: Record<string, Media>; headers?: Record<string, unknown> }>;
}

interface Document {
  tags?: { name: string; description?: string }[];
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}

interface ExpressLayer {
  route?: { path: string; methods: Record<string, boolean> };
}

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
const ERROR_SCHEMA = '#/components/schemas/ErrorResponseDto';
/** Statuses whose body is the one error shape. */
const ERROR_STATUSES = ['400', '401', '403', '404', '409', '410', '413', '415', '429', '500', '503'];

/** SCIM is described by its own discovery endpoints, and the document does not describe itself. */
function isDescribedElsewhere(path: string): boolean {
  return /^\/scim\/v2(\/|$)/.test(path) || path.startsWith('/api/docs');
}

/** Every method and path the Express router serves, with Express's `:name` written as OpenAPI's `{name}`. */
function servedRoutes(app: TestApp): string[] {
  const router = app.running.app.getHttpAdapter().getInstance().router as { stack: ExpressLayer[] };
  return router.stack.flatMap(({ route }) => {
    // Nest mounts middleware (request logging) with Express's app.all(), a route of every method: no operation.
    if (!route || METHODS.every((method) => route.methods[method.toLowerCase()])) return [];
    const path = route.path.replace(/:(\w+)/g, '{$1}');
    return Object.keys(route.methods).map((method) => `${method} ${path}`);
  });
}

function documentedOperations(document: Document): string[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    HTTP_METHODS.filter((method) => item[method]).map((method) => `${method} ${path}`),
  );
}

function undocumentedRoutes(served: string[], document: Document): string[] {
  const documented = new Set(documentedOperations(document));
  return served.filter((route) => !isDescribedElsewhere(route.split(' ')[1]) && !documented.has(route));
}

/** Whether a whole example can be shown for this schema: its own, or one for every property it has. */
function isExemplified(schema: Schema, document: Document, seen = new Set<string>()): boolean {
  if (schema.example !== undefined || schema.enum) return true;
  if (schema.$ref) {
    if (seen.has(schema.$ref)) return true;
    const name = schema.$ref.replace('#/components/schemas/', '');
    return isExemplified(document.components.schemas[name], document, new Set([...seen, schema.$ref]));
  }
  if (schema.allOf) return schema.allOf.every((part) => isExemplified(part, document, seen));
  if (schema.type === 'array') return !!schema.items && isExemplified(schema.items, document, seen);
  const properties = Object.values(schema.properties ?? {});
  return properties.length > 0 && properties.every((property) => isExemplified(property, document, seen));
}

function hasExample(media: Media, document: Document): boolean {
  return media.example !== undefined || !!media.examples || (!!media.schema && isExemplified(media.schema, document));
}

/** What an operation lacks: summary, description, error answers with the error schema, examples. */
function problemsOf(method: string, path: string, operation: Operation, document: Document): string[] {
  const problems: string[] = [];
  const statuses = Object.keys(operation.responses);
  const need = (status: string, why: string) => {
    if (!statuses.includes(status)) problems.push(`no ${status} (${why})`);
  };
  if (!operation.summary?.trim()) problems.push('no summary');
  if (!operation.description?.trim()) problems.push('no description');
  need('500', 'every route');
  const described = new Set((document.tags ?? []).filter((tag) => tag.description).map((tag) => tag.name));
  if (!operation.tags?.length) problems.push('no tag');
  for (const tag of operation.tags ?? []) if (!described.has(tag)) problems.push(`tag ${tag} without a description`);
  if (path.startsWith('/api/admin/')) {
    need('401', 'admin API key');
    need('429', 'admin rate limit');
    if (!operation.responses['429']?.headers?.['Retry-After']) problems.push('429 without Retry-After');
  }
  if (path.startsWith('/api/internal/')) need('401', 'service credential');
  const parameters = operation.parameters ?? [];
  if (parameters.some((parameter) => parameter.in === 'query')) need('400', 'query parameters are validated');
  for (const parameter of parameters.filter((p) => p.in === 'path')) {
    const { format, enum: values } = parameter.schema ?? {};
    if (!format && !values) problems.push(`path parameter ${parameter.name} without a format or enum`);
    if (format === 'uuid') need('400', `${parameter.name} must be a UUID`);
    if (!statuses.includes('400') && !statuses.includes('404')) problems.push(`no 400 or 404 for ${parameter.name}`);
  }
  if (operation.requestBody) {
    need('400', 'the body is validated');
    need('413', 'bodies are limited to 1 MB');
    need('415', 'bodies must be JSON');
    const media = operation.requestBody.content['application/json'];
    if (!media?.examples) problems.push('request body without examples');
  }
  for (const [status, response] of Object.entries(operation.responses)) {
    const media = response.content?.['application/json'];
    const isError = ERROR_STATUSES.includes(status);
    if (isError && media?.schema?.$ref !== ERROR_SCHEMA) problems.push(`${status} without the error schema`);
    if (media && !hasExample(media, document)) problems.push(`${status} without an example`);
  }
  return problems.map((problem) => `${method.toUpperCase()} ${path}: ${problem}`);
}

/** What makes an answer's body differ from the declared error body; undefined when it conforms. */
function bodyProblemOf(body: Record<string, unknown>, errorBody: Schema & { required: string[] }): string | undefined {
  const missing = errorBody.required.filter((key) => body[key] === undefined || body[key] === '');
  const unknown = Object.keys(body).filter((key) => !errorBody.properties?.[key]);
  if (missing.length || unknown.length)
    return `body ${JSON.stringify(body)} lacks [${missing.join(',')}], has unknown [${unknown.join(',')}]`;
  return undefined;
}

/** Each documented operation with its path's parameters filled in: UUIDs, or the first value of an enum. */
function operationsOf(document: Document): { method: string; path: string; url: string; operation: Operation }[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    HTTP_METHODS.filter((method) => item[method]).map((method) => {
      const operation = item[method];
      const url = (operation.parameters ?? [])
        .filter((parameter) => parameter.in === 'path')
        .reduce((filled, { name, schema }) => filled.replace(`{${name}}`, String(schema?.enum?.[0] ?? randomUUID())), path);
      return { method, path, url, operation };
    }),
  );
}

describe('the OpenAPI document', () => {
  let app: TestApp;
  let document: Document;
  let company: TestCompany;
  let provisioningApiKey: string;
  let connectorToken: string;

  beforeAll(async () => {
    // With a metrics token, /metrics is served and answers the 401 the document declares.
    app = await startTestApp({ env: { METRICS_TOKEN: 'openapi-test-metrics-token-0123456789' } });
    document = (await app.http.get('/api/docs-json').expect(200)).body as Document;
    company = await createCompany(app, 'OpenAPI');
    provisioningApiKey = await createProvisioningApiKey(app, company);
    connectorToken = await createConnectorToken(app, company);
  });

  function send(method: string, url: string): request.Test {
    const test = (app.http as unknown as Record<string, (url: string) => request.Test>)[method](url);
    if (url.startsWith('/api/internal/')) return test.set(bearer(TEST_SERVICE_SECRET));
    if (url.startsWith('/api/connector/')) return test.set(bearer(connectorToken));
    return test.set(bearer(url.startsWith('/api/v1/') ? provisioningApiKey : company.superAdminKey));
  }
  afterAll(() => app.close());

  it('is a valid OpenAPI document', async () => {
    // The validator dereferences the object it is given in place: give it a copy of its own.
    const { body } = await app.http.get('/api/docs-json').expect(200);
    await expect(SwaggerParser.validate(body)).resolves.toBeDefined();
  });

  it('describes every route the service serves, outside SCIM, and nothing it does not serve', () => {
    const served = servedRoutes(app);
    expect(served).toEqual(expect.arrayContaining(['get /health', 'post /api/admin/admins', 'get /api/admin/users/{id}']));
    expect(undocumentedRoutes(served, document)).toEqual([]);
    expect(documentedOperations(document).filter((operation) => !served.includes(operation))).toEqual([]);
  });

  it('reports a served route that the document leaves out', () => {
    const trimmed: Document = { ...document, paths: { ...document.paths } };
    delete trimmed.paths['/api/admin/users/{id}'];
    expect(undocumentedRoutes(servedRoutes(app), trimmed)).toEqual(['get /api/admin/users/{id}', 'delete /api/admin/users/{id}']);
  });

  it('gives every operation a summary, a description, its error answers with the error schema, and examples', () => {
    const problems = Object.entries(document.paths).flatMap(([path, item]) =>
      HTTP_METHODS.filter((method) => item[method]).flatMap((method) => problemsOf(method, path, item[method], document)),
    );
    expect(problems).toEqual([]);
    expect(documentedOperations(document).length).toBeGreaterThanOrEqual(27);
  });

  it('tells the truth about the errors every caller can provoke: credentials, UUIDs, names, body size and type', async () => {
    const errorBody = document.components.schemas.ErrorResponseDto as Schema & { required: string[] };
    const untrue: string[] = [];
    let checked = 0;
    for (const { method, path, url, operation } of operationsOf(document)) {
      const check = (status: number, why: string, response: request.Response) => {
        if (!operation.responses[status]) return;
        checked += 1;
        const problem =
          response.status !== status
            ? `${response.status}, documented ${status}`
            : bodyProblemOf(response.body as Record<string, unknown>, errorBody);
        if (problem) untrue.push(`${method.toUpperCase()} ${path} ${why}: ${problem}`);
      };
      const anonymous = (app.http as unknown as Record<string, (url: string) => request.Test>)[method](url);
      check(401, 'without a credential', await anonymous);
      const uuidParameter = operation.parameters?.find(({ in: place, schema }) => place === 'path' && schema?.format === 'uuid');
      if (uuidParameter) {
        check(400, `with ${uuidParameter.name} not a UUID`, await send(method, url.replace(/[0-9a-f-]{36}/, 'not-a-uuid')));
      }
      if (operation.requestBody) {
        const json = send(method, url).set('Content-Type', 'application/json');
        check(413, 'with a body over 1 MB', await json.send(`{"padding":"${'x'.repeat(1_100_000)}"}`));
        const form = send(method, url).set('Content-Type', 'application/x-www-form-urlencoded');
        check(415, 'with a form body', await form.send('email=a%40b.test'));
      }
      const enumParameter = operation.parameters?.find(({ in: place, schema }) => place === 'path' && schema?.enum);
      const known = enumParameter?.schema?.enum?.[0];
      if (enumParameter && known !== undefined) {
        const { status } = await send(method, url.replace(String(known), 'no-such-value'));
        checked += 1;
        if (!operation.responses[status] || status >= 500) {
          untrue.push(`${method.toUpperCase()} ${path} with an unknown ${enumParameter.name}: ${status}, undocumented`);
        }
      }
    }
    expect(untrue).toEqual([]);
    expect(checked).toBeGreaterThanOrEqual(42);
  });

  it('declares the error body every admin and internal error answers with', () => {
    const schema = document.components.schemas.ErrorResponseDto as Schema & { required: string[] };
    expect(Object.keys(schema.properties ?? {}).sort()).toEqual(['code', 'details', 'error', 'message', 'requestId', 'statusCode']);
    expect(schema.required.sort()).toEqual(['code', 'error', 'message', 'requestId', 'statusCode']);
  });
});
