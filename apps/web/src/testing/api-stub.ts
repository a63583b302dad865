import { vi } from 'vitest';

export interface StubRequest {
  method: string;
  path: string;
  params: URLSearchParams;
  headers: Headers;
  body: unknown;
}

export interface StubReply {
  status?: number;
  body?: unknown;
  /** Sent as is (CSV), instead of `body` as JSON. */
  text?: string;
}

/** A reply, or a function of the request; keyed by `METHOD /path` or by `/path` for any method. */
export type StubRoute = StubReply | ((request: StubRequest) => StubReply);

export function apiError(status: number, code: string, message: string): StubReply {
  return { status, body: { error: { code, message, requestId: 'req-test' } } };
}

/**
 * A fake BFF for component tests: answers by method and path, records every request (headers included)
 * so tests can assert what the SPA sent, and answers 404 in the BFF's error shape for anything unknown.
 */
export function stubApi(routes: Record<string, StubRoute>) {
  const requests: StubRequest[] = [];
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(String(input), 'http://localhost');
    const method = (init.method ?? 'GET').toUpperCase();
    const request: StubRequest = {
      method,
      path: url.pathname,
      params: url.searchParams,
      headers: new Headers(init.headers),
      body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined,
    };
    requests.push(request);
    const route = routes[`${method} ${url.pathname}`] ?? routes[url.pathname];
    const reply =
      typeof route === 'function'
        ? route(request)
        : (route ?? apiError(404, 'not_found', `No stub for ${method} ${url.pathname}`));
    const status = reply.status ?? 200;
    if (status === 204) return new Response(null, { status });
    if (reply.text !== undefined) {
      return new Response(reply.text, { status, headers: { 'content-type': 'text/csv; charset=utf-8' } });
    }
    return new Response(JSON.stringify(reply.body ?? {}), {
      status,
      headers: { 'content-type': 'application/json' },
    });
  });
  vi.stubGlobal('fetch', fetchMock);
  return {
    requests,
    /** Requests to a path, optionally of one method. */
    to: (path: string, method?: string) =>
      requests.filter((r) => r.path === path && (!method || r.method === method)),
  };
}
