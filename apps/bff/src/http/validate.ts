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
