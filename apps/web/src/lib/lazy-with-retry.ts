import { type ComponentType, createElement, type LazyExoticComponent, lazy } from 'react';

type Loader<P> = () => Promise<{ default: ComponentType<P> }>;

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A failed code-split chunk load, told apart so the error view can say what happened. */
export class ChunkLoadError extends Error {
  constructor(
    cause: unknown,
    /** Arms a fresh load for the next render; the error boundary's "Try again" calls it. */
    readonly reload: () => void,
  ) {
    super('Could not load this part of Callboard from the server.', { cause });
    this.name = 'ChunkLoadError';
  }
}

/**
 * `React.lazy` keeps a failed import forever, so a view whose chunk failed once (server restarting, a
 * dropped connection) would stay broken until a reload. This retries the import a few times with a short
 * pause and, if it still fails, throws a `ChunkLoadError` whose `reload()` swaps in a fresh `lazy`: the
 * route's "Try again" calls it, so the chunk is really fetched again.
 */
export function lazyWithRetry<P extends object>(
  load: Loader<P>,
  { retries = 2, delayMs = 400 }: { retries?: number; delayMs?: number } = {},
): ComponentType<P> {
  const attempt = async () => {
    for (let tries = 0; ; tries++) {
      try {
        return await load();
      } catch (error) {
        if (tries >= retries) {
          throw new ChunkLoadError(error, () => {
            current = lazy(attempt);
          });
        }
        await wait(delayMs * (tries + 1));
      }
    }
  };
  let current: LazyExoticComponent<ComponentType<P>> = lazy(attempt);
  // biome-ignore lint/correctness/noComponentHookFactories: like React.lazy, called once per view at module level
  return function LazyView(props: P) {
    return createElement(current, props);
  };
}
