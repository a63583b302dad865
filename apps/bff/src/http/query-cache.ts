// Dashboards ask the same questions again and again (every colleague's first screen, every chart
// re-render, every poll). Answers are kept until the store's data changes, and concurrent identical
// questions share one query. A request with `Cache-Control: no-cache` always queries afresh.
import type { Request } from 'express';
import { LRUCache } from 'lru-cache';
import type { RecordStore } from '../store/record-store.js';

export class QueryCache {
  private readonly answers = new LRUCache<string, Promise<unknown>>({ max: 500 });
  private version = -1;

  /** `store.dataVersion` counts committed writes; a store without it (several replicas) is never cached. */
  constructor(private readonly store: RecordStore) {}

  get<T>(req: Request, key: unknown[], query: () => Promise<T>): Promise<T> {
    const current = this.store.dataVersion?.();
    if (current === undefined) return query();
    if (current !== this.version) {
      this.answers.clear();
      this.version = current;
    }
    const id = JSON.stringify(key);
    const fresh = /no-cache/i.test(req.headers['cache-control'] ?? '');
    const cached = fresh ? undefined : (this.answers.get(id) as Promise<T> | undefined);
    if (cached) return cached;
    const answer = query();
    this.answers.set(id, answer);
    answer.catch(() => this.answers.delete(id));
    return answer;
  }
}
