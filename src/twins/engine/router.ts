/**
 * The REST router of one twin, compiled once from its operation table. Routes without
 * parameters sit in a map keyed by `METHOD path`; the rest go into a segment tree where a
 * static segment is tried before a `{param}`, and a trailing `{name+}` takes the rest of
 * the path (zero or more segments, slashes kept). Matching backtracks, so
 * `/issues/comments/{comment_id}` and `/issues/{issue_number}` both resolve.
 */
import type { HttpMethod, Operation, RestRoute } from "./operation.js";

export interface RouteMatch {
  operation: Operation;
  route: RestRoute;
  /** Path parameters, URL-decoded. */
  params: Record<string, string>;
}

interface Endpoint {
  operation: Operation;
  route: RestRoute;
  /** Parameter names in path order. */
  names: string[];
}

interface Node {
  statics: Map<string, Node>;
  param?: Node;
  /** Endpoints whose path ends here, by method. */
  endpoints: Map<string, Endpoint>;
  /** Endpoints whose trailing `{name+}` starts here, by method. */
  greedy: Map<string, Endpoint>;
}

export const MESSAGE_DUPLICATE_ROUTE = "two operations declare the same route";
export const MESSAGE_GREEDY_NOT_LAST = "a `{name+}` parameter must be the last segment";

const newNode = (): Node => ({ statics: new Map(), endpoints: new Map(), greedy: new Map() });

export interface Router {
  match(method: string, path: string): RouteMatch | null;
}

/** Split a path into raw (still encoded) segments, ignoring a trailing slash. */
export function pathSegments(path: string): string[] {
  const trimmed = path.length > 1 && path.endsWith("/") ? path.slice(0, -1) : path;
  const segments = trimmed.split("/");
  segments.shift();
  return segments;
}

function decode(raw: string): string {
  if (!raw.includes("%")) return raw;
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

export function compileRouter(operations: readonly Operation[]): Router {
  const statics = new Map<string, Endpoint>();
  const root = newNode();

  for (const operation of operations) {
    for (const route of operation.rest) {
      const segments = pathSegments(route.path);
      const names: string[] = [];
      let node = root;
      let greedy = false;
      segments.forEach((segment, i) => {
        const param = /^\{([A-Za-z_][A-Za-z0-9_]*)(\+?)\}$/.exec(segment);
        if (!param) {
          let child = node.statics.get(segment);
          if (!child) node.statics.set(segment, (child = newNode()));
          node = child;
          return;
        }
        names.push(param[1]);
        if (param[2] === "+") {
          if (i !== segments.length - 1) throw new Error(`${MESSAGE_GREEDY_NOT_LAST}: ${route.method} ${route.path}`);
          greedy = true;
          return;
        }
        node = node.param ??= newNode();
      });
      const endpoint: Endpoint = { operation, route, names };
      const table = greedy ? node.greedy : names.length === 0 ? null : node.endpoints;
      const key = `${route.method} ${segments.join("/")}`;
      if (table === null) {
        if (statics.has(key)) throw new Error(`${MESSAGE_DUPLICATE_ROUTE}: ${route.method} ${route.path}`);
        statics.set(key, endpoint);
        node.endpoints.set(route.method, endpoint);
      } else {
        if (table.has(route.method)) throw new Error(`${MESSAGE_DUPLICATE_ROUTE}: ${route.method} ${route.path}`);
        table.set(route.method, endpoint);
      }
    }
  }

  function walk(node: Node, segments: string[], i: number, method: string, values: string[]): Endpoint | null {
    if (i === segments.length) {
      const here = node.endpoints.get(method);
      if (here) return here;
    } else {
      const child = node.statics.get(segments[i]);
      if (child) {
        const found = walk(child, segments, i + 1, method, values);
        if (found) return found;
      }
      if (node.param && segments[i] !== "") {
        values.push(segments[i]);
        const found = walk(node.param, segments, i + 1, method, values);
        if (found) return found;
        values.pop();
      }
    }
    const greedy = node.greedy.get(method);
    if (greedy) {
      values.push(segments.slice(i).join("/"));
      return greedy;
    }
    return null;
  }

  return {
    match(rawMethod, path) {
      const method = (rawMethod === "HEAD" ? "GET" : rawMethod) as HttpMethod;
      const segments = pathSegments(path);
      const fixed = statics.get(`${method} ${segments.join("/")}`);
      if (fixed) return { operation: fixed.operation, route: fixed.route, params: {} };
      const values: string[] = [];
      const endpoint = walk(root, segments, 0, method, values);
      if (!endpoint) return null;
      const params: Record<string, string> = {};
      endpoint.names.forEach((name, i) => {
        params[name] = decode(values[i]);
      });
      return { operation: endpoint.operation, route: endpoint.route, params };
    },
  };
}
