// Outgoing webhooks: a signed JSON POST with retries and a delivery log. Alerts use them now; scheduled
// reports will reuse the same webhooks and queue (a delivery's `topic` says what it carries). Each webhook
// says which kinds of alert it receives; only a role that may see a kind may choose it, so a spend alert
// never reaches an endpoint a support user set up. The secret is shown once, at creation.
import { z } from 'zod';
import { ALERT_KINDS } from './alerts.js';

export const WEBHOOK_FORMATS = ['json', 'slack'] as const;
export type WebhookFormat = (typeof WEBHOOK_FORMATS)[number];

/** Header names of every delivery; the README shows how a receiver checks them. */
export const WEBHOOK_HEADERS = {
  timestamp: 'X-Callboard-Timestamp',
  signature: 'X-Callboard-Signature',
  delivery: 'X-Callboard-Delivery',
  event: 'X-Callboard-Event',
} as const;

const webhookUrl = z
  .string({ message: 'an http(s) URL' })
  .max(2000, 'at most 2000 characters')
  .refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== '';
    } catch {
      return false;
    }
  }, 'an http:// or https:// URL, like https://hooks.example.com/callboard')
  .refine((value) => {
    try {
      const url = new URL(value);
      return url.username === '' && url.password === '';
    } catch {
      return true;
    }
  }, 'no user:password in the URL: receivers check the signature instead');

const kinds = z
  .array(z.enum(ALERT_KINDS, { message: 'spend or quality' }), { message: 'a list: spend, quality or both' })
  .min(1, 'at least one of spend, quality')
  .max(2, 'spend, quality or both')
  .refine((list) => new Set(list).size === list.length, 'each kind once');

const webhookName = z.string({ message: 'a name' }).trim().min(1, 'a name').max(80, 'at most 80 characters');
const format = z.enum(WEBHOOK_FORMATS, { message: 'json or slack' });

export const webhookInputSchema = z.strictObject({
  name: webhookName,
  url: webhookUrl,
  /** `slack`: a Slack-compatible body (`text` and `blocks`) for an incoming-webhook URL. */
  format: format.optional(),
  /** Which alerts it receives. */
  kinds,
  enabled: z.boolean({ message: 'true or false' }).optional(),
});
export type WebhookInput = z.infer<typeof webhookInputSchema>;

export const webhookPatchSchema = z
  .strictObject({
    name: webhookName.optional(),
    url: webhookUrl.optional(),
    format: format.optional(),
    kinds: kinds.optional(),
    enabled: z.boolean({ message: 'true or false' }).optional(),
  })
  .refine((patch) => Object.keys(patch).length > 0, 'nothing to change: send at least one field');
export type WebhookPatch = z.infer<typeof webhookPatchSchema>;

export const DELIVERY_STATES = ['pending', 'delivered', 'failed'] as const;

const lastDelivery = z.object({
  at: z.string(),
  state: z.enum(DELIVERY_STATES),
  status: z.number().int().nullable(),
});

export const webhookSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  /** Scheme and host, the rest masked: incoming-webhook URLs often carry a token in their path. */
  url: z.string(),
  format: z.enum(WEBHOOK_FORMATS),
  kinds: z.array(z.enum(ALERT_KINDS)),
  enabled: z.boolean(),
  /** The secret's last four characters, to tell secrets apart; the secret itself is shown once. */
  secretHint: z.string(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  lastDelivery: lastDelivery.nullable(),
});
export type Webhook = z.infer<typeof webhookSchema>;

export const webhooksResponseSchema = z.object({ webhooks: z.array(webhookSchema) });
export type WebhooksResponse = z.infer<typeof webhooksResponseSchema>;
export const webhookResponseSchema = z.object({ webhook: webhookSchema });
export type WebhookResponse = z.infer<typeof webhookResponseSchema>;
/** `POST /api/webhooks`: the only answer that carries the secret, and the full URL as given. */
export const webhookCreatedResponseSchema = z.object({
  webhook: webhookSchema,
  secret: z.string(),
  url: z.string(),
});
export type WebhookCreatedResponse = z.infer<typeof webhookCreatedResponseSchema>;

export const webhookDeliverySchema = z.object({
  id: z.number().int(),
  webhookId: z.number().int(),
  /** What the delivery carries: `alert`, `test` (and `report` once reports exist). */
  topic: z.string(),
  /** The event header value, like `alert.firing`. */
  event: z.string(),
  state: z.enum(DELIVERY_STATES),
  attempts: z.number().int(),
  createdAt: z.string(),
  nextAttemptAt: z.string().nullable(),
  deliveredAt: z.string().nullable(),
  lastStatus: z.number().int().nullable(),
  lastError: z.string().nullable(),
  log: z.array(
    z.object({
      attempt: z.number().int(),
      at: z.string(),
      /** The receiver's HTTP status; null when no answer came (refused, timed out). */
      status: z.number().int().nullable(),
      error: z.string().nullable(),
      durationMs: z.number().int(),
    }),
  ),
});
export type WebhookDelivery = z.infer<typeof webhookDeliverySchema>;

export const webhookDeliveriesResponseSchema = z.object({ deliveries: z.array(webhookDeliverySchema) });
export type WebhookDeliveriesResponse = z.infer<typeof webhookDeliveriesResponseSchema>;
export const webhookDeliveryResponseSchema = z.object({ delivery: webhookDeliverySchema });
export type WebhookDeliveryResponse = z.infer<typeof webhookDeliveryResponseSchema>;
