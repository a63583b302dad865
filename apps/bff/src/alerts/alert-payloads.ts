// What a webhook receives for an alert's state change: the same event the API shows (`alert`) with one line
// of text, or, for a Slack-compatible webhook, `text` and `blocks`. Amounts always travel with their
// currency; which kinds of alert reach which webhook is decided before a body is built (webhook kinds).
import {
  type AlertEvent,
  createZonedFormatter,
  QUALITY_METRIC_INFO,
  SPEND_METRIC_LABELS,
  type WebhookFormat,
} from '@callboard/contracts';
import { slackBody } from '../webhooks/payload-format.js';

const STATE_WORDS = { firing: 'Firing', resolved: 'Resolved', ok: 'OK' } as const;

function valueText(event: AlertEvent): string {
  if (event.metric === 'budget' && event.budget) {
    const b = event.budget;
    const budget = event.thresholdAmount
      ? `${event.thresholdAmount.amount} ${event.thresholdAmount.currency}`
      : 'the budget';
    return `${b.spent.amount} ${b.spent.currency} spent, ${b.percentUsed}% of ${budget}; month-end forecast ${b.forecast.amount} ${b.forecast.currency}`;
  }
  if (event.metric === 'spend' || event.metric === 'budget') {
    const amount = event.amount ? `${event.amount.amount} ${event.amount.currency}` : 'no data';
    const limit = event.thresholdAmount
      ? ` (threshold ${event.thresholdAmount.amount} ${event.thresholdAmount.currency})`
      : '';
    return `spend ${amount}${limit}`;
  }
  const info = QUALITY_METRIC_INFO[event.metric];
  const unit = info.unit === '%' ? '%' : info.unit === 's' ? ' s' : ' calls';
  const value = event.value === null ? 'no data' : `${event.value}${unit}`;
  const threshold = event.threshold === null ? '' : ` (threshold ${event.threshold}${unit})`;
  const calls = event.calls === null || event.metric === 'call_volume' ? '' : `, ${event.calls} calls`;
  return `${info.label} ${value}${threshold}${calls}`;
}

function levelText(level: string | null): string {
  if (!level) return '';
  const parts = level
    .split('+')
    .map((part) =>
      part === 'forecast' ? 'forecast over budget' : part.replace(/^spent-(\d+)$/, '$1% of budget spent'),
    );
  return ` [${parts.join(', ')}]`;
}

/** One line a person reads in a chat or a mail: state, rule, value against threshold, window in the rule's zone. */
export function alertText(event: AlertEvent): string {
  const label =
    event.metric === 'spend' || event.metric === 'budget'
      ? SPEND_METRIC_LABELS[event.metric]
      : QUALITY_METRIC_INFO[event.metric].label;
  let window = '';
  if (event.window) {
    const format = createZonedFormatter(event.tz);
    window = `, ${format.dateTime(Date.parse(event.window.from)).slice(0, 16)} to ${format.dateTime(Date.parse(event.window.to)).slice(0, 16)} ${event.tz}`;
  }
  return `${STATE_WORDS[event.state]}: ${event.ruleName} (${label})${levelText(event.level)}: ${valueText(event)}${window}`;
}

/** The body and event name of an alert delivery in the webhook's format. */
export function alertPayload(event: AlertEvent, format: WebhookFormat): { event: string; body: string } {
  const name = `alert.${event.state}`;
  const text = alertText(event);
  if (format === 'slack')
    return {
      event: name,
      body: slackBody(text, `Callboard alert #${event.id} · rule #${event.ruleId} · ${event.at}`),
    };
  return { event: name, body: JSON.stringify({ type: name, text, alert: event }) };
}
