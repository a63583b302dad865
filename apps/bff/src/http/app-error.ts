import type { NextFunction, Request, Response } from 'express';
import type { Logger } from '../logger.js';
import { QueryTimeoutError } from '../store/record-store.js';

/** A failure with an HTTP status and a message a person can act on; the one error type routes throw. */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra: { param?: string; issues?: Array<{ param: string; message: string }> } = {},
  ) {
    super(message);
  }
}

export function notFound(req: Request): never {
  throw new AppError(404, 'not_found', `No API endpoint ${req.method} ${req.path}`);
}

/**
 * What a client's own mistake, reported by Express or its middleware (http-errors with a 4xx status), is
 * called and told. Anything not listed keeps its status with a generic text; only 5xx are crashes.
 */
const CLIENT_ERRORS: Record<string, { code: string; message: string }> = {
  'entity.too.large': { code: 'bad_request', message: 'The request body is too large' },
  'entity.parse.failed': { code: 'bad_request', message: 'The request body is not valid JSON' },
  'encoding.unsupported': {
    code: 'unsupported_encoding',
    message: 'The request body uses a Content-Encoding this server does not accept',
  },
  'charset.unsupported': {
    code: 'unsupported_charset',
    message: 'The request body uses a charset this server does not accept',
  },
  'request.aborted': { code: 'bad_request', message: 'The request was aborted while its body was read' },
  'request.size.invalid': {
    code: 'bad_request',
    message: 'The request body does not match its Content-Length',
  },
};
const BY_STATUS: Record<number, { code: string; message: string }> = {
  400: {
    code: 'bad_request',
    message: 'The request is malformed (for example, bad percent-encoding in the path)',
  },
  403: { code: 'forbidden', message: 'That path may not be read' },
  404: { code: 'not_found', message: 'Nothing here' },
  405: { code: 'method_not_allowed', message: 'That method is not allowed here' },
  413: { code: 'bad_request', message: 'The request is too large' },
  415: { code: 'unsupported_media_type', message: 'The request body has a type this server does not accept' },
};

function clientError(error: unknown): { status: number; code: string; message: string } | null {
  if (typeof error !== 'object' || error === null) return null;
  const e = error as { status?: unknown; statusCode?: unknown; type?: unknown };
  const status = Number(e.status ?? e.statusCode);
  if (!Number.isInteger(status) || status < 400 || status > 499) return null;
  const known = (typeof e.type === 'string' ? CLIENT_ERRORS[e.type] : undefined) ?? BY_STATUS[status];
  return { status, ...(known ?? { code: 'bad_request', message: 'The request cannot be served' }) };
}

/** The final error handler: one JSON shape, a request id, never a stack trace; client mistakes are not crashes. */
export function errorHandler(logger: Logger) {
  return (error: unknown, req: Request, res: Response, _next: NextFunction) => {
    const requestId = String(req.id ?? '');
    let status = 500;
    let body: Record<string, unknown> = {
      code: 'internal',
      message: 'Something went wrong on the server; the request id helps find it in the log',
    };
    const client =
      error instanceof AppError || error instanceof QueryTimeoutError ? null : clientError(error);
    if (error instanceof QueryTimeoutError) {
      status = 503;
      body = {
        code: 'query_timeout',
        message: `${error.message}: choose a shorter range or narrower filters, or try again when the server is less busy`,
      };
      if (!res.headersSent) res.setHeader('Retry-After', '5');
      logger.warn({ requestId, url: req.originalUrl.slice(0, 200) }, 'query stopped at its time budget');
    } else if (error instanceof AppError) {
      status = error.status;
      body = { code: error.code, message: error.message, ...error.extra };
      if (status >= 500) logger.warn({ requestId, code: error.code, err: error.message }, 'request failed');
    } else if (client) {
      status = client.status;
      body = { code: client.code, message: client.message };
      logger.info({ requestId, status, url: req.originalUrl.slice(0, 200) }, 'client error');
    } else {
      logger.error({ err: error, requestId }, 'unhandled error');
    }
    if (res.headersSent) {
      res.destroy();
      return;
    }
    res.status(status).json({ error: { ...body, requestId } });
  };
}
