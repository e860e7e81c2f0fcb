/**
 * Vendor hosts pome emulates, and where `--capture-tls` sends them: an agent that
 * hard-codes `https://api.github.com` reaches this run's GitHub twin instead.
 * A twin's REST root stands for the vendor URL below (Octokit `baseUrl`, stripe-node's
 * host, `@slack/web-api`'s `slackApiUrl`), so the path after it is kept as is.
 */
import type { SessionUrls, TwinName } from "../twins/index.js";
import { normalizeHost } from "./host-names.js";

export interface VendorHost {
  twin: TwinName;
  host: string;
  /** Only paths under this prefix are the API (`slack.com/api/…`); "" for the whole host. */
  pathPrefix: string;
}

export const VENDOR_HOSTS: readonly VendorHost[] = [
  { twin: "github", host: "api.github.com", pathPrefix: "" },
  { twin: "stripe", host: "api.stripe.com", pathPrefix: "" },
  { twin: "slack", host: "slack.com", pathPrefix: "/api" },
];

export interface VendorRoute extends VendorHost {
  /** The twin's session-scoped REST root, e.g. `http://127.0.0.1:PORT/s/<sid>/github`. */
  target: string;
}

/** Routes for the twins this session has. */
export function vendorRoutes(urls: Partial<Record<TwinName, SessionUrls>>): VendorRoute[] {
  return VENDOR_HOSTS.flatMap((vendor) => {
    const rest = urls[vendor.twin]?.rest;
    return rest ? [{ ...vendor, target: rest.replace(/\/+$/, "") }] : [];
  });
}

export function vendorOf(host: string): VendorHost | null {
  const h = normalizeHost(host);
  return VENDOR_HOSTS.find((v) => v.host === h) ?? null;
}

export function routeFor(routes: readonly VendorRoute[], host: string): VendorRoute | null {
  const h = normalizeHost(host);
  return routes.find((r) => r.host === h) ?? null;
}

/** The twin URL for a request path (`/repos/a/b?x=1`), or null when the path is outside the API prefix. */
export function twinUrl(route: VendorRoute, path: string): string | null {
  if (route.pathPrefix) {
    if (path !== route.pathPrefix && !path.startsWith(`${route.pathPrefix}/`) && !path.startsWith(`${route.pathPrefix}?`)) return null;
    path = path.slice(route.pathPrefix.length);
  }
  return `${route.target}${path.startsWith("/") || path === "" || path.startsWith("?") ? path : `/${path}`}`;
}
