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

export async function fetchResponse(url: string, init?: RequestInit): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(url, init);
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiRequestError('Could not reach the Callboard server. Check your connection.', 0, 'network');
  }
  if (!response.ok) throw await toApiError(response);
  return response;
}

/** GET/POST JSON and validate it against the shared contract, so a drifted response fails loudly here. */
export async function fetchJson<T>(url: string, schema: z.ZodType<T>, init?: RequestInit): Promise<T> {
  const response = await fetchResponse(url, {
    ...init,
    headers: { accept: 'application/json', ...(init?.body ? { 'content-type': 'application/json' } : {}) },
  });
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
