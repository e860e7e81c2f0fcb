/** Writing a reply to the socket. */
import type { ServerResponse } from "node:http";

const JSON_TYPE = "application/json; charset=utf-8";
const FALLBACK_500 = '{"message":"Internal Server Error"}';

/**
 * Send `body` as JSON, or as is when the reply names a non-JSON content type and the body
 * is text or bytes (raw file and diff media types). 204/304 and undefined send no body.
 */
export function sendReply(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  const out: Record<string, string> = {};
  for (const name in headers) out[name.toLowerCase()] = headers[name];
  let payload: string | Buffer | undefined;
  if (body !== undefined && status !== 204 && status !== 304) {
    const declared = out["content-type"];
    if (declared !== undefined && !declared.includes("json") && (typeof body === "string" || Buffer.isBuffer(body))) payload = body;
    else {
      try {
        payload = JSON.stringify(body) ?? "null";
      } catch {
        status = 500;
        payload = FALLBACK_500;
      }
      out["content-type"] = declared !== undefined && declared.includes("json") ? declared : JSON_TYPE;
    }
    out["content-length"] = String(Buffer.byteLength(payload));
  }
  res.writeHead(status, out);
  res.end(payload);
}
