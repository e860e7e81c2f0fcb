/**
 * What a refused request is told (the 403 body) and what the trace records (the reason):
 * the body says how to allow the host, or how to reach the twin when the host is one pome
 * emulates.
 */
import { hostPort } from "./host-names.js";
import { vendorOf } from "./vendor-routes.js";

export interface Refusal {
  /** EgressRefusedEvent.reason */
  reason: string;
  /** The 403 body. */
  body: string;
}

export interface RefusalContext {
  /** Twins of this run. */
  twins: readonly string[];
  /** Whether `--capture-tls` routes vendor hosts to the twins. */
  tls: boolean;
}

export function refusalFor(host: string, port: number, ctx: RefusalContext): Refusal {
  const where = hostPort(host, port);
  const head = `pome capture proxy: egress to ${where} refused.\n`;
  const vendor = vendorOf(host);
  if (vendor && ctx.twins.includes(vendor.twin)) {
    const env = `POME_${vendor.twin.toUpperCase()}_REST_URL`;
    const fix = ctx.tls
      ? `Only https://${vendor.host}${vendor.pathPrefix}/… is routed to the twin.`
      : `Point the agent at $${env} (the ${vendor.twin} twin of this run), or run pome with --capture-tls to route https://${vendor.host}${vendor.pathPrefix} to the twin.`;
    return { reason: `${vendor.host} is emulated by this run's ${vendor.twin} twin`, body: `${head}${vendor.host} is emulated by this run's ${vendor.twin} twin. ${fix}\n` };
  }
  const twinNote = vendor ? ` This scenario has no ${vendor.twin} twin; add it to the scenario's twins to emulate ${vendor.host}.` : "";
  return {
    reason: "not on the egress allowlist",
    body:
      `${head}Agents run behind a deny-by-default egress floor: loopback, LLM provider hosts and the hosts of *_BASE_URL variables are allowed.${twinNote}\n` +
      `To allow this host, set POME_EGRESS_ALLOW=${host} in the environment of \`pome run\` (comma-separated; *.example.com allows a domain and its subdomains).\n`,
  };
}

export function malformedTarget(target: string): Refusal {
  const shown = JSON.stringify(target.length > 100 ? `${target.slice(0, 100)}…` : target);
  return {
    reason: "malformed CONNECT target",
    body: `pome capture proxy: CONNECT needs a host:port target (e.g. api.openai.com:443), got ${shown}.\n`,
  };
}
