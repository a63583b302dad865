import { type AlertRule, createZonedFormatter } from '@callboard/contracts';
import { ChartCard } from '@/components/chart-card';
import { ErrorState } from '@/components/error-state';
import { useAlertSeries } from '../api/get-alert-series';
import { useAlerts } from '../api/get-alerts';
import { FORECAST_METHOD, levelText, money, ruleCondition, ruleValue } from '../utils/describe';
import { AlertHistory } from './alert-history';
import { RuleChart } from './rule-chart';
import { StateBadge } from './state-badge';

interface RuleDetailProps {
  rule: AlertRule;
  tz: string;
  animate?: boolean;
}

/** One rule: its state and last value, a budget's figures and forecast method, the chart and its firings. */
export function RuleDetail({ rule, tz, animate = true }: RuleDetailProps) {
  const series = useAlertSeries(rule.id);
  const history = useAlerts(rule.id);
  const zoned = createZonedFormatter(tz);
  const budget = rule.current.budget;
  return (
    <section className="card rule-detail" aria-labelledby={`rule-${rule.id}-title`}>
      <header className="card__header">
        <div>
          <h2 className="card__title" id={`rule-${rule.id}-title`}>
            {rule.name} <StateBadge current={rule.current} />
          </h2>
          <p className="card__hint">{ruleCondition(rule)}</p>
        </div>
      </header>
      <dl className="rule-detail__facts">
        <div>
          <dt>Now</dt>
          <dd>{ruleValue(rule)}</dd>
        </div>
        {rule.current.level ? (
          <div>
            <dt>Level</dt>
            <dd>{levelText(rule.current.level)}</dd>
          </div>
        ) : null}
        <div>
          <dt>
            {rule.current.state === 'ok'
              ? 'OK since'
              : rule.current.state === 'firing'
                ? 'Firing since'
                : 'Resolved since'}
          </dt>
          <dd>{zoned.dateTime(Date.parse(rule.current.since)).slice(0, 16)}</dd>
        </div>
        <div>
          <dt>Last evaluated</dt>
          <dd>
            {rule.current.evaluatedAt
              ? zoned.dateTime(Date.parse(rule.current.evaluatedAt)).slice(0, 16)
              : 'not yet'}
          </dd>
        </div>
      </dl>
      {budget && rule.amount ? (
        <div className="budget-meter">
          <div className="budget-meter__labels">
            <span>
              {money(budget.spent)} of {money(rule.amount)} spent ({budget.percentUsed}%)
            </span>
            <span>Forecast {money(budget.forecast)}</span>
          </div>
          <meter
            min={0}
            max={100}
            low={50}
            high={80}
            optimum={0}
            value={Math.min(100, budget.percentUsed)}
            aria-label="Share of the budget spent"
          />
          <p className="field__help">{FORECAST_METHOD}</p>
        </div>
      ) : null}
      {rule.current.status === 'no_data' && rule.current.missing.length > 0 ? (
        <p className="notice__meta">
          Not judged: {rule.current.missing.length === 1 ? 'a part' : `${rule.current.missing.length} parts`}{' '}
          of the window is not synced yet (from{' '}
          {zoned.dateTime(Date.parse(rule.current.missing[0]!.from)).slice(0, 16)}).
        </p>
      ) : null}
      <ChartCard
        title={
          rule.metric === 'budget' ? 'This month against the budget' : 'Measured value against the threshold'
        }
        hint={`Times in ${tz}`}
      >
        {series.isError ? (
          <ErrorState
            error={series.error}
            onRetry={() => void series.refetch()}
            title="Could not load the chart"
          />
        ) : series.data ? (
          series.data.points.length === 0 && !series.data.budgetDays?.length ? (
            <p className="empty-note">
              No evaluations yet: the first comes after the next sync, within a minute.
            </p>
          ) : (
            <RuleChart rule={rule} series={series.data} tz={tz} animate={animate} />
          )
        ) : (
          <span className="skeleton skeleton--chart" />
        )}
      </ChartCard>
      <h3 className="rule-detail__subtitle">Firing history</h3>
      {history.isError ? (
        <ErrorState
          error={history.error}
          onRetry={() => void history.refetch()}
          title="Could not load the history"
        />
      ) : (
        <AlertHistory
          events={history.data?.history ?? []}
          tz={tz}
          oneRule
          caption={`Firing history of ${rule.name}, newest first`}
        />
      )}
    </section>
  );
}
