/**
 * Redaction for everything pome writes (spec/run.md "Artifacts").
 *
 * A secret becomes `[REDACTED:<first 8 hex of sha256(secret)>]`: the same secret always
 * gives the same placeholder, so a reader (or the judge) can still see that the key from a
 * private channel is the one in a public post, while the secret itself is never stored.
 */
import { createHash } from "node:crypto";

export interface Redactor {
  /** A deep copy of a JSON value with secrets replaced (keys, strings, sensitive fields). */
  value<T>(v: T): T;
  /** The text with every secret replaced. */
  text(s: string): string;
}

export interface RedactorOptions {
  /** Exact values to hide wherever they appear (session tokens, the agent's LLM keys). */
  secrets?: string[];
}

/** Shorter known secrets are ignored: hiding a 3-letter value would eat ordinary words. */
const MIN_SECRET_LENGTH = 8;

/**
 * A known secret cut short (a reason quotes the first 57 characters of a comment, a terminal
 * line ends in `…`) is still a leak: a run of at least this many characters that starts or
 * ends the secret is hidden too, for secrets long enough that such a piece is not the whole.
 */
const FRAGMENT_LENGTH = 12;
const MIN_FRAGMENTED_SECRET_LENGTH = 20;

export function placeholder(secret: string): string {
  return `[REDACTED:${createHash("sha256").update(secret).digest("hex").slice(0, 8)}]`;
}

/**
 * Field names whose value is a credential, compared after lower-casing and dropping `-`
 * and `_` (so `api_key`, `api-key` and `apiKey` are one name).
 */
const SENSITIVE_KEYS = new Set(
  [
    "authorization",
    "proxy-authorization",
    "cookie",
    "set-cookie",
    "x-api-key",
    "x-auth-token",
    "api_key",
    "apikey",
    "password",
    "passwd",
    "secret",
    "client_secret",
    "webhook_secret",
    "token",
    "access_token",
    "refresh_token",
    "id_token",
    "session_token",
    "auth_token",
    "agent_token",
    "private_key",
    "x-pome-admin-token",
  ].map(normaliseKey),
);

/** Suffixes that make any field a credential: `github_token`, `OPENAI_API_KEY`, `bot_password`. */
const SENSITIVE_SUFFIXES = ["_token", "-token", "_secret", "-secret", "_password", "_api_key", "-api-key", "apikey", "_private_key"];

function normaliseKey(key: string): string {
  return key.toLowerCase().replace(/[-_]/g, "");
}

export function isSensitiveKey(key: string): boolean {
  if (SENSITIVE_KEYS.has(normaliseKey(key))) return true;
  const lower = key.toLowerCase();
  return SENSITIVE_SUFFIXES.some((suffix) => lower.endsWith(suffix)) || /[a-z0-9](Token|Secret|Password|ApiKey)$/.test(key);
}

/**
 * Vendor credential shapes (upstream-cli-spec §5.9, tightened against false positives:
 * word boundaries, minimum lengths, and a digit required where ordinary slugs could match).
 */
const PATTERNS: RegExp[] = [
  // PEM blocks, whole; then a lone header with its base64 body (a truncated block).
  /-----BEGIN ([A-Z0-9 ]+)-----[\s\S]*?-----END \1-----/g,
  /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----(?:\r?\n[A-Za-z0-9+/=]+)*/g,
  // JWTs: header and payload are base64url JSON objects, so both start with `eyJ`.
  /\beyJ[A-Za-z0-9_-]{5,}\.eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g,
  // OpenAI / Anthropic: `sk-…`, `sk-proj-…`, `sk-ant-api03-…`.
  /\bsk-(?=[A-Za-z0-9_-]*\d)[A-Za-z0-9_-]{20,}/g,
  // Stripe secret and restricted keys, webhook secrets.
  /\b[sr]k_(?:test|live)_[A-Za-z0-9_]{4,}/g,
  /\bwhsec_[A-Za-z0-9]{16,}/g,
  // GitHub tokens.
  /\bgh[pousr]_[A-Za-z0-9]{20,}/g,
  /\bgithub_pat_[A-Za-z0-9_]{20,}/g,
  // Slack tokens.
  /\bxox[abposr]-[A-Za-z0-9-]{10,}/g,
  /\bxapp-[A-Za-z0-9-]{10,}/g,
  // Google API keys, AWS access key ids.
  /\bAIza[0-9A-Za-z_-]{30,}/g,
  /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/g,
  // pome's own hosted API keys.
  /\bpme_[A-Za-z0-9]{20,}/g,
];

/**
 * `key: value` / `key=value` in free text (logs, query strings, pasted JSON). The value must
 * look like a credential (letters and digits, 8+ chars) so "password: required" and
 * "Authorization: Basic authentication" survive.
 */
