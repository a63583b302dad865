import { type AlertKind, WEBHOOK_HEADERS, type WebhookFormat } from '@callboard/contracts';
import { type FormEvent, useState } from 'react';
import { ErrorState } from '@/components/error-state';
import { ApiRequestError, errorMessage } from '@/lib/api-client';
import { useCreateWebhook } from '../api/create-webhook';
import { useDeleteWebhook } from '../api/delete-webhook';
import { useWebhooks } from '../api/get-webhooks';
import { useSendTestDelivery } from '../api/send-test-delivery';
import { useUpdateWebhook } from '../api/update-webhook';
import { DeliveryLog } from './delivery-log';

interface WebhooksPanelProps {
  /** The kinds of alert the role may receive, and so send to a webhook. */
  kinds: readonly AlertKind[];
  tz: string;
}

const KIND_LABELS: Record<AlertKind, string> = {
  spend: 'Spend alerts and budgets',
  quality: 'Quality alerts',
};

/** Webhooks: add one (its secret shown once), send a test, read the delivery log, pause or delete. */
export function WebhooksPanel({ kinds, tz }: WebhooksPanelProps) {
  const webhooks = useWebhooks();
  const create = useCreateWebhook();
  const update = useUpdateWebhook();
  const remove = useDeleteWebhook();
  const test = useSendTestDelivery();
  const [adding, setAdding] = useState(false);
  const [form, setForm] = useState({
    name: '',
    url: '',
    format: 'json' as WebhookFormat,
    kinds: [...kinds] as AlertKind[],
  });
  const [secret, setSecret] = useState<{ name: string; secret: string } | null>(null);
  const [openLog, setOpenLog] = useState<number | null>(null);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(
      { name: form.name.trim(), url: form.url.trim(), format: form.format, kinds: form.kinds },
      {
        onSuccess: (answer) => {
          setSecret({ name: answer.webhook.name, secret: answer.secret });
          setAdding(false);
          setForm({ name: '', url: '', format: 'json', kinds: [...kinds] });
        },
      },
    );
  };
  const formError = create.error instanceof ApiRequestError ? create.error : null;
  const list = webhooks.data?.webhooks ?? [];
  return (
    <section className="card webhooks-panel" aria-labelledby="webhooks-title">
      <header className="card__header">
        <div>
          <h2 className="card__title" id="webhooks-title">
            Webhooks
          </h2>
          <p className="card__hint">
            Each state change is POSTed once as JSON (or a Slack-compatible body), signed:{' '}
            <code>{WEBHOOK_HEADERS.signature}</code> carries the HMAC-SHA256 of <code>timestamp.body</code>{' '}
            with the webhook's secret, <code>{WEBHOOK_HEADERS.timestamp}</code> the Unix time. Failed
            deliveries are retried with backoff.
          </p>
        </div>
        {!adding ? (
          <button type="button" className="button" onClick={() => setAdding(true)}>
            Add webhook
          </button>
        ) : null}
      </header>
      {secret ? (
        <div className="notice notice--warning secret-notice" role="status">
          <div>
            <p className="notice__title">Secret of “{secret.name}”: copy it now, it is not shown again</p>
            <code className="secret-notice__value">{secret.secret}</code>
          </div>
          <div className="secret-notice__actions">
            <button
              type="button"
              className="button button--small"
              onClick={() => void navigator.clipboard?.writeText(secret.secret)}
            >
              Copy
            </button>
            <button type="button" className="button button--small" onClick={() => setSecret(null)}>
              Done
            </button>
          </div>
        </div>
      ) : null}
      {adding ? (
        <form className="webhook-form" onSubmit={onSubmit} aria-label="New webhook">
          <label className="field">
            <span className="field__label">Name</span>
            <input
              value={form.name}
              onChange={(e) => setForm({ ...form, name: e.target.value })}
              required
              maxLength={80}
            />
            {formError?.param === 'name' ? <span className="field__error">{formError.message}</span> : null}
          </label>
          <label className="field field--grow">
            <span className="field__label">URL</span>
            <input
              type="url"
              value={form.url}
              onChange={(e) => setForm({ ...form, url: e.target.value })}
              required
              placeholder="https://hooks.example.com/callboard"
            />
            {formError?.param === 'url' ? <span className="field__error">{formError.message}</span> : null}
          </label>
          <label className="field field--narrow">
            <span className="field__label">Format</span>
            <select
              value={form.format}
              onChange={(e) => setForm({ ...form, format: e.target.value as WebhookFormat })}
            >
              <option value="json">JSON</option>
              <option value="slack">Slack-compatible</option>
            </select>
          </label>
          <fieldset className="field webhook-form__kinds">
            <legend className="field__label">Sends</legend>
            {kinds.map((kind) => (
              <label key={kind} className="inline-field">
                <input
                  type="checkbox"
                  checked={form.kinds.includes(kind)}
                  onChange={(e) =>
                    setForm({
                      ...form,
                      kinds: e.target.checked ? [...form.kinds, kind] : form.kinds.filter((k) => k !== kind),
                    })
                  }
                />
                <span>{KIND_LABELS[kind]}</span>
              </label>
            ))}
          </fieldset>
          {create.isError && !['name', 'url'].includes(formError?.param ?? '') ? (
            <p className="inline-error" role="alert">
              {errorMessage(create.error)}
            </p>
          ) : null}
          <div className="rule-form__actions">
            <button type="submit" className="button button--primary" disabled={create.isPending}>
              Add webhook
            </button>
            <button type="button" className="button" onClick={() => setAdding(false)}>
              Cancel
            </button>
          </div>
        </form>
      ) : null}
      {webhooks.isError ? (
        <ErrorState
          error={webhooks.error}
          onRetry={() => void webhooks.refetch()}
          title="Could not load the webhooks"
        />
      ) : list.length === 0 ? (
        <p className="empty-note">{webhooks.isPending ? 'Loading…' : 'No webhooks yet.'}</p>
      ) : (
        <ul className="webhook-list">
          {list.map((w) => (
            <li key={w.id} className="webhook-list__item">
              <div className="webhook-list__head">
                <div>
                  <strong>{w.name}</strong> <span className="notice__meta">{w.url}</span>
                  <div className="notice__meta">
                    {w.format === 'slack' ? 'Slack-compatible' : 'JSON'} ·{' '}
                    {w.kinds.map((k) => KIND_LABELS[k]).join(', ')} · secret {w.secretHint}
                    {w.lastDelivery
                      ? ` · last delivery ${w.lastDelivery.state}${w.lastDelivery.status ? ` (HTTP ${w.lastDelivery.status})` : ''}`
                      : ''}
                    {w.enabled ? '' : ' · paused'}
                  </div>
                </div>
                <div className="webhook-list__actions">
                  <button
                    type="button"
                    className="button button--small"
                    disabled={test.isPending}
                    onClick={() => test.mutate(w.id, { onSuccess: () => setOpenLog(w.id) })}
                  >
                    Send test
                  </button>
                  <button
                    type="button"
                    className="button button--small"
                    aria-expanded={openLog === w.id}
                    onClick={() => setOpenLog(openLog === w.id ? null : w.id)}
                  >
                    Delivery log
                  </button>
                  <button
                    type="button"
                    className="button button--small"
                    disabled={update.isPending}
                    onClick={() => update.mutate({ id: w.id, patch: { enabled: !w.enabled } })}
                  >
                    {w.enabled ? 'Pause' : 'Resume'}
                  </button>
                  <button
                    type="button"
                    className="button button--small"
                    disabled={remove.isPending}
                    onClick={() =>
                      window.confirm(`Delete the webhook “${w.name}” and its delivery log?`) &&
                      remove.mutate(w.id)
                    }
                  >
                    Delete
                  </button>
                </div>
              </div>
              {openLog === w.id ? <DeliveryLog webhookId={w.id} tz={tz} /> : null}
            </li>
          ))}
        </ul>
      )}
      {test.isError || update.isError || remove.isError ? (
        <p className="inline-error" role="alert">
          {errorMessage(test.error ?? update.error ?? remove.error)}
        </p>
      ) : null}
    </section>
  );
}
