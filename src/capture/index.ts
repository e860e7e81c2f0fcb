/**
 * capture/: the per-run egress proxy.
 * Takes the egress floor (allow-list), an event sink and, under `--capture-tls`, a per-run
 * CA and the twins' vendor routes; gives a loopback HTTP proxy whose every LLM call and
 * refused egress attempt becomes an LlmCallEvent or EgressRefusedEvent body.
 */
export { startCaptureProxy, type CaptureProxy, type CaptureProxyOptions, type CaptureTlsOptions } from "./proxy.js";
export { EgressFloor, PROVIDER_HOSTS, matches as matchesEgressPattern, type EgressDecision, type EgressFloorInput } from "./egress-floor.js";
export { CertificateAuthority, type TrustFiles } from "./certificate-authority.js";
export { VENDOR_HOSTS, vendorRoutes, type VendorHost, type VendorRoute } from "./vendor-routes.js";
export { readLlmUsage, type LlmExchange, type LlmUsage } from "./llm-usage.js";
export { DEFAULT_TIMEOUTS, type CaptureEvent, type ProxyTimeouts, type UpstreamOptions } from "./proxy-context.js";
export { parseAuthority, isLoopback, normalizeHost } from "./host-names.js";
export { openRunCapture, type CaptureLayers, type RunCapture, type RunCaptureOptions } from "./run-capture.js";
