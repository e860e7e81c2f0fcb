/**
 * `application/x-www-form-urlencoded` and query strings, with the bracket notation
 * stripe-node writes: `metadata[plan]=pro`, `expand[]=customer`, `items[0][price]=p`.
 * A key given twice without brackets (`labels=a&labels=b`) becomes an array.
 */

type Container = Record<string, unknown>;

/** Keys that would reach Object.prototype: such fields are dropped, never assigned. */
const FORBIDDEN_KEYS = new Set(["__proto__", "constructor", "prototype"]);
const INDEX = /^(0|[1-9]\d{0,8})$/;

function decodeComponent(raw: string): string {
  const spaced = raw.includes("+") ? raw.replace(/\+/g, " ") : raw;
  if (!spaced.includes("%")) return spaced;
  try {
    return decodeURIComponent(spaced);
  } catch {
    return spaced;
  }
}

/** Bracketed levels a key may have; a deeper key stays one literal name (the twin then refuses or ignores it). */
const MAX_KEY_DEPTH = 100;

/** `a[b][]` → `["a", "b", ""]`; a key that is not well-formed (or nests too deep) is one literal segment. */
export function keyPath(key: string): string[] {
  const open = key.indexOf("[");
  if (open <= 0 || !key.endsWith("]")) return [key];
  const path = [key.slice(0, open)];
  const rest = key.slice(open);
  const groups = rest.match(/\[[^[\]]*\]/g);
  if (!groups || groups.join("") !== rest || groups.length > MAX_KEY_DEPTH) return [key];
  for (const group of groups) path.push(group.slice(1, -1));
  return path;
}

const isContainer = (value: unknown): value is Container =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** Arrays made of repeated plain keys, told apart from containers being filled. */
const REPEATED = new WeakSet<unknown[]>();
/** Next index for `[]` appends, per container. */
const NEXT_INDEX = new WeakMap<Container, number>();

function assign(root: Container, path: string[], value: unknown): void {
  if (path.some((segment) => FORBIDDEN_KEYS.has(segment))) return;
  let node = root;
  for (let i = 0; i < path.length; i++) {
    let key = path[i];
    if (key === "") {
      key = String(NEXT_INDEX.get(node) ?? 0);
    }
    if (INDEX.test(key)) NEXT_INDEX.set(node, Math.max(NEXT_INDEX.get(node) ?? 0, Number(key) + 1));
    if (i === path.length - 1) {
      const existing = node[key];
      if (existing === undefined) node[key] = value;
      else if (isContainer(existing)) return;
      else if (Array.isArray(existing) && REPEATED.has(existing)) existing.push(value);
      else {
        const repeated = [existing, value];
        REPEATED.add(repeated);
        node[key] = repeated;
      }
      return;
    }
    const existing = node[key];
    if (isContainer(existing)) node = existing;
    else {
      const child: Container = {};
      node[key] = child;
      node = child;
    }
  }
}

/** Containers whose keys are all indices become arrays (in index order, gaps closed). */
function finish(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(finish);
  if (!isContainer(value)) return value;
  const keys = Object.keys(value);
  if (keys.length > 0 && keys.every((key) => INDEX.test(key))) {
    return keys
      .map(Number)
      .sort((a, b) => a - b)
      .map((index) => finish(value[String(index)]));
  }
  const out: Container = {};
  for (const key of keys) out[key] = finish(value[key]);
  return out;
}

/** Nest `[name, value]` pairs by their bracketed names. */
export function assembleFields(pairs: Iterable<readonly [string, unknown]>): Record<string, unknown> {
  const root: Container = {};
  for (const [name, value] of pairs) {
    if (name === "") continue;
    assign(root, keyPath(name), value);
  }
  return finish(root) as Record<string, unknown>;
}

function* splitPairs(text: string): Generator<[string, string]> {
  for (const part of text.split("&")) {
    if (part === "") continue;
    const eq = part.indexOf("=");
    const name = eq === -1 ? part : part.slice(0, eq);
    const value = eq === -1 ? "" : part.slice(eq + 1);
    yield [decodeComponent(name), decodeComponent(value)];
  }
}

/** A form body or query string as nested input fields. */
export function parseUrlEncoded(text: string): Record<string, unknown> {
  return assembleFields(splitPairs(text));
}

/** A query string as recorded: raw names, repeated names as arrays. */
export function flatQuery(text: string): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of splitPairs(text)) {
    if (FORBIDDEN_KEYS.has(name)) continue;
    const existing = out[name];
    if (existing === undefined) out[name] = value;
    else if (Array.isArray(existing)) existing.push(value);
    else out[name] = [existing, value];
  }
  return out;
}
