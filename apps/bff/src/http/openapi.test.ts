import { API_ROUTES, rolesFor } from '@callboard/contracts';
import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../test-support/harness.js';
import { listRoutes } from '../test-support/routes.js';
import { openApiPath } from './openapi.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({
    callsPerDay: 10,
    webRoot: new URL('../../../web/dist', import.meta.url).pathname,
  });
});
afterAll(async () => {
  await h.close();
});

describe('the published API', () => {
  it('is a valid OpenAPI 3.1 document, served to signed-in users only', async () => {
    expect((await h.request('/api/openapi.json')).status).toBe(401);
    const { status, body } = await (await h.as('support')).get<Record<string, unknown>>('/api/openapi.json');
    expect(status).toBe(200);
    const result = await new Validator().validate(body as never);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(body.openapi).toBe('3.1.0');
  });

  it('lists every route the app registers, with the roles that may call it', async () => {
    const { body } = await (await h.as('admin')).get<{
      paths: Record<string, Record<string, { 'x-roles': unknown }>>;
    }>('/api/openapi.json');
    // The SPA's pages are not API: every other registered route is in the document.
    const registered = listRoutes(h.server.app).filter((r) => r.path !== '/{*splat}');
    for (const route of registered) {
      const operation = body.paths[openApiPath(route.path)]?.[route.method.toLowerCase()];
      expect(operation, `${route.method} ${route.path}`).toBeDefined();
      const contract = API_ROUTES.find((r) => r.method === route.method && r.path === route.path)!;
      expect(operation!['x-roles'], `${route.method} ${route.path}`).toEqual(rolesFor(contract.access));
    }
    const documented = Object.entries(body.paths).flatMap(([path, item]) =>
      Object.keys(item).map((m) => `${m.toUpperCase()} ${path}`),
    );
    expect(documented.sort()).toEqual(registered.map((r) => `${r.method} ${openApiPath(r.path)}`).sort());
  });

  it('reads as a page for signed-in users', async () => {
    expect((await h.request('/api/docs')).status).toBe(401);
    const page = await (await h.as('finance')).get('/api/docs');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(page.text).toContain('<code>/api/summary</code>');
    expect(page.text).toMatch(/Who: admin, finance, support/);
    expect(page.text).not.toMatch(/<script/i);
  });
});
