/**
 * `multipart/form-data` fields (Slack uploads, curl -F). Text fields become strings; a file
 * part becomes `{ filename, content_type, content }` with its bytes read as UTF-8 (the
 * exact bytes stay available to handlers as `ctx.rawBody`).
 */

export interface FilePart {
  filename: string;
  content_type: string;
  content: string;
}

export function multipartBoundary(contentType: string): string | null {
  const match = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return match ? (match[1] ?? match[2]) : null;
}

function headerParam(header: string, name: string): string | null {
  const match = new RegExp(`(?:^|;)\\s*${name}="((?:[^"\\\\]|\\\\.)*)"|(?:^|;)\\s*${name}=([^;\\s]+)`, "i").exec(header);
  if (!match) return null;
  return match[1] !== undefined ? match[1].replace(/\\(.)/g, "$1") : match[2];
}

/** The body's `[name, value]` pairs, or null when it is not well-formed multipart. */
export function parseMultipart(body: Buffer, boundary: string): Array<[string, string | FilePart]> | null {
  const delimiter = Buffer.from(`--${boundary}`);
  const pairs: Array<[string, string | FilePart]> = [];
  let at = body.indexOf(delimiter);
  if (at === -1) return null;
  for (;;) {
    at += delimiter.length;
    if (body[at] === 0x2d && body[at + 1] === 0x2d) return pairs;
    if (body[at] === 0x0d && body[at + 1] === 0x0a) at += 2;
    const headerEnd = body.indexOf("\r\n\r\n", at);
    if (headerEnd === -1) return null;
    const next = body.indexOf(Buffer.from(`\r\n--${boundary}`), headerEnd + 4);
    if (next === -1) return null;
    const headers = new Map<string, string>();
    for (const line of body.subarray(at, headerEnd).toString("utf8").split("\r\n")) {
      const colon = line.indexOf(":");
      if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
    }
    const disposition = headers.get("content-disposition") ?? "";
    const name = headerParam(disposition, "name");
    const content = body.subarray(headerEnd + 4, next);
    if (name !== null) {
      const filename = headerParam(disposition, "filename");
      pairs.push([
        name,
        filename === null
          ? content.toString("utf8")
          : { filename, content_type: headers.get("content-type") ?? "application/octet-stream", content: content.toString("utf8") },
      ]);
    }
    at = next + 2;
  }
}
