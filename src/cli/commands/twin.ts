/**
 * `pome twin start <twin>` serves one twin for hand testing until Ctrl-C;
 * `pome twin fidelity [twin]` prints the operation table with each operation's tier.
 */
import { readFileSync } from "node:fs";
import { extname } from "node:path";
import type { Command } from "commander";
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import {
  createTwinServer,
  fidelityRows,
  onStopSignals,
  PomeError,
  renderFidelityTable,
  TWINS,
  usageError,
  type TwinDefinition,
  type TwinName,
} from "../../index.js";

export type TwinCatalog = Partial<Record<TwinName, TwinDefinition>>;

export interface TwinStartOptions {
  twin: string;
  port?: number;
  seed?: string;
  env?: boolean;
}

export interface TwinStartIo {
  out(text: string): void;
  err(text: string): void;
  /** Resolves when the twin should stop (SIGINT/SIGTERM from the command). */
  stopped: Promise<unknown>;
  /** Called once the twin is serving, with its session environment. */
  onReady?(env: Record<string, string>): void;
}

/** POSIX single quotes, so URLs and tokens paste into any shell unchanged. */
const shellQuote = (value: string) => `'${value.replace(/'/g, `'\\''`)}'`;

/** JWTs handed out for hand testing outlive a working day. */
const HAND_TEST_TOKEN_TTL_SECONDS = 7 * 24 * 3600;

function definitionOf(catalog: TwinCatalog, twin: string): TwinDefinition {
  const definition = catalog[twin];
  if (!definition) throw usageError(`unknown twin "${twin}" (available: ${Object.keys(catalog).join(", ") || "none"})`);
  return definition;
}

/** A seed file: JSON or YAML, either the twin's seed itself or `{ "<twin>": seed }`. */
export function readSeedFile(path: string, twin: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw usageError(`cannot read seed file ${path}: ${(error as Error).message}`);
  }
  let data: unknown;
  try {
    data = [".yml", ".yaml"].includes(extname(path).toLowerCase()) ? parseYaml(text) : JSON.parse(text);
  } catch (error) {
    throw new PomeError("SCENARIO_INVALID", `seed file is not valid ${extname(path) === ".json" ? "JSON" : "JSON or YAML"}: ${(error as Error).message}`, { file: path });
  }
  if (typeof data === "object" && data !== null && !Array.isArray(data)) {
    const keys = Object.keys(data);
    if (keys.length === 1 && keys[0] === twin) return (data as Record<string, unknown>)[twin];
  }
  return data;
}

export async function startTwin(options: TwinStartOptions, io: TwinStartIo, catalog: TwinCatalog = TWINS): Promise<void> {
  const definition = definitionOf(catalog, options.twin);
  const name = definition.name;
  const seed = options.seed === undefined ? undefined : readSeedFile(options.seed, name);
  if (seed !== undefined) {
    const parsed = definition.seed.schema.safeParse(seed);
    if (!parsed.success) throw new PomeError("SCENARIO_INVALID", `invalid ${name} seed:\n${z.prettifyError(parsed.error)}`, { file: options.seed });
  }
  const server = await createTwinServer([definition], {
    port: options.port,
    onInternalError: (error, where) => io.err(`twin error in ${where.operation ?? "request"}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`),
  });
  try {
    const session = server.openSession({ twins: [name], seeds: { [name]: seed }, seedKey: `pome-twin-${name}`, tokenTtlSeconds: HAND_TEST_TOKEN_TTL_SECONDS });
    const urls = session.urls[name]!;
    if (options.env) {
      for (const [key, value] of Object.entries(session.env)) io.out(`export ${key}=${shellQuote(value)}\n`);
      io.err(`pome twin ${name} on ${server.origin} (Ctrl-C to stop)\n`);
    } else {
      const admin = `curl -H 'x-pome-admin-token: ${server.adminToken}' ${server.origin}/s/${session.id}/_pome`;
      io.out(
        [
          `pome twin ${name} ${definition.version}: ${definition.operations.length} operations on ${server.origin}`,
          `  REST   ${urls.rest}`,
          `  MCP    ${urls.mcp}`,
          `  JWT    ${session.jwt}`,
          `  token  ${session.tokens[name]}`,
          `  state  ${admin}/state`,
          `  reset  ${admin}/reset -X POST`,
          "Ctrl-C to stop.",
          "",
        ].join("\n"),
      );
    }
    io.onReady?.(session.env);
    await io.stopped;
  } finally {
    await server.close();
  }
}

export function fidelityText(catalog: TwinCatalog, twin?: string): string {
  const definitions = twin === undefined ? Object.values(catalog).filter((definition) => definition !== undefined) : [definitionOf(catalog, twin)];
  if (definitions.length === 0) return "no twins available\n";
  return definitions.map((definition) => `${definition.name} ${definition.version}\n${renderFidelityTable(fidelityRows(definition))}`).join("\n");
}

/** Resolves at the first SIGINT or SIGTERM; the handlers go at once, so a second signal ends pome as usual. */
function untilSignal(): Promise<void> {
  const stop = onStopSignals();
  return new Promise((resolve) =>
    stop.signal.addEventListener(
      "abort",
      () => {
        stop.dispose();
        resolve();
      },
      { once: true },
    ),
  );
}

export function registerTwinCommands(program: Command, catalog: TwinCatalog = TWINS): void {
  const twin = program.command("twin").description("Serve a twin by hand, or show what it covers.");
  twin
    .command("start")
    .description("Serve one twin on loopback and print its REST URL, MCP URL and tokens; Ctrl-C stops it.")
    .argument("<twin>", `the twin to serve (${Object.keys(catalog).join(", ") || "none available"})`)
    .option("--port <n>", "port to listen on (default: any free port)", (value) => {
      const port = Number(value);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw usageError(`--port must be a port number, got ${value}`);
      return port;
    })
    .option("--seed <file>", "seed file (JSON or YAML): the twin's seed, or { <twin>: seed }")
    .option("--env", "print `export NAME=value` lines for the agent's environment")
    .action(async (name: string, values: { port?: number; seed?: string; env?: boolean }) => {
      await startTwin(
        { twin: name, ...values },
        { out: (text) => process.stdout.write(text), err: (text) => process.stderr.write(text), stopped: untilSignal() },
        catalog,
      );
    });
  twin
    .command("fidelity")
    .description("Print each operation of a twin (or of every twin) with its REST routes and fidelity tier.")
    .argument("[twin]", "one twin (default: all)")
    .action((name: string | undefined) => {
      process.stdout.write(fidelityText(catalog, name));
    });
}
