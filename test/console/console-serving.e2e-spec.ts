import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { startTestApp, TestApp } from '../support/test-app';

const ASSETS = join(__dirname, '..', '..', 'dist', 'console', 'assets');

describe('the console’s files', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  const expectConsoleHeaders = (headers: Record<string, string>) => {
    const policy = headers['content-security-policy'];
    expect(policy).toContain("default-src 'none'");
    expect(policy).toContain("script-src 'self'");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).not.toMatch(/unsafe-inline|unsafe-eval/);
    expect(headers['x-frame-options']).toBe('DENY');
  };

  it('serves the page at /console and at every path below it, never cached, under a strict policy', async () => {
    for (const path of ['/console', '/console/', '/console/integrations/okta', '/console/users/0b8f9a52-6c1e-4f7a-9d3b-2e5c8a1f4b7d']) {
      const answer = await app.http.get(path).expect(200);
      expect(answer.headers['content-type']).toMatch(/^text\/html/);
      expect(answer.text).toContain('<div id="root"></div>');
      expect(answer.text).not.toMatch(/<script>|<script type="module">|style=/);
      expect(answer.headers['cache-control']).toBe('no-cache');
      expectConsoleHeaders(answer.headers);
    }
  });

  it('serves the hashed assets for a year and answers the ordinary 404 for a missing one', async () => {
    const script = readdirSync(ASSETS).find((name) => name.endsWith('.js'))!;
    const answer = await app.http.get(`/console/assets/${script}`).expect(200);
    expect(answer.headers['content-type']).toMatch(/javascript/);
    expect(answer.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expectConsoleHeaders(answer.headers);
    const missing = await app.http.get('/console/assets/index-missing.js').expect(404);
    expect(missing.body).toMatchObject({ statusCode: 404, code: 'route_not_found' });
    await app.http.get('/console/assets/../../package.json').expect(404);
  });

  it('takes no writes', async () => {
    const answer = await app.http.post('/console/integrations').send({}).expect(404);
    expect(answer.body).toMatchObject({ code: 'route_not_found' });
  });
});
