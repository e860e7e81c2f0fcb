import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, test } from "vitest";

/**
 * Imports flow down the pipeline (DESIGN.md, conventions 1): a folder imports only from
 * folders of a lower rank, and only through their index.ts. The rank is
 * trace → criteria → twins → scenario → evaluate → run → report → action, cli.
 * llm/ and capture/ are services beside the pipeline that run/ drives: llm/ imports
 * nothing of it (evaluate/'s judge uses it too), capture/ knows the twins' URLs.
 */
const RANK: Record<string, number> = {
  "exit-codes.ts": 0,
  // PomeError's exit code is read from the table in exit-codes.ts.
  "errors.ts": 0.5,
  "version.ts": 0,
  "canonical-json.ts": 0,
  trace: 1,
  criteria: 2,
  twins: 3,
  scenario: 4,
  llm: 4,
  capture: 4,
  evaluate: 5,
  run: 6,
  report: 7,
  "index.ts": 8,
  cli: 9,
  action: 9,
};

const SRC = resolve(__dirname, "../../src");

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : path.endsWith(".ts") ? [path] : [];
  });
}

function imports(file: string): string[] {
  const text = readFileSync(file, "utf8");
  const found: string[] = [];
  for (const m of text.matchAll(/(?:import|export)\s[^'"]*?from\s+["'](\.[^"']+)["']|import\(\s*["'](\.[^"']+)["']\s*\)/g)) {
    const spec = m[1] ?? m[2];
    found.push(resolve(dirname(file), spec.replace(/\.js$/, ".ts")));
  }
  return found;
}

const top = (file: string) => relative(SRC, file).split("/")[0];

describe("import graph", () => {
  const all = files(SRC);

  test("every top-level folder and file has a rank", () => {
    const unranked = [...new Set(all.map(top))].filter((t) => RANK[t] === undefined);
    expect(unranked).toEqual([]);
  });

  test("imports go to a lower rank, through the folder's index.ts", () => {
    const bad: string[] = [];
    for (const file of all) {
      for (const target of imports(file)) {
        const from = top(file);
        const to = top(target);
        if (from === to) continue;
        const targetRel = relative(SRC, target);
        const viaIndex = !targetRel.includes("/") || targetRel === `${to}/index.ts`;
        if (RANK[to] >= RANK[from] || !viaIndex) bad.push(`${relative(SRC, file)} -> ${targetRel}`);
      }
    }
    expect(bad).toEqual([]);
  });

  test("cli/ and action/ import only src/index.ts", () => {
    // The shells see pome as a library user does (DESIGN.md: thin shells over one entry point).
    const bad: string[] = [];
    for (const file of all.filter((f) => top(f) === "cli" || top(f) === "action")) {
      for (const target of imports(file)) {
        if (top(target) === top(file)) continue;
        if (relative(SRC, target) !== "index.ts") bad.push(`${relative(SRC, file)} -> ${relative(SRC, target)}`);
      }
    }
    expect(bad).toEqual([]);
  });

  test("no import cycles between files", () => {
    const graph = new Map(all.map((f) => [f, imports(f).filter((t) => all.includes(t))]));
    const state = new Map<string, "visiting" | "done">();
    const cycles: string[] = [];
    const visit = (f: string, path: string[]) => {
      if (state.get(f) === "done") return;
      if (state.get(f) === "visiting") {
        cycles.push([...path.slice(path.indexOf(f)), f].map((p) => relative(SRC, p)).join(" -> "));
        return;
      }
      state.set(f, "visiting");
      for (const t of graph.get(f) ?? []) visit(t, [...path, f]);
      state.set(f, "done");
    };
    for (const f of all) visit(f, []);
    expect(cycles).toEqual([]);
  });
});
