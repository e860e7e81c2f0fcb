import { chmodSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { cgroup2Mount, ownCgroupPath } from "../../../src/run/containment/cgroup.js";
import { parseProcStat, parsePs, psTable } from "../../../src/run/containment/process-table.js";
import { resolveExecutable } from "../../../src/run/containment/subreaper.js";
import { tempDir } from "../../e2e/fixtures.js";

describe("process table", () => {
  test("a /proc stat line, whatever the command name holds", () => {
    const line = "4242 (evil) 1 (x) S) S 1 4240 4240 0 -1 4194560 100 0 0 0 1 2 0 0 20 0 1 0 987654 1000 200 18446744073709551615";
    expect(parseProcStat(line)).toEqual({ pid: 4242, ppid: 1, pgid: 4240, sid: 4240, start: 987654, zombie: false });
    expect(parseProcStat("7 (z) Z 3 7 7 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 55 0 0")).toMatchObject({ pid: 7, zombie: true, start: 55 });
  });

  test("ps lines (macOS and procps print lstart alike)", () => {
    const rows = parsePs("    1     0     1 Ss   Fri Dec  5 06:27:00 2025\n 4242  4240  4240 Z+   Fri Dec  5 06:28:01 2025\n");
    expect(rows).toEqual([
      { pid: 1, ppid: 0, pgid: 1, sid: -1, start: Date.parse("Fri Dec 5 06:27:00 2025"), zombie: false },
      { pid: 4242, ppid: 4240, pgid: 4240, sid: -1, start: Date.parse("Fri Dec 5 06:28:01 2025"), zombie: true },
    ]);
    expect(Number.isNaN(rows[0].start)).toBe(false);
  });

  test.runIf(process.platform === "linux")("ps, where it is the only source, finds this process and its parent", async () => {
    const me = await psTable.row(process.pid);
    expect(me).toMatchObject({ pid: process.pid, ppid: process.ppid });
    expect((await psTable.list()).some((r) => r.pid === process.pid)).toBe(true);
  });
});

describe("cgroup", () => {
  test("the v2 path of this process, pure or hybrid", () => {
    expect(ownCgroupPath("0::/user.slice/user-1000.slice/session-2.scope\n")).toBe("/user.slice/user-1000.slice/session-2.scope");
    expect(ownCgroupPath("9:name=systemd:/\n4:memory:/x\n0::/\n")).toBe("/");
    expect(ownCgroupPath("4:memory:/x\n")).toBeNull();
  });

  test("the cgroup2 mount: /sys/fs/cgroup, or /sys/fs/cgroup/unified beside v1", () => {
    const pure = "30 24 0:26 / /sys/fs/cgroup rw,nosuid,nodev,noexec,relatime shared:4 - cgroup2 cgroup2 rw,nsdelegate\n";
    const hybrid = "25 24 0:22 / /sys/fs/cgroup/memory rw - cgroup cgroup rw,memory\n26 24 0:23 / /sys/fs/cgroup/unified rw - cgroup2 cgroup2 rw\n";
    const nested = "40 30 0:26 /docker/abc /sys/fs/cgroup ro - cgroup2 cgroup2 rw\n";
    expect(cgroup2Mount(pure)).toEqual({ point: "/sys/fs/cgroup", root: "/" });
    expect(cgroup2Mount(hybrid)).toEqual({ point: "/sys/fs/cgroup/unified", root: "/" });
    expect(cgroup2Mount(nested)).toEqual({ point: "/sys/fs/cgroup", root: "/docker/abc" });
    expect(cgroup2Mount("25 24 0:22 / /sys/fs/cgroup/memory rw - cgroup cgroup rw,memory\n")).toBeNull();
  });
});

describe("the executable the supervisor runs is the one Node would", () => {
  test("PATH of the agent's environment, relative paths from its cwd, nothing for what would not run", () => {
    const dir = tempDir();
    try {
      mkdirSync(join(dir.path, "bin"));
      writeFileSync(join(dir.path, "bin", "tool"), "#!/bin/sh\n");
      chmodSync(join(dir.path, "bin", "tool"), 0o755);
      writeFileSync(join(dir.path, "bin", "plain"), "");
      chmodSync(join(dir.path, "bin", "plain"), 0o644);
      const env = { PATH: `/nonexistent:${join(dir.path, "bin")}` };
      expect(resolveExecutable("tool", env, "/")).toBe(join(dir.path, "bin", "tool"));
      expect(resolveExecutable("./bin/tool", {}, dir.path)).toBe(join(dir.path, "bin", "tool"));
      expect(resolveExecutable("tool", {}, dir.path)).toBeNull();
      expect(resolveExecutable("bin", { PATH: dir.path }, "/")).toBeNull();
      expect(resolveExecutable("plain", env, "/")).toBeNull();
      expect(resolveExecutable("sh", {}, "/")).toMatch(/\/sh$/);
    } finally {
      dir.remove();
    }
  });
});
