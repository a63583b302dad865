// Body shapes every webhook sender shares: Slack's incoming-webhook format (`text` plus `blocks`), and the
// "Send test" delivery. Alerts (and later reports) build their own text and use these to wrap it.
import type { WebhookFormat } from '@callboard/contracts';

const slackEscape = (text: string) =>
  text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

/** A Slack-compatible body: the text (also the notification fallback) and a context line under it. */
export function slackBody(text: string, context: string): string {
  return JSON.stringify({
    text,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: slackEscape(text) } },
      { type: 'context', elements: [{ type: 'mrkdwn', text: slackEscape(context) }] },
    ],
  });
}

/** The body of "Send test": says which webhook it is, carries no data. */
export function testPayload(
  webhookName: string,
  at: number,
  format: WebhookFormat,
): { event: string; body: string } {
  const text = `Test delivery from Callboard: the webhook "${webhookName}" is set up.`;
  const sentAt = new Date(at).toISOString();
  if (format === 'slack') return { event: 'webhook.test', body: slackBody(text, `Callboard · ${sentAt}`) };
  return { event: 'webhook.test', body: JSON.stringify({ type: 'webhook.test', text, at: sentAt }) };
}
