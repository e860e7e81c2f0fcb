/**
 * Host names as the proxy compares them: lower-case, no trailing dot, no IPv6 brackets,
 * and CONNECT authorities (`host:port`, `[v6]:port`) read strictly.
 */
import { isIP, isIPv4 } from "node:net";

/** `API.OpenAI.com.` → `api.openai.com`; `[::1]` → `::1`. */
export function normalizeHost(host: string): string {
  let h = host.trim().toLowerCase();
  if (h.startsWith("[") && h.endsWith("]")) h = h.slice(1, -1);
  while (h.endsWith(".")) h = h.slice(0, -1);
  if (isIP(h) === 6) h = compressIPv6(h);
  return h;
}

/** The canonical (compressed) text of an IPv6 address, so `0:0:0:0:0:0:0:1` equals `::1`. */
function compressIPv6(address: string): string {
  try {
    return new URL(`http://[${address}]/`).hostname.slice(1, -1);
  } catch {
    return address;
  }
}

export function isLoopback(host: string): boolean {
  const h = normalizeHost(host);
  if (h === "localhost" || h.endsWith(".localhost") || h === "::1") return true;
  if (isIPv4(h)) return h.startsWith("127.");
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(h);
  return mapped !== null && mapped[1].startsWith("127.");
}

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
  const host = normalizeHost(match[1]);
  const port = Number(match[2]);
  if (!isValidHost(host) || port < 1 || port > 65535) return null;
  if (bracketed && isIP(host) !== 6) return null;
  return { host, port };
}

/** `host:port`, with brackets around IPv6 (the key of `egress_refused`). */
export function hostPort(host: string, port: number): string {
  return `${isIP(host) === 6 ? `[${host}]` : host}:${port}`;
}
