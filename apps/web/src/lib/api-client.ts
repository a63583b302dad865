import { apiErrorSchema } from '@callboard/contracts';
import type { z } from 'zod';

/** A failed request, carrying the BFF's error shape so views can show its message where the user looks. */
export class ApiRequestError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string,
    readonly requestId: string | null = null,
    readonly param: string | null = null,
  ) {
    super(message);
    this.name = 'ApiRequestError';
  }
}

export async function toApiError(response: Response): Promise<ApiRequestError> {
  const body: unknown = await response.json().catch(() => null);
  const parsed = apiErrorSchema.safeParse(body);
  if (parsed.success) {
    const { message, code, requestId, param } = parsed.data.error;
    return new ApiRequestError(message, response.status, code, requestId, param ?? null);
  }
  return new ApiRequestError(
    `The server answered ${response.status} ${response.statusText}`.trim(),
    response.status,
    'http_error',
  );
}

// The session's CSRF token, sent back on every state-changing request. It lives in memory only (the
// session cookie is httpOnly): a reload fetches it again from GET /api/session.
let csrfToken: string | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

type UnauthenticatedListener = () => void;
const unauthenticatedListeners = new Set<UnauthenticatedListener>();

/** Called whenever the BFF says the session is gone (expired, signed out elsewhere, user disabled). */
export function onUnauthenticated(listener: UnauthenticatedListener): () => void {
  unauthenticatedListeners.add(listener);
  return () => unauthenticatedListeners.delete(listener);
}

/** The session endpoint answers 401 for wrong credentials: that is the sign-in form's message, not an expiry. */
const isSessionEndpoint = (url: string) => url.split('?')[0] === '/api/session';

export async function fetchResponse(url: string, init: RequestInit = {}): Promise<Response> {
  const method = (init.method ?? 'GET').toUpperCase();
  const headers = new Headers(init.headers);
  if (!SAFE_METHODS.has(method) && csrfToken) headers.set('X-CSRF-Token', csrfToken);
  let response: Response;
  try {
    response = await fetch(url, { ...init, method, headers, credentials: 'same-origin' });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiRequestError('Could not reach the Callboard server. Check your connection.', 0, 'network');
  }
  if (!response.ok) {
    const error = await toApiError(response);
    if (error.status === 401 && !isSessionEndpoint(url)) {
      for (const listener of unauthenticatedListeners) listener();
    }
    throw error;
  }
  return response;
}

/** GET/POST JSON and validate it against the shared contract, so a drifted response fails loudly here. */
export async function fetchJson<T>(url: string, schema: z.ZodType<T>, init: RequestInit = {}): Promise<T> {
  const headers = new Headers(init.headers);
  headers.set('accept', 'application/json');
  if (init.body) headers.set('content-type', 'application/json');
  const response = await fetchResponse(url, { ...init, headers });
  const parsed = schema.safeParse(await response.json());
  if (!parsed.success) {
    throw new ApiRequestError(
      `Unexpected response from ${url.split('?')[0]}`,
      response.status,
      'bad_response',
    );
  }
  return parsed.data;
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : 'Something went wrong.';
}
