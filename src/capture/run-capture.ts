/**
 * The capture layers of one run, as the orchestrator uses them: the proxy (unless
 * `--no-capture`), the per-run CA and vendor routes (with `--capture-tls`), what the agent
 * is told about them, and what meta.json says was active.
 */
import type { EmitBody, TraceEventKind } from "../trace/index.js";
import type { SessionUrls, TwinName } from "../twins/index.js";
import { CertificateAuthority, type TrustFiles } from "./certificate-authority.js";
import { EgressFloor } from "./egress-floor.js";
import { startCaptureProxy, type CaptureProxy } from "./proxy.js";
import type { CaptureEvent, ProxyTimeouts, UpstreamOptions } from "./proxy-context.js";
import { vendorRoutes } from "./vendor-routes.js";

type Env = Record<string, string | undefined>;

export interface RunCaptureOptions {
  /** false with `--no-capture`. */
  proxy: boolean;
  /** `--capture-tls`. */
  tls: boolean;
  runId: string;
  /** pome's own environment (POME_EGRESS_ALLOW). */
  parentEnv: Env;
  /** The agent's environment before the proxy variables (its `*_BASE_URL` hosts are allowed). */
  agentEnv: Env;
  twins: readonly TwinName[];
  twinUrls: Partial<Record<TwinName, SessionUrls>>;
  /** The twin server's origin: agent traffic to it is recorded by the twins, not the proxy. */
  twinOrigin: string;
  /** Where events go (the run's TraceWriter). */
  sink: { emit<K extends TraceEventKind>(kind: K, body: EmitBody<K>): unknown };
  timeouts?: Partial<ProxyTimeouts>;
  upstream?: UpstreamOptions;
}

/** meta.json `capture`: which layers were active, so a reader knows what the trace could have missed. */
export interface CaptureLayers {
  proxy: boolean;
  tls: boolean;
  proxy_url: string | null;
  /** Allow patterns beyond loopback, in order. */
  egress_allow: string[];
  /** Vendor host → twin, under `--capture-tls`. */
  vendor_routes: Record<string, string>;
  /** SHA-256 of the per-run CA certificate (the CA itself is deleted after the run). */
  ca_sha256: string | null;
  /** What the trace cannot contain with these layers. */
  blind_spots: string[];
}

export interface RunCapture {
  proxyUrl: string | null;
  /** CA files for the agent's TLS clients (`--capture-tls`). */
  trust: TrustFiles | null;
  layers: CaptureLayers;
  refused(): Record<string, number>;
  warnings(): string[];
  /** Stops the proxy (its last events are emitted before this resolves) and deletes the CA files. Safe to call twice. */
  close(): Promise<void>;
}

const IGNORES_PROXY =
  "calls from clients that ignore HTTP_PROXY/HTTPS_PROXY bypass the proxy: neither recorded nor refused (Node's built-in fetch and http before Node 24 or without NODE_USE_ENV_PROXY, raw sockets)";

export async function openRunCapture(opts: RunCaptureOptions): Promise<RunCapture> {
  if (!opts.proxy) {
    const warnings = opts.tls ? ["--capture-tls has no effect with --no-capture: no proxy ran"] : [];
    return {
      proxyUrl: null,
      trust: null,
      layers: {
        proxy: false,
        tls: false,
        proxy_url: null,
        egress_allow: [],
        vendor_routes: {},
        ca_sha256: null,
        blind_spots: ["--no-capture: LLM calls and other egress were neither recorded nor restricted"],
      },
      refused: () => ({}),
      warnings: () => warnings,
      close: async () => undefined,
    };
  }

  const floor = EgressFloor.create({ allow: opts.parentEnv.POME_EGRESS_ALLOW, agentEnv: opts.agentEnv });
  const authority = opts.tls ? await CertificateAuthority.create({ commonName: `pome run ${opts.runId}` }) : null;
  const routes = opts.tls ? vendorRoutes(opts.twinUrls) : [];
  let trust: TrustFiles | null = null;
  let proxy: CaptureProxy;
  try {
    trust = authority?.writeTrustFiles() ?? null;
    proxy = await startCaptureProxy({
      floor,
      record: (event) => emit(opts.sink, event),
      twins: opts.twins,
      tls: authority ? { authority, routes } : null,
      unrecordedLoopbackPorts: [Number(new URL(opts.twinOrigin).port)].filter((p) => p > 0),
      timeouts: opts.timeouts,
      upstream: opts.upstream,
    });
  } catch (error) {
    authority?.removeTrustFiles();
    throw error;
  }

  const blindSpots = [IGNORES_PROXY];
  blindSpots.push(
    authority
      ? "clients that pin certificates or do not read NODE_EXTRA_CA_CERTS / SSL_CERT_FILE / REQUESTS_CA_BUNDLE cannot reach LLM providers or vendor hosts (each such attempt is a warning)"
      : "HTTPS is tunnelled, not decrypted: no url, status, model or tokens for LLM calls over HTTPS (--capture-tls decrypts them)",
  );
  let closed = false;
  return {
    proxyUrl: proxy.url,
    trust,
    layers: {
      proxy: true,
      tls: authority !== null,
      proxy_url: proxy.url,
      egress_allow: floor.patterns,
      vendor_routes: Object.fromEntries(routes.map((r) => [`${r.host}${r.pathPrefix}`, r.twin])),
      ca_sha256: authority?.fingerprint ?? null,
      blind_spots: blindSpots,
    },
    refused: () => proxy.refused(),
    warnings: () => proxy.warnings(),
    async close() {
      if (closed) return;
      closed = true;
      try {
        await proxy.close();
      } finally {
        authority?.removeTrustFiles();
      }
    },
  };
}

function emit(sink: RunCaptureOptions["sink"], event: CaptureEvent): void {
  if (event.kind === "LlmCallEvent") sink.emit("LlmCallEvent", event);
  else sink.emit("EgressRefusedEvent", event);
}
