import type { AlertKind, AlertRule } from '@callboard/contracts';
import { metricLabel, ruleCondition, ruleValue } from '../utils/describe';
import { StateBadge } from './state-badge';

interface RulesTableProps {
  rules: AlertRule[];
  selectedId: number | null;
  /** Kinds the role may change: other rules are read-only here. */
  manages: readonly AlertKind[];
  busy: boolean;
  onSelect: (id: number) => void;
  onEdit: (rule: AlertRule) => void;
  onToggle: (rule: AlertRule) => void;
  onDelete: (rule: AlertRule) => void;
}

export function RulesTable({
  rules,
  selectedId,
  manages,
  busy,
  onSelect,
  onEdit,
  onToggle,
  onDelete,
}: RulesTableProps) {
  if (rules.length === 0)
    return (
      <p className="empty-note">No rules yet. Create one to be told when spend or call quality goes wrong.</p>
    );
  return (
    <div className="table-scroll">
      <table className="data-table rules-table">
        <caption className="visually-hidden">Alert rules and budgets</caption>
        <thead>
          <tr>
            <th scope="col">
              <span className="figures-table__th">Rule</span>
            </th>
            <th scope="col">
              <span className="figures-table__th">Watches</span>
            </th>
            <th scope="col">
              <span className="figures-table__th">Now</span>
            </th>
            <th scope="col">
              <span className="figures-table__th">State</span>
            </th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rules.map((rule) => {
            const editable = manages.includes(rule.kind);
            return (
              <tr key={rule.id} className={rule.id === selectedId ? 'is-selected' : undefined}>
                <td>
                  <button
                    type="button"
                    className="button--link rules-table__name"
                    onClick={() => onSelect(rule.id)}
                    aria-pressed={rule.id === selectedId}
                  >
                    {rule.name}
                  </button>
                  <span className="rules-table__metric">{metricLabel(rule.metric)}</span>
                </td>
                <td className="rules-table__condition" data-label="Watches">
                  {ruleCondition(rule)}
                </td>
                <td data-label="Now">{rule.enabled ? ruleValue(rule) : 'Paused'}</td>
                <td data-label="State">
                  <StateBadge current={rule.current} />
                </td>
                <td className="rules-table__actions">
                  {editable ? (
                    <>
                      <button
                        type="button"
                        className="button button--small"
                        onClick={() => onEdit(rule)}
                        aria-label={`Edit ${rule.name}`}
                      >
                        Edit
                      </button>
                      <button
                        type="button"
                        className="button button--small"
                        disabled={busy}
                        onClick={() => onToggle(rule)}
                        aria-label={`${rule.enabled ? 'Pause' : 'Resume'} ${rule.name}`}
                      >
                        {rule.enabled ? 'Pause' : 'Resume'}
                      </button>
                      <button
                        type="button"
                        className="button button--small"
                        disabled={busy}
                        onClick={() => onDelete(rule)}
                        aria-label={`Delete ${rule.name}`}
                      >
                        Delete
                      </button>
                    </>
                  ) : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
