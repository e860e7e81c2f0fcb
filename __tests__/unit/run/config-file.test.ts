import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { PomeError } from "../../../src/errors.js";
import { loadConfig } from "../../../src/run/config-file.js";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "pome-config-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const write = (text: string, ...where: string[]) => {
  mkdirSync(join(dir, ...where), { recursive: true });
  writeFileSync(join(dir, ...where, "pome.config.json"), text);
};

function configError(start: string): PomeError {
  try {
    loadConfig(start);
  } catch (error) {
    expect(error).toBeInstanceOf(PomeError);
    return error as PomeError;
  }
  throw new Error("expected an error");
}

describe("pome.config.json", () => {
  test("reads agent.command and artifactsDir (resolved against the config's folder)", () => {
    write(JSON.stringify({ agent: { command: "node agent.mjs" }, artifactsDir: "out/runs" }));
    expect(loadConfig(dir)).toEqual({ file: join(dir, "pome.config.json"), agentCommand: "node agent.mjs", artifactsDir: join(dir, "out/runs") });
  });

  test("is found in a parent folder", () => {
    write(JSON.stringify({ agent: { command: "node agent.mjs" } }));
    mkdirSync(join(dir, "a", "b"), { recursive: true });
    expect(loadConfig(join(dir, "a", "b")).agentCommand).toBe("node agent.mjs");
  });

  test("the nearest file wins", () => {
    write(JSON.stringify({ agent: { command: "outer" } }));
    write(JSON.stringify({ agent: { command: "inner" } }), "sub");
    expect(loadConfig(join(dir, "sub")).agentCommand).toBe("inner");
  });

  test("unknown keys are left alone", () => {
    write(JSON.stringify({ agentId: "agt_1", passThreshold: 80, agent: { sdk: "custom" } }));
    expect(loadConfig(dir)).toMatchObject({ agentCommand: null, artifactsDir: null });
  });

  test("invalid JSON is a usage error with the file and line", () => {
    write('{\n  "agent": {\n    "command": "x",\n  }\n}');
    const error = configError(dir);
    expect(error.code).toBe("USAGE");
    expect(error.file).toBe(join(dir, "pome.config.json"));
    expect(error.line).toBe(4);
  });

  test("an empty agent.command is a usage error naming the key", () => {
    write(JSON.stringify({ agent: { command: "  " } }));
    const error = configError(dir);
    expect(error.code).toBe("USAGE");
    expect(error.describe()).toMatch(/pome\.config\.json: `agent\.command` must be a non-empty command/);
  });
});
