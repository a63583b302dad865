import { type AlertKind, type AlertRule, alertKindsFor, type Role } from '@callboard/contracts';
import { useState } from 'react';
import { ErrorState } from '@/components/error-state';
import { errorMessage } from '@/lib/api-client';
import { useDeleteAlertRule } from '../api/delete-alert-rule';
import { useAlertRules } from '../api/get-alert-rules';
import { useAlerts } from '../api/get-alerts';
import { useUpdateAlertRule } from '../api/update-alert-rule';
import { eventValue, levelText } from '../utils/describe';
import { AlertHistory } from './alert-history';
import { RuleDetail } from './rule-detail';
import { RuleForm } from './rule-form';
import { RulesTable } from './rules-table';

interface AlertsViewProps {
  role: Role;
  tz: string;
  /** The rule shown in detail (from the URL). */
  selectedId: number | null;
  onSelect: (id: number | null) => void;
  animate?: boolean;
}

type Editing = { mode: 'new' } | { mode: 'edit'; rule: AlertRule } | null;

/** Rules and budgets, what fires now, one rule's chart and history, and the history of every firing. */
export function AlertsView({ role, tz, selectedId, onSelect, animate = true }: AlertsViewProps) {
  const rules = useAlertRules();
  const alerts = useAlerts();
  const update = useUpdateAlertRule();
  const remove = useDeleteAlertRule();
  const [editing, setEditing] = useState<Editing>(null);
  const manages: AlertKind[] = alertKindsFor(role, 'manage');
  const list = rules.data?.rules ?? [];
  const selected = list.find((r) => r.id === selectedId) ?? null;
  const firing = alerts.data?.firing ?? [];
  const mutationError = update.error ?? remove.error;

  return (
    <div className="view-grid alerts-view">
      <div className="toolbar">
        <h1 className="toolbar__title">Alerts</h1>
        {manages.length > 0 ? (
          <div className="toolbar__actions">
            <button
              type="button"
              className="button button--primary"
              onClick={() => setEditing({ mode: 'new' })}
            >
              {manages.includes('spend') ? 'New rule or budget' : 'New rule'}
            </button>
          </div>
        ) : null}
      </div>

      <section className="card" aria-labelledby="firing-now">
        <h2 className="card__title" id="firing-now">
          Firing now
        </h2>
        {alerts.isError ? (
          <ErrorState
            error={alerts.error}
            onRetry={() => void alerts.refetch()}
            title="Could not load the alerts"
          />
        ) : firing.length === 0 ? (
          <p className="empty-note">{alerts.isPending ? 'Loading…' : 'Nothing is firing.'}</p>
        ) : (
          <ul className="firing-list">
            {firing.map((event) => (
              <li key={event.id}>
                <button type="button" className="button--link" onClick={() => onSelect(event.ruleId)}>
                  {event.ruleName}
                </button>{' '}
                {event.level ? <span className="badge badge--red">{levelText(event.level)}</span> : null}{' '}
                <span>{eventValue(event)}</span>
              </li>
            ))}
          </ul>
        )}
      </section>

      {editing ? (
        <RuleForm
          key={editing.mode === 'edit' ? editing.rule.id : 'new'}
          kinds={manages}
          tz={tz}
          initialMetric={manages.includes('spend') ? 'budget' : undefined}
          {...(editing.mode === 'edit' ? { rule: editing.rule } : {})}
          onDone={(rule) => {
            setEditing(null);
            onSelect(rule.id);
          }}
          onCancel={() => setEditing(null)}
        />
      ) : null}

      <section className="card" aria-labelledby="rules-title">
        <h2 className="card__title" id="rules-title">
          Rules and budgets
        </h2>
        {role === 'support' ? (
          <p className="card__hint">Quality rules: spend rules and budgets are for finance and admins.</p>
        ) : null}
        {mutationError ? (
          <p className="inline-error" role="alert">
            {errorMessage(mutationError)}
          </p>
        ) : null}
        {rules.isError ? (
          <ErrorState
            error={rules.error}
            onRetry={() => void rules.refetch()}
            title="Could not load the rules"
          />
        ) : (
          <RulesTable
            rules={list}
            selectedId={selectedId}
            manages={manages}
            busy={update.isPending || remove.isPending}
            onSelect={(id) => onSelect(id === selectedId ? null : id)}
            onEdit={(rule) => setEditing({ mode: 'edit', rule })}
            onToggle={(rule) => update.mutate({ id: rule.id, patch: { enabled: !rule.enabled } })}
            onDelete={(rule) => {
              if (window.confirm(`Delete “${rule.name}”? Its history stays.`)) {
                remove.mutate(rule.id, {
                  onSuccess: () => (rule.id === selectedId ? onSelect(null) : undefined),
                });
              }
            }}
          />
        )}
      </section>

      {selected ? <RuleDetail rule={selected} tz={tz} animate={animate} /> : null}

      <section className="card" aria-labelledby="history-title">
        <h2 className="card__title" id="history-title">
          History
        </h2>
        <AlertHistory
          events={alerts.data?.history ?? []}
          tz={tz}
          caption="Every firing and resolution, newest first"
        />
      </section>
    </div>
  );
}
