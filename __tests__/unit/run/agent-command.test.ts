import { describe, expect, test } from "vitest";
import { PomeError } from "../../../src/errors.js";
import { splitAgentCommand } from "../../../src/run/agent-command.js";

const split = (command: string) => splitAgentCommand(command, { trusted: false });

function usageMessage(command: string): string {
  try {
    split(command);
  } catch (error) {
    expect(error).toBeInstanceOf(PomeError);
    expect((error as PomeError).code).toBe("USAGE");
    return (error as PomeError).message;
  }
  throw new Error(`expected ${command} to be refused`);
}

describe("splitting the agent command", () => {
  test("splits words like a shell, respecting quotes and backslashes", () => {
    expect(split(`node "my agent.mjs" --name 'a b' c\\ d`)).toMatchObject({ file: "node", args: ["my agent.mjs", "--name", "a b", "c d"] });
  });

  test("keeps variables literal: nothing expands them without a shell", () => {
    expect(split("node agent.mjs $HOME").args).toEqual(["agent.mjs", "$HOME"]);
  });

  test("keeps glob characters literal", () => {
    expect(split("node agent.mjs --match=*.md").args).toEqual(["agent.mjs", "--match=*.md"]);
  });

  test("leading NAME=value words become the agent's environment", () => {
    expect(split("DEBUG=1 MODE='fast run' node agent.mjs")).toMatchObject({ file: "node", args: ["agent.mjs"], env: { DEBUG: "1", MODE: "fast run" } });
  });

  test("a trailing comment is ignored", () => {
    expect(split("node agent.mjs # the default").args).toEqual(["agent.mjs"]);
  });

  test("shell operators are refused with the escape hatch named", () => {
    expect(usageMessage("node agent.mjs | tee log")).toMatch(/shell syntax \(`\|`\).*POME_TRUST_AGENT_COMMAND=1/);
    expect(usageMessage("npm run build && node agent.mjs")).toMatch(/`&&`/);
    expect(usageMessage("node agent.mjs > out.txt")).toMatch(/`>`/);
  });

  test("an unterminated quote is refused", () => {
    expect(usageMessage(`node "agent.mjs`)).toMatch(/unterminated " quote/);
  });

  test("a trailing backslash is refused", () => {
    expect(usageMessage("node agent.mjs \\")).toMatch(/trailing backslash/);
  });

  test("an empty command is refused", () => {
    expect(usageMessage("   ")).toMatch(/agent command is empty/);
  });

  test("only assignments is refused", () => {
    expect(usageMessage("FOO=1")).toMatch(/names no program/);
  });

  test("POME_TRUST_AGENT_COMMAND runs the command through sh -c unchanged", () => {
    expect(splitAgentCommand("npm run build && node agent.mjs | tee log", { trusted: true })).toMatchObject({
      file: "sh",
      args: ["-c", "npm run build && node agent.mjs | tee log"],
      viaShell: true,
    });
  });
});
