// A cap on the queries one user can have running at once on this replica: one person (or a script with
// their cookie) cannot fill the store's connections and slow everyone else. Past the cap the answer is a 429
// with Retry-After, at once, instead of a queue that grows.
import type { NextFunction, Request, Response } from 'express';
import { AppError } from './app-error.js';

export function perUserQueryLimit(max: number) {
  const running = new Map<number, number>();
  return (req: Request, res: Response, next: NextFunction) => {
    const user = req.user?.id;
    if (user === undefined) return next();
    const count = running.get(user) ?? 0;
    if (count >= max) {
      res.setHeader('Retry-After', '1');
      throw new AppError(
        429,
        'too_many_queries',
        `You already have ${count} questions running; wait for them to finish (at most ${max} at once)`,
      );
    }
    running.set(user, count + 1);
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      const left = (running.get(user) ?? 1) - 1;
      if (left <= 0) running.delete(user);
      else running.set(user, left);
    };
    res.once('finish', release);
    res.once('close', release);
    next();
  };
}
