/**
 * A bounded loopback load generator: `total` requests over `connections` keep-alive
 * connections (undici Pool), latency per request, throughput over the whole run.
 */
import { Pool } from "undici";
import { percentile, round } from "./stats.js";

export interface LoadRequest {
  method: "GET" | "POST";
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface LoadResult {
  requests: number;
  errors: number;
  req_per_s: number;
  p50_ms: number;
  p99_ms: number;
}

export async function load(origin: string, request: () => LoadRequest, opts: { total: number; connections: number }): Promise<LoadResult> {
  const pool = new Pool(origin, { connections: opts.connections, pipelining: 1 });
  const latencies: number[] = [];
  let errors = 0;
  let issued = 0;
  const worker = async () => {
    while (issued < opts.total) {
      issued++;
      const r = request();
      const start = performance.now();
      const res = await pool.request({ method: r.method, path: r.path, headers: r.headers, body: r.body });
      await res.body.arrayBuffer();
      latencies.push(performance.now() - start);
      if (res.statusCode >= 400) errors++;
    }
  };
  const start = performance.now();
  await Promise.all(Array.from({ length: opts.connections }, worker));
  const seconds = (performance.now() - start) / 1000;
  await pool.close();
  return {
    requests: latencies.length,
    errors,
    req_per_s: round(latencies.length / seconds, 1),
    p50_ms: round(percentile(latencies, 50)),
    p99_ms: round(percentile(latencies, 99)),
  };
}
