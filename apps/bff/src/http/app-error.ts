import type { NextFunction, Request, Response } from 'express';
import type { Logger } from '../logger.js';

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

/** The final error handler: one JSON shape, a request id, never a stack trace. */
export function errorHandler(logger: Logger) {
  return (error: unknown, req: Request, res: Response, _next: NextFunction) => {
    const requestId = String(req.id ?? '');
    let status = 500;
    let body: Record<string, unknown> = {
      code: 'internal',
      message: 'Something went wrong on the server; the request id helps find it in the log',
    };
    if (error instanceof AppError) {
      status = error.status;
      body = { code: error.code, message: error.message, ...error.extra };
    } else if (isBodyParserError(error)) {
      status = error.status;
      body = { code: 'bad_request', message: error.type === 'entity.too.large' ? 'The request body is too large' : 'The request body is not valid JSON' };
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

function isBodyParserError(error: unknown): error is { status: number; type: string } {
  return typeof error === 'object' && error !== null && 'type' in error && 'status' in error && Number((error as { status: number }).status) < 500;
}
