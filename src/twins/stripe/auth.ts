/**
 * Stripe-shaped session keys (`sk_test_` + 24 alphanumerics, as test secret keys look)
 * and the env an agent gets: the key and the server origin. stripe-node takes only a
 * host, port and protocol (no path prefix), so the twin answers `/v1/...` at the root
 * and finds the session from the key.
 */
import type { TwinAuth } from "../engine/twin.js";

export const STRIPE_KEY_PATTERN = /^sk_test_[A-Za-z0-9]{24,}$/;

export const stripeAuth: TwinAuth = {
  mintToken(random) {
    let body = "";
    while (body.length < 24) {
      const chunk = random().replace(/[^A-Za-z0-9]/g, "");
      if (chunk === "") throw new Error("token randomness produced no alphanumeric characters");
      body += chunk;
    }
    return `sk_test_${body.slice(0, 24)}`;
  },
  env(token, restUrl) {
    return { POME_STRIPE_API_KEY: token, POME_STRIPE_API_BASE: new URL(restUrl).origin };
  },
};
