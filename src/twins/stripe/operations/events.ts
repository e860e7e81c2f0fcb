/** Events: read the log of state changes; `type` may end in `.*`, `types[]` takes several. */
import { z } from "zod";
import { id, inCreated, listParams } from "../inputs.js";
import { requireById, stripeOperation } from "../lookup.js";
import { newestFirst } from "../state.js";
import { listEnvelope } from "../wire/list.js";
import { wireEvent } from "../wire/objects.js";

function typeMatches(pattern: string, type: string): boolean {
  return pattern.endsWith(".*") ? type.startsWith(pattern.slice(0, -1)) : pattern === type;
}

export const retrieveEvent = stripeOperation({
  name: "retrieve_event",
  description: "Retrieve an event (GET /v1/events/{id}).",
  rest: [{ method: "GET", path: "/v1/events/{id}" }],
  tier: "semantic",
  mutates: false,
  input: z.object({ id }),
  handle(ctx, input) {
    return wireEvent(requireById(ctx.state.events, "event", input.id, "id"));
  },
});

export const listEvents = stripeOperation({
  name: "list_events",
  description: "List events, newest first, by `type` (`charge.*` wildcards) or `types[]` (GET /v1/events).",
  rest: [{ method: "GET", path: "/v1/events" }],
  tier: "semantic",
  mutates: false,
  paginate: { items: "data" },
  input: z.object({
    ...listParams,
    type: z.string().optional(),
    types: z.preprocess((v) => (typeof v === "string" ? [v] : v), z.array(z.string()).max(20)).optional(),
  }),
  handle(ctx, input) {
    const patterns = input.type !== undefined ? [input.type] : input.types;
    const found = newestFirst(ctx.state.events).filter((e) => inCreated(input.created, e.created) && (patterns === undefined || patterns.some((p) => typeMatches(p, e.type))));
    return listEnvelope("/v1/events", found.map(wireEvent));
  },
});

export const eventOperations = [retrieveEvent, listEvents];
