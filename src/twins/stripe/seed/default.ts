/** A scenario without a Stripe seed starts with an empty account: every list of the schema at its default. */
import { stripeSeedSchema, type StripeSeed } from "./schema.js";

export const defaultStripeSeed: StripeSeed = stripeSeedSchema.parse({});
