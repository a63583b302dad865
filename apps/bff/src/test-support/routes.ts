// Every route an Express 5 app has registered, read from its router stack, so tests can prove they cover
// all of them (a route added without a test entry fails the walk).
import type { Express } from 'express';

export interface RouteEntry {
  method: string;
  path: string;
}

interface Layer {
  route?: { path: string | string[]; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
  rawPath?: string | string[];
}

export function listRoutes(app: Express): RouteEntry[] {
  const out: RouteEntry[] = [];
  const walk = (stack: Layer[], prefix: string) => {
    for (const layer of stack) {
      if (layer.route) {
        const paths = Array.isArray(layer.route.path) ? layer.route.path : [layer.route.path];
        for (const path of paths) {
          for (const method of Object.keys(layer.route.methods))
            out.push({ method: method.toUpperCase(), path: `${prefix}${path}` });
        }
      } else if (layer.handle?.stack) {
        const mounts =
          layer.rawPath === undefined ? [''] : Array.isArray(layer.rawPath) ? layer.rawPath : [layer.rawPath];
        for (const mount of mounts) walk(layer.handle.stack, `${prefix}${mount === '/' ? '' : mount}`);
      }
    }
  };
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack, '');
  const seen = new Set<string>();
  return out.filter((r) => {
    const key = `${r.method} ${r.path}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
