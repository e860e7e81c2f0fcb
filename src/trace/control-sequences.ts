/**
 * Untrusted text made inert: an agent's summary and output, twin data quoted in reasons,
 * the judge's words, another job's results. A terminal acts on escape sequences (clear the
 * screen, retitle the window, hide a hyperlink behind innocent text, move the cursor over a
 * FAIL), and a `\r` or bidi override rewrites what a reader sees; so every such sequence and
 * control character is removed before the text is shown anywhere — terminal, markdown,
 * JUnit. Tabs and newlines stay (`\r\n` and a lone `\r` become `\n`).
 */

/** ECMA-48 control sequences: ESC [ or the 8-bit CSI, parameters, intermediates, a final byte. */
const CSI = /(?:\u001b\[|\u009b)[\u0030-\u003f]*[\u0020-\u002f]*[\u0040-\u007e]/g;
/**
 * Control strings — OSC (titles, hyperlinks, clipboard), DCS, SOS, PM, APC — up to their
 * terminator (BEL or ST); unterminated, up to the end of the line a terminal would swallow.
 */
const CONTROL_STRING = /(?:\u001b[\]PX^_]|[\u0090\u0098\u009d\u009e\u009f])[^\n]*?(?:\u0007|\u001b\\|\u009c|(?=\n)|$)/g;
/** Every other escape sequence: ESC, intermediates, a final byte (`ESC c` resets the terminal, `ESC #8` fills it). */
const ESCAPE = /\u001b[\u0020-\u002f]*[\u0030-\u007e]/g;
/** C0 (but tab and newline), DEL, C1, and the bidi overrides and isolates that reorder what is shown. */
const CONTROL_CHARS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

export function stripControls(text: string): string {
  return text.replace(CSI, "").replace(CONTROL_STRING, "").replace(ESCAPE, "").replace(/\r\n?/g, "\n").replace(CONTROL_CHARS, "");
}

/** A copy of a JSON-like value with every string (and key) passed through stripControls. */
export function stripControlsDeep<T>(value: T): T {
  return deep(value) as T;
}

function deep(v: unknown): unknown {
  if (typeof v === "string") return stripControls(v);
  if (Array.isArray(v)) return v.map(deep);
  if (v !== null && typeof v === "object" && (Object.getPrototypeOf(v) === Object.prototype || Object.getPrototypeOf(v) === null)) {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(v)) out[stripControls(key)] = deep(inner);
    return out;
  }
  return v;
}
