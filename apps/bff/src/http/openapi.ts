// The OpenAPI 3.1 document of this API, generated from contracts' route table and zod schemas (zod-openapi:
// made for exactly this, zod 4 native). Nothing here restates a schema: change a contract and the document follows.
import { API_ERROR, API_ROUTES, type ApiRoute, rolesFor } from '@callboard/contracts';
import {
  createDocument,
  type oas31,
  type ZodOpenApiOperationObject,
  type ZodOpenApiPathsObject,
} from 'zod-openapi';

/** `/api/records/:voiceId` → `/api/records/{voiceId}`. */
export const openApiPath = (path: string) => path.replace(/:(\w+)/g, '{$1}');

const ERRORS = {
  '400': 'A parameter or the body is invalid: `error.param` names it',
  '401': 'Not signed in',
  '403': 'Signed in, but the role may not do this (or a CSRF/origin check failed)',
  '422': 'The range lies before both the upstream horizon and the archive',
  '429': 'Too many queries or sign-in attempts at once: see Retry-After',
  '503': 'A query ran past its time budget, or a database does not answer: see Retry-After',
} as const;

function operation(route: ApiRoute): ZodOpenApiOperationObject {
  const roles = rolesFor(route.access);
  const params = [...route.path.matchAll(/:(\w+)/g)].map((m) => m[1]!);
  const success = route.response.schema
    ? { content: { 'application/json': { schema: route.response.schema } } }
    : route.response.contentType
      ? { content: { [route.response.contentType]: { schema: { type: 'string' as const } } } }
      : {};
  const errors = Object.fromEntries(
    Object.entries(ERRORS)
      .filter(
        ([status]) => route.access !== 'anyone' || status === '400' || status === '429' || status === '503',
      )
      .map(([status, description]) => [
        status,
        { description, content: { 'application/json': { schema: API_ERROR } } },
      ]),
  );
  return {
    summary: route.summary,
    'x-roles': roles,
    ...(route.access === 'anyone' || route.access === 'operator' ? { security: [] } : {}),
    ...(params.length > 0
      ? {
          parameters: params.map((name) => ({
            name,
            in: 'path' as const,
            required: true,
            schema: { type: 'string' as const },
          })),
        }
      : {}),
    ...(route.query ? { requestParams: { query: route.query as never } } : {}),
    ...(route.body
      ? { requestBody: { required: true, content: { 'application/json': { schema: route.body } } } }
      : {}),
    responses: {
      [String(route.response.status)]: { description: route.response.description, ...success },
      ...errors,
    },
  };
}

/** The document of the routes this server serves: demo-only routes only in demo mode. */
export function openApiDocument(version: string, mode: 'demo' | 'live' = 'live'): oas31.OpenAPIObject {
  const paths: ZodOpenApiPathsObject = {};
  for (const route of API_ROUTES.filter((r) => !r.demoOnly || mode === 'demo')) {
    const path = openApiPath(route.path);
    paths[path] = { ...paths[path], [route.method.toLowerCase()]: operation(route) };
  }
  return createDocument({
    openapi: '3.1.0',
    info: {
      title: 'Callboard API',
      version,
      description:
        'The API behind the Callboard dashboard. Sign in with POST /api/session (a session cookie); send the CSRF token from GET /api/session as X-CSRF-Token on every POST, PUT, PATCH and DELETE. `x-roles` lists the roles that may call each operation; fields that carry money are left out of answers for roles without spend.',
    },
    components: {
      securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'callboard_session' } },
    },
    security: [{ session: [] }],
    paths,
  });
}
