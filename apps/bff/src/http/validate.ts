import type { Request } from 'express';
import type { z } from 'zod';
import { AppError } from './app-error.js';

/** Parses `req.query` (or a body) with a contract schema; a failure is a 400 naming every bad parameter. */
export function parseInput<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const result = schema.safeParse(input ?? {});
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => {
    const param = issue.path.length > 0 ? String(issue.path[0]) : '';
    const message =
      issue.code === 'unrecognized_keys'
        ? `unknown parameter${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')}`
        : issue.message;
    return { param: param || (issue.code === 'unrecognized_keys' ? issue.keys.join(',') : ''), message };
  });
  const first = issues[0]!;
  const summary = issues.map((i) => (i.param ? `${i.param}: ${i.message}` : i.message)).join('; ');
  throw new AppError(400, 'invalid_parameter', summary, { param: first.param, issues });
}

export const parseQuery = <T extends z.ZodType>(schema: T, req: Request) => parseInput(schema, req.query);

/**
 * Parses a JSON body whose fields nest (alert rules, webhooks): like parseInput, but each issue names the
 * full path of the field (`window.size`, `scope.code`), so a 400 says exactly which field to fix.
 */
export function parseBody<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new AppError(
      400,
      'invalid_parameter',
      'The body must be a JSON object (Content-Type: application/json)',
      { param: '' },
    );
  }
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys') {
      const keys = issue.keys.map((k) => (path ? `${path}.${k}` : k));
      return {
        param: keys.join(','),
        message: `unknown field${keys.length > 1 ? 's' : ''} ${keys.join(', ')}`,
      };
    }
    return { param: path, message: issue.message };
  });
  const summary = issues
    .map((i) => (i.param && !i.message.startsWith('unknown field') ? `${i.param}: ${i.message}` : i.message))
    .join('; ');
  throw new AppError(400, 'invalid_parameter', summary, { param: issues[0]!.param, issues });
}
