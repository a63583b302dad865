// Saved views in the app state: a name, a page and the validated view parameters as JSON.
import type { ViewPage, ViewParams } from '@callboard/contracts';
import type { AppStateDb } from '../app-state/app-state-db.js';

export interface StoredView {
  id: number;
  name: string;
  page: ViewPage;
  params: ViewParams;
  shared: boolean;
  owner: string | null;
  createdAt: number;
  updatedAt: number;
}

export const MAX_VIEWS_PER_USER = 200;

export class ViewStore {
  constructor(private readonly state: AppStateDb) {}

  private get db() {
    return this.state.db;
  }

  /** The views `username` may see listed: their own and the shared ones (an admin sees every view). */
  async visibleTo(username: string, admin: boolean): Promise<StoredView[]> {
    let query = this.db.selectFrom('saved_views').selectAll().orderBy('name').orderBy('id');
    if (!admin)
      query = query.where((eb) =>
        eb.or([eb('owner', '=', username), eb('shared', '=', this.state.bool(true))]),
      );
    return (await query.execute()).map(toView);
  }

  async get(id: number): Promise<StoredView | null> {
    const row = await this.db.selectFrom('saved_views').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toView(row) : null;
  }

  async countOwnedBy(username: string): Promise<number> {
    const row = await this.db
      .selectFrom('saved_views')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('owner', '=', username)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async create(input: Omit<StoredView, 'id' | 'createdAt' | 'updatedAt'> & { now: number }): Promise<number> {
    const row = await this.db
      .insertInto('saved_views')
      .values({
        name: input.name,
        page: input.page,
        params: JSON.stringify(input.params),
        shared: this.state.bool(input.shared),
        owner: input.owner,
        created_at: input.now,
        updated_at: input.now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return Number(row.id);
  }

  async update(
    id: number,
    change: Partial<Pick<StoredView, 'name' | 'page' | 'params' | 'shared'>>,
    now: number,
  ): Promise<void> {
    await this.db
      .updateTable('saved_views')
      .set({
        ...(change.name === undefined ? {} : { name: change.name }),
        ...(change.page === undefined ? {} : { page: change.page }),
        ...(change.params === undefined ? {} : { params: JSON.stringify(change.params) }),
        ...(change.shared === undefined ? {} : { shared: this.state.bool(change.shared) }),
        updated_at: now,
      })
      .where('id', '=', id)
      .execute();
  }

  async delete(id: number): Promise<boolean> {
    const result = await this.db.deleteFrom('saved_views').where('id', '=', id).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }
}

function toView(row: {
  id: number | string;
  name: string;
  page: string;
  params: string;
  shared: number | boolean;
  owner: string | null;
  created_at: number | string;
  updated_at: number | string;
}): StoredView {
  const params = JSON.parse(row.params) as ViewParams;
  return {
    id: Number(row.id),
    name: row.name,
    page: row.page as ViewPage,
    params,
    shared: row.shared === true || row.shared === 1,
    owner: row.owner,
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  };
}
