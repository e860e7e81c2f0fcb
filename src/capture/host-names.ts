/**
 * Host names as the proxy compares and dials them: read once, the way URL parsers (and so
 * HTTP clients) read a host — lower case, IDNA, IPv4 in any spelling (`127.1`,
 * `2130706433`, `0x7f.1`, octal) as a dotted quad, IPv6 compressed and without brackets
 * (`[::ffff:127.0.0.1]` is `::ffff:7f00:1`), no trailing dot — so a plain `http://` request
 * and a CONNECT naming the same host get the same decision. CONNECT authorities
 * (`host:port`, `[v6]:port`) are read strictly.
 */
import { isIP, isIPv4, type LookupFunction } from "node:net";

/** The one spelling of a host; null when it is not one (a URL parser would refuse it). */
export function canonicalHost(host: string): string | null {
  let h = host.trim();
  if (h.length === 0 || /[\s/?#@\\]/.test(h)) return null;
  if (!h.startsWith("[") && isIP(h) === 6) h = `[${h}]`;
  if (h.includes(":") && !(h.startsWith("[") && h.endsWith("]"))) return null;
  let parsed: string;
  try {
    const url = new URL(`http://${h}/`);
    if (url.port !== "" || url.username !== "" || url.password !== "" || url.pathname !== "/") return null;
    parsed = url.hostname;
  } catch {
    return null;
  }
  if (parsed.startsWith("[")) return parsed.slice(1, -1);
  while (parsed.endsWith(".")) parsed = parsed.slice(0, -1);
  return parsed.length > 0 ? parsed : null;
}

/** `API.OpenAI.com.` → `api.openai.com`; `[::1]` → `::1`; `127.1` → `127.0.0.1`. What no URL parser reads is only lower-cased and trimmed (and then fails isValidHost). */
export function normalizeHost(host: string): string {
  const canonical = canonicalHost(host);
  if (canonical !== null) return canonical;
  let h = host.trim().toLowerCase();
  if (h.startsWith("[") && h.endsWith("]")) h = h.slice(1, -1);
  while (h.endsWith(".")) h = h.slice(0, -1);
  return h;
}

/** `localhost` and `*.localhost` (RFC 6761): loopback by name, whatever a resolver would say. */
export function isLoopbackName(host: string): boolean {
  const h = normalizeHost(host);
  return h === "localhost" || h.endsWith(".localhost");
}

export function isLoopback(host: string): boolean {
  const h = normalizeHost(host);
  if (isLoopbackName(h) || h === "::1") return true;
  if (isIPv4(h)) return h.startsWith("127.");
  // IPv4-mapped 127.0.0.0/8, as URL parsers print it (::ffff:7f00:1) or dotted.
  return /^::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4}$/.test(h) || /^::ffff:127\.\d+\.\d+\.\d+$/.test(h);
}

/**
 * A `lookup` for sockets dialling `localhost` and `*.localhost`: loopback addresses only
 * (IPv4 first, then IPv6), never a resolver, so no DNS answer can send such a name elsewhere.
 */
export const loopbackLookup = ((_hostname: string, options: unknown, callback: (...args: unknown[]) => void) => {
  const opts = (typeof options === "object" && options !== null ? options : { family: options }) as { family?: unknown; all?: boolean };
  const family = opts.family === "IPv4" ? 4 : opts.family === "IPv6" ? 6 : Number(opts.family) || 0;
  const addresses = [
    { address: "127.0.0.1", family: 4 },
    { address: "::1", family: 6 },
  ].filter((a) => family === 0 || a.family === family);
  process.nextTick(() => (opts.all ? callback(null, addresses) : callback(null, addresses[0].address, addresses[0].family)));
}) as unknown as LookupFunction;

/** A DNS name (letters, digits, hyphens, underscores in labels) or an IP address. */
export function isValidHost(host: string): boolean {
  if (host.length === 0 || host.length > 253) return false;
  if (isIP(host) !== 0) return true;
  return host.split(".").every((label) => /^[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?$/.test(label));
}

export interface Authority {
  host: string;
  port: number;
}

/** A CONNECT target (`host:port`, `[v6]:port`); null when it is not one. */
export function parseAuthority(target: string): Authority | null {
  const bracketed = /^\[([0-9a-fA-F:.]+)\]:(\d{1,5})$/.exec(target);
  const plain = /^([^:[\]/\s@]+):(\d{1,5})$/.exec(target);
  const match = bracketed ?? plain;
  if (!match) return null;
  const host = canonicalHost(match[1]);
  const port = Number(match[2]);
  if (host === null || !isValidHost(host) || port < 1 || port > 65535) return null;
  if (bracketed && isIP(host) !== 6) return null;
  return { host, port };
}

/** `host:port`, with brackets around IPv6 (the key of `egress_refused`). */
export function hostPort(host: string, port: number): string {
  return `${isIP(host) === 6 ? `[${host}]` : host}:${port}`;
}
