import { startTestApp, TestApp } from './support/test-app';

describe('health and documentation', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  it('answers liveness without authentication', async () => {
    const response = await app.http.get('/health').expect(200);
    expect(response.body.status).toBe('ok');
  });

  it('reports the database as up when ready', async () => {
    const response = await app.http.get('/health/ready').expect(200);
    expect(response.body.details.database.status).toBe('up');
  });

  it('serves the OpenAPI document with the admin and internal routes', async () => {
    const response = await app.http.get('/api/docs-json').expect(200);
    expect(response.body.openapi).toMatch(/^3\./);
    expect(Object.keys(response.body.paths)).toEqual(
      expect.arrayContaining(['/api/admin/admins', '/api/admin/admins/{id}', '/api/internal/companies']),
    );
    await app.http.get('/api/docs').expect(200).expect('content-type', /html/);
  });

  it('sets security headers', async () => {
    const response = await app.http.get('/health').expect(200);
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['x-powered-by']).toBeUndefined();
  });

  it('answers malformed JSON with a 400, not a 500', async () => {
    const response = await app.http.post('/api/internal/companies').set('Content-Type', 'application/json').send('{"name":').expect(400);
    expect(response.body.statusCode).toBe(400);
  });
});
