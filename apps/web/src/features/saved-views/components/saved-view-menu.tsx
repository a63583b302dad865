import type { SavedView } from '@callboard/contracts';
import { type FormEvent, useId, useState } from 'react';
import { Link, useLocation } from 'react-router';
import { Popover } from '@/components/popover';
import { errorMessage } from '@/lib/api-client';
import type { DashboardState } from '@/lib/url-state';
import { useDeleteView } from '../api/delete-view';
import { useSavedViews } from '../api/get-saved-views';
import { useSaveView } from '../api/save-view';
import { useUpdateView } from '../api/update-view';
import { currentViewParams, pageOfPath } from '../utils/current-view';

/**
 * The saved-view menu: open a view by its stable link, save the page as it is now under a name (private or
 * shared), and rename, update, share or delete one's own views.
 */
export function SavedViewMenu({ state }: { state: DashboardState }) {
  const location = useLocation();
  const page = pageOfPath(location.pathname);
  const views = useSavedViews();
  const save = useSaveView();
  const update = useUpdateView();
  const remove = useDeleteView();
  const [name, setName] = useState('');
  const [shared, setShared] = useState(false);
  const [renaming, setRenaming] = useState<{ id: number; name: string } | null>(null);
  const [saved, setSaved] = useState<SavedView | null>(null);
  const nameId = useId();
  const params = page ? currentViewParams(state, page, location.pathname) : null;

  const onSave = (event: FormEvent) => {
    event.preventDefault();
    if (!page || !params) return;
    save.mutate(
      { name: name.trim(), page, params, shared },
      {
        onSuccess: (answer) => {
          setSaved(answer.view);
          setName('');
          setShared(false);
        },
      },
    );
  };
  const onRename = (event: FormEvent) => {
    event.preventDefault();
    if (!renaming) return;
    update.mutate(
      { id: renaming.id, patch: { name: renaming.name.trim() } },
      { onSuccess: () => setRenaming(null) },
    );
  };
  const failure = save.error ?? update.error ?? remove.error;
  const list = views.data?.views ?? [];

  return (
    <Popover
      summary="Saved views"
      summaryClassName="button saved-views__toggle"
      panelClassName="popover__panel--right saved-views"
    >
      <h2 className="saved-views__title">Saved views</h2>
      {views.isError ? <p role="alert">{errorMessage(views.error)}</p> : null}
      {list.length === 0 && views.isSuccess ? (
        <p className="saved-views__empty">No saved views yet.</p>
      ) : null}
      <ul className="saved-views__list" aria-label="Saved views">
        {list.map((view) => (
          <li key={view.id} className="saved-views__item">
            {renaming?.id === view.id ? (
              <form className="saved-views__rename" onSubmit={onRename}>
                <label>
                  <span className="visually-hidden">New name of {view.name}</span>
                  <input
                    value={renaming.name}
                    maxLength={80}
                    required
                    onChange={(e) => setRenaming({ id: view.id, name: e.target.value })}
                  />
                </label>
                <button type="submit" className="button">
                  Rename
                </button>
                <button type="button" className="button" onClick={() => setRenaming(null)}>
                  Cancel
                </button>
              </form>
            ) : view.usable ? (
              <Link to={view.path} className="saved-views__link">
                {view.name}
              </Link>
            ) : (
              <span
                className="saved-views__link is-disabled"
                title="Shows money, which your role may not see"
              >
                {view.name} (needs spend access)
              </span>
            )}
            <span className="saved-views__meta">
              {view.shared ? 'Shared' : 'Private'}
              {view.owner && !view.editable ? ` · ${view.owner}` : ''}
            </span>
            {view.editable && renaming?.id !== view.id ? (
              <span className="saved-views__actions">
                <button
                  type="button"
                  className="button button--small"
                  aria-label={`Rename ${view.name}`}
                  onClick={() => setRenaming({ id: view.id, name: view.name })}
                >
                  Rename
                </button>
                {page && params ? (
                  <button
                    type="button"
                    className="button button--small"
                    aria-label={`Update ${view.name} to this page`}
                    onClick={() => update.mutate({ id: view.id, patch: { page, params } })}
                  >
                    Update
                  </button>
                ) : null}
                <button
                  type="button"
                  className="button button--small"
                  aria-label={`${view.shared ? 'Make private' : 'Share'} ${view.name}`}
                  onClick={() => update.mutate({ id: view.id, patch: { shared: !view.shared } })}
                >
                  {view.shared ? 'Make private' : 'Share'}
                </button>
                <button
                  type="button"
                  className="button button--small"
                  aria-label={`Delete ${view.name}`}
                  onClick={() => remove.mutate(view.id)}
                >
                  Delete
                </button>
              </span>
            ) : null}
          </li>
        ))}
      </ul>
      {page ? (
        <form className="saved-views__save" onSubmit={onSave}>
          <label htmlFor={nameId}>Save this view as</label>
          <input
            id={nameId}
            value={name}
            maxLength={80}
            required
            placeholder="Last month, EUR, by operator"
            onChange={(e) => setName(e.target.value)}
          />
          <label className="checkbox">
            <input type="checkbox" checked={shared} onChange={(e) => setShared(e.target.checked)} />
            Share with the team
          </label>
          <button type="submit" className="button button--primary" disabled={save.isPending}>
            Save view
          </button>
        </form>
      ) : (
        <p className="saved-views__empty">Open records, spend, outcomes or a callee to save a view.</p>
      )}
      {saved ? (
        <p role="status" className="saved-views__saved">
          Saved “{saved.name}”: its link is <Link to={saved.path}>{saved.path}</Link>
        </p>
      ) : null}
      {failure ? (
        <p role="alert" className="saved-views__error">
          {errorMessage(failure)}
        </p>
      ) : null}
    </Popover>
  );
}