const KEY_VALUE =
  /\b(authorization|proxy-authorization|x-api-key|api[_-]?key|apikey|password|passwd|secret|client_secret|access_token|refresh_token|auth_token|token)(["']?\s*[:=]\s*["']?)(?:(Bearer|Basic|Token|token|bearer|basic)\s+)?([A-Za-z0-9._~+/=-]{8,})/gi;

/** `Bearer <credential>` anywhere, e.g. a curl command echoed to stdout. */
const BEARER = /\b(Bearer|Basic)\s+([A-Za-z0-9._~+/-]{16,}=*)/g;

const ALREADY_REDACTED = /^(?:(?:Bearer|Basic|Token)\s+)?\[REDACTED:[0-9a-f]{8}\]$/i;

const looksLikeCredential = (s: string) => /[A-Za-z]/.test(s) && /\d/.test(s);

export function createRedactor(opts: RedactorOptions = {}): Redactor {
  const known = [...new Set((opts.secrets ?? []).filter((s) => typeof s === "string" && s.length >= MIN_SECRET_LENGTH))]
    // Longest first, so a secret that contains another is replaced whole.
    .sort((a, b) => b.length - a.length);

  function text(s: string): string {
    if (s.length < MIN_SECRET_LENGTH) return s;
    let out = s;
    for (const secret of known) {
      if (out.includes(secret)) out = out.split(secret).join(placeholder(secret));
    }
    // Pieces of known secrets before the patterns, so a cut JWT keeps its whole secret's placeholder.
    for (const secret of known) if (secret.length >= MIN_FRAGMENTED_SECRET_LENGTH) out = hideFragments(out, secret);
    for (const pattern of PATTERNS) out = out.replace(pattern, (m) => placeholder(m));
    out = out.replace(KEY_VALUE, (whole, key: string, sep: string, scheme: string | undefined, cred: string) => {
      if (!looksLikeCredential(cred)) return whole;
      return `${key}${sep}${scheme ? `${scheme} ` : ""}${placeholder(cred)}`;
    });
    out = out.replace(BEARER, (whole, scheme: string, cred: string) => (looksLikeCredential(cred) ? `${scheme} ${placeholder(cred)}` : whole));
    return out;
  }

  /** The value of a credential field: hidden whatever it looks like, keeping an auth scheme visible. */
  function sensitive(v: unknown): unknown {
    if (typeof v === "string") {
      if (v === "" || ALREADY_REDACTED.test(v)) return v;
      // A lone credential (after its auth scheme) hashes exactly as it would in free text,
      // so the token in an Authorization header matches the same token leaked to stdout.
      const single = /^(?:(Bearer|Basic|Token)\s+)?(\S+)$/i.exec(v);
      return single ? `${single[1] ? `${single[1]} ` : ""}${placeholder(single[2])}` : placeholder(v);
    }
    if (typeof v === "number") return placeholder(String(v));
    if (Array.isArray(v)) return v.map(sensitive);
    if (isPlainObject(v)) return mapObject(v, (_key, inner) => sensitive(inner));
    // null, booleans: nothing to hide, and keeping them keeps the shape readable.
    return v;
  }

  function walk(v: unknown): unknown {
    if (typeof v === "string") return text(v);
    if (Array.isArray(v)) return v.map(walk);
    if (isPlainObject(v)) return mapObject(v, (key, inner) => (isSensitiveKey(key) ? sensitive(inner) : walk(inner)));
    return v;
  }

  function mapObject(o: Record<string, unknown>, f: (key: string, v: unknown) => unknown): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(o)) out[text(key)] = f(key, inner);
    return out;
  }

  return { text, value: <T>(v: T) => walk(v) as T };
}

/** A character that continues a credential (a `.` does not: it ends a sentence, or starts `...`). */
const CREDENTIAL_CHAR = /[A-Za-z0-9_+/=-]/;

/**
 * Runs of `text` that begin the secret and stop where the text's word stops (a cut end), or
 * end it and start where the word starts (a cut start), each as the secret's placeholder. A
 * run that goes on in other credential characters is another token sharing a prefix (two
 * JWTs share their header): the patterns hide it under its own placeholder.
 */
function hideFragments(text: string, secret: string): string {
  const mark = placeholder(secret);
  let out = text;
  const head = secret.slice(0, FRAGMENT_LENGTH);
  for (let at = out.indexOf(head); at !== -1; at = out.indexOf(head, at + 1)) {
    let n = head.length;
    while (n < secret.length && out[at + n] === secret[n]) n++;
    const next = out[at + n];
    if (next !== undefined && CREDENTIAL_CHAR.test(next)) continue;
    out = `${out.slice(0, at)}${mark}${out.slice(at + n)}`;
  }
  const tail = secret.slice(-FRAGMENT_LENGTH);
  for (let at = out.indexOf(tail); at !== -1; at = out.indexOf(tail, at + 1)) {
    const end = at + tail.length;
    let start = at;
    while (end - start < secret.length && start > 0 && out[start - 1] === secret[secret.length - (end - start) - 1]) start--;
    const before = out[start - 1];
    if (before !== undefined && CREDENTIAL_CHAR.test(before)) continue;
    out = `${out.slice(0, start)}${mark}${out.slice(end)}`;
    at = start;
  }
  return out;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== "object") return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}
