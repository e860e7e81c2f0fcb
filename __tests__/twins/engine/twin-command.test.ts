import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Command } from "commander";
import { describe, expect, test } from "vitest";
import { fidelityText, readSeedFile, registerTwinCommands, startTwin, type TwinCatalog } from "../../../src/cli/commands/twin.js";
import { PomeError } from "../../../src/errors.js";
import { notesTwin } from "./notes-twin.js";

const catalog = { notes: notesTwin } as unknown as TwinCatalog;

async function runStart(options: Parameters<typeof startTwin>[0], probe: (env: Record<string, string>) => Promise<void>) {
  let out = "";
  let stop!: () => void;
  const stopped = new Promise<void>((resolve) => (stop = resolve));
  let probing: Promise<void> = Promise.resolve();
  const done = startTwin(
    options,
    {
      out: (text) => (out += text),
      err: () => undefined,
      stopped,
      onReady: (env) => {
        probing = probe(env).finally(stop);
      },
    },
    catalog,
  );
  await done;
  await probing;
  return out;
}

describe("pome twin start", () => {
  test("serves the twin and prints its URLs and tokens", async () => {
    let restUrl = "";
    const out = await runStart({ twin: "notes" }, async (env) => {
      restUrl = env.POME_NOTES_REST_URL;
      const res = await fetch(`${restUrl}/notes`, { headers: { authorization: `Bearer ${env.POME_AUTH_TOKEN}` } });
      expect(res.status).toBe(200);
    });
    expect(out).toContain(`REST   ${restUrl}`);
    expect(out).toContain(`MCP    ${restUrl}/mcp`);
    expect(out).toMatch(/JWT {4}eyJ/);
    expect(out).toMatch(/token {2}nt_/);
  });

  test("--env prints export lines only", async () => {
    const out = await runStart({ twin: "notes", env: true }, async () => undefined);
    const lines = out.trim().split("\n");
    expect(lines.every((line) => /^export POME_[A-Z_]+='[^']*'$/.test(line))).toBe(true);
    expect(lines.map((line) => line.split("=")[0])).toEqual(
      expect.arrayContaining(["export POME_TWIN_NAMES", "export POME_AUTH_TOKEN", "export POME_NOTES_REST_URL", "export POME_NOTES_MCP_URL", "export POME_NOTES_TOKEN"]),
    );
  });

  test("stops: the port is closed once `stopped` resolves", async () => {
    let origin = "";
    await runStart({ twin: "notes" }, async (env) => {
      origin = env.POME_NOTES_ORIGIN;
    });
    await expect(fetch(`${origin}/healthz`)).rejects.toThrow();
  });

  test("--seed reads a seed file, bare or keyed by twin", async () => {
    const dir = mkdtempSync(join(tmpdir(), "pome-twin-"));
    const file = join(dir, "seed.json");
    writeFileSync(file, JSON.stringify({ notes: { notes: [{ title: "From file" }] } }));
    expect(readSeedFile(file, "notes")).toEqual({ notes: [{ title: "From file" }] });
    const yaml = join(dir, "seed.yaml");
    writeFileSync(yaml, "notes:\n  notes:\n    - title: Yaml note\n  files: {}\n");
    expect(readSeedFile(yaml, "notes")).toEqual({ notes: [{ title: "Yaml note" }], files: {} });
    await runStart({ twin: "notes", seed: file }, async (env) => {
      const res = await fetch(`${env.POME_NOTES_REST_URL}/notes`, { headers: { authorization: `Bearer ${env.POME_AUTH_TOKEN}` } });
      expect(((await res.json()) as Array<{ title: string }>).map((n) => n.title)).toEqual(["From file"]);
    });
  });

  test("a bad seed file is a scenario error naming the file", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "pome-twin-")), "bad.json");
    writeFileSync(file, JSON.stringify({ notes: "nope" }));
    const started = startTwin({ twin: "notes", seed: file }, { out: () => undefined, err: () => undefined, stopped: Promise.resolve() }, catalog);
    await expect(started).rejects.toMatchObject({ code: "SCENARIO_INVALID", file });
  });

  test("an unknown twin is a usage error", async () => {
    const started = startTwin({ twin: "jira" }, { out: () => undefined, err: () => undefined, stopped: Promise.resolve() }, catalog);
    await expect(started).rejects.toBeInstanceOf(PomeError);
    await expect(started).rejects.toMatchObject({ code: "USAGE" });
  });
});

describe("pome twin fidelity", () => {
  test("prints every operation with its routes and tier", () => {
    const text = fidelityText(catalog, "notes");
    expect(text).toContain("notes 1.0.0");
    expect(text).toMatch(/update_note\s+semantic\s+PATCH \/notes\/\{note_id\}\n\s+POST \/notes\/\{note_id\}/);
    expect(text).toMatch(/search_notes\s+shape\s+GET \/notes\/search/);
    expect(text).toContain(`${notesTwin.operations.length} operations`);
  });

  test("the commands are registered under `twin`", () => {
    const program = new Command("pome");
    registerTwinCommands(program, catalog);
    const twin = program.commands.find((c) => c.name() === "twin")!;
    expect(twin.commands.map((c) => c.name())).toEqual(["start", "fidelity"]);
  });
});
