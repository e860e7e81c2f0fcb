/**
 * Webhook endpoints: where the account's events are delivered, signed with the endpoint's
 * `whsec_` secret (answered once, on creation). `enabled_events` names event types, or
 * `*` for all; a disabled or deleted endpoint gets nothing. Test mode allows http URLs.
 */
import { z } from "zod";
import { invalidRequest, resourceMissing } from "../errors.js";
import { boolean, expand, id, inCreated, listOf, listParams, mergeMetadata, metadata, text } from "../inputs.js";
import { stripeOperation } from "../lookup.js";
import { base62, newestFirst, newId, STRIPE_API_VERSION, type StripeState, type WebhookEndpoint } from "../state.js";
import { expand as expandWire } from "../wire/expand.js";
import { listEnvelope } from "../wire/list.js";
import { wireWebhookEndpoint } from "../wire/objects.js";

/** Stripe's limit of webhook endpoints per account in test mode. */
export const MAX_TEST_ENDPOINTS = 16;

const EVENT_TYPE = /^(\*|[a-z_]+(\.[a-z_]+)+)$/;

const url = z.string().refine((value) => {
  try {
    return ["http:", "https:"].includes(new URL(value).protocol);
  } catch {
    return false;
  }
}, "Invalid URL: must be an absolute http or https URL.");

const enabledEvents = listOf(z.string().regex(EVENT_TYPE, "Invalid event type: use a type such as charge.refunded, or *")).pipe(z.array(z.string()).min(1));

/** An endpoint that exists and is not deleted. */
export function requireWebhookEndpoint(state: StripeState, endpointId: string, param = "id"): WebhookEndpoint {
  const endpoint = state.webhook_endpoints.find((e) => e.id === endpointId);
  if (!endpoint || endpoint.deleted) throw resourceMissing("webhook_endpoint", endpointId, param);
  return endpoint;
}

type Ids = Parameters<typeof base62>[0];

/** An enabled endpoint; without a `secret`, a new one (`whsec_` and 32 characters from the session's ids). */
export function newWebhookEndpoint(
  ids: Ids,
  fields: Pick<WebhookEndpoint, "url" | "enabled_events" | "created"> & Partial<Pick<WebhookEndpoint, "id" | "status" | "description" | "api_version" | "secret" | "metadata">>,
): WebhookEndpoint {
  return {
    id: fields.id ?? newId(ids, "we"),
    object: "webhook_endpoint",
    url: fields.url,
    enabled_events: [...new Set(fields.enabled_events)],
    status: fields.status ?? "enabled",
    description: fields.description ?? null,
    api_version: fields.api_version ?? STRIPE_API_VERSION,
    secret: fields.secret ?? `whsec_${base62(ids, "whsec", 32)}`,
    metadata: fields.metadata ?? {},
    created: fields.created,
    livemode: false,
  };
}

export const createWebhookEndpoint = stripeOperation({
  name: "create_webhook_endpoint",
  description: "Create a webhook endpoint: the `url` to deliver signed events to and the `enabled_events` (types, or `*`); the answer carries the signing `secret` (POST /v1/webhook_endpoints).",
  rest: [{ method: "POST", path: "/v1/webhook_endpoints" }],
  tier: "semantic",
  mutates: true,
  idempotencyKeyed: true,
  input: z.object({ url, enabled_events: enabledEvents, description: text.optional(), api_version: z.string().optional(), metadata: metadata.optional(), expand }),
  handle(ctx, input) {
    if (ctx.state.webhook_endpoints.filter((e) => !e.deleted).length >= MAX_TEST_ENDPOINTS) {
      throw invalidRequest(`You have reached the maximum of ${MAX_TEST_ENDPOINTS} test webhook endpoints.`, { param: "url" });
    }
    const endpoint = newWebhookEndpoint(ctx.ids, {
      url: input.url,
      enabled_events: input.enabled_events,
      description: input.description,
      api_version: input.api_version,
      metadata: mergeMetadata({}, input.metadata),
      created: ctx.clock.unix(),
    });
    ctx.state.webhook_endpoints.push(endpoint);
    return expandWire(ctx.state, wireWebhookEndpoint(endpoint, true), input.expand);
  },
});

export const retrieveWebhookEndpoint = stripeOperation({
  name: "retrieve_webhook_endpoint",
  description: "Retrieve a webhook endpoint, without its secret (GET /v1/webhook_endpoints/{id}).",
  rest: [{ method: "GET", path: "/v1/webhook_endpoints/{id}" }],
  tier: "semantic",
  mutates: false,
  input: z.object({ id, expand }),
  handle(ctx, input) {
    return expandWire(ctx.state, wireWebhookEndpoint(requireWebhookEndpoint(ctx.state, input.id)), input.expand);
  },
});

export const updateWebhookEndpoint = stripeOperation({
  name: "update_webhook_endpoint",
  description: "Update a webhook endpoint: `url`, `enabled_events`, `disabled`, `description`, `metadata` (POST /v1/webhook_endpoints/{id}).",
  rest: [{ method: "POST", path: "/v1/webhook_endpoints/{id}" }],
  tier: "semantic",
  mutates: true,
  idempotencyKeyed: true,
  input: z.object({ id, url: url.optional(), enabled_events: enabledEvents.optional(), disabled: boolean.optional(), description: text.optional(), metadata: metadata.optional(), expand }),
  handle(ctx, input) {
    const endpoint = requireWebhookEndpoint(ctx.state, input.id);
    if (input.url !== undefined) endpoint.url = input.url;
    if (input.enabled_events !== undefined) endpoint.enabled_events = [...new Set(input.enabled_events)];
    if (input.disabled !== undefined) endpoint.status = input.disabled ? "disabled" : "enabled";
    if (input.description !== undefined) endpoint.description = input.description === "" ? null : input.description;
    endpoint.metadata = mergeMetadata(endpoint.metadata, input.metadata);
    return expandWire(ctx.state, wireWebhookEndpoint(endpoint), input.expand);
  },
});

export const deleteWebhookEndpoint = stripeOperation({
  name: "delete_webhook_endpoint",
  description: "Delete a webhook endpoint: no more deliveries to it (DELETE /v1/webhook_endpoints/{id}).",
  rest: [{ method: "DELETE", path: "/v1/webhook_endpoints/{id}" }],
  tier: "semantic",
  mutates: true,
  idempotencyKeyed: true,
  input: z.object({ id }),
  handle(ctx, input) {
    const endpoint = requireWebhookEndpoint(ctx.state, input.id);
    endpoint.deleted = true;
    return wireWebhookEndpoint(endpoint);
  },
});

export const listWebhookEndpoints = stripeOperation({
  name: "list_webhook_endpoints",
  description: "List webhook endpoints, newest first (GET /v1/webhook_endpoints).",
  rest: [{ method: "GET", path: "/v1/webhook_endpoints" }],
  tier: "semantic",
  mutates: false,
  paginate: { items: "data" },
  input: z.object(listParams),
  handle(ctx, input) {
    const found = newestFirst(ctx.state.webhook_endpoints).filter((e) => !e.deleted && inCreated(input.created, e.created));
    return expandWire(ctx.state, listEnvelope("/v1/webhook_endpoints", found.map((e) => wireWebhookEndpoint(e))), input.expand);
  },
});

export const webhookEndpointOperations = [createWebhookEndpoint, retrieveWebhookEndpoint, updateWebhookEndpoint, deleteWebhookEndpoint, listWebhookEndpoints];
