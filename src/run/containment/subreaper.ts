/**
 * The child-subreaper supervisor (Linux without a usable cgroup): Node cannot call
 * prctl(PR_SET_CHILD_SUBREAPER), so a short python3 program (run with -I -S: no site, no
 * PYTHON* variables) does. It marks itself a subreaper, so every process the agent starts
 * that loses its parent — double forks, setsid() daemons — is re-parented to it instead of
 * to init; it runs the agent as its child (in its own session, signals at their defaults,
 * stdio untouched, the environment pome sends as the first line on fd 3), reports on fd 3 `pid <n>`, then `exit <code> <signal>`
 * when the agent ends, then SIGKILLs every child it has until it has none left (orphans of
 * the killed come to it in turn), says `killed <n>` and exits as the agent did. EOF on fd 3
 * (pome is gone) or SIGTERM/SIGINT/SIGHUP to it ends the agent's group.
 *
 * What changes for the agent: its parent is the supervisor, not pome.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { accessSync, constants, statSync } from "node:fs";
import { constants as osConstants } from "node:os";
import { delimiter, isAbsolute, join, resolve } from "node:path";
import { createInterface } from "node:readline";
import type { Duplex, Readable } from "node:stream";

export const SUPERVISOR = String.raw`
import ctypes, json, os, resource, signal, sys, threading, time

CTL = 3


def tell(line):
    try:
        os.write(CTL, (line + "\n").encode())
    except OSError:
        pass


if ctypes.CDLL(None, use_errno=True).prctl(36, 1, 0, 0, 0) != 0:  # PR_SET_CHILD_SUBREAPER
    tell("reaper 0")
path, argv = sys.argv[1], sys.argv[2:]
# The agent's environment comes as the first line on fd 3: python's own is not passed on
# (it coerces the C locale into LC_CTYPE, for one).
line = b""
while not line.endswith(b"\n"):
    chunk = os.read(CTL, 65536)
    if not chunk:
        os._exit(125)
    line += chunk
env = json.loads(line)
agent = 0
done = False


def stop(*_):
    if agent and not done:
        try:
            os.killpg(agent, signal.SIGKILL)
        except OSError:
            pass


for s in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
    signal.signal(s, stop)
r, w = os.pipe()
agent = os.fork()
if agent == 0:
    try:
        os.close(r)
        os.close(CTL)
        os.setsid()
        for s in range(1, signal.NSIG):
            try:
                signal.signal(s, signal.SIG_DFL)
            except (OSError, ValueError):
                pass
        signal.pthread_sigmask(signal.SIG_SETMASK, [])
        os.execve(path, argv, env)
    except OSError as e:
        os.write(w, str(e.errno).encode())
    os._exit(127)
os.close(w)
failed = os.read(r, 64)
os.close(r)
tell("error " + failed.decode() if failed else "pid %d" % agent)


def watch():
    try:
        while os.read(CTL, 512):
            pass
    except OSError:
        pass
    stop()


threading.Thread(target=watch, daemon=True).start()

status = None
while status is None:
    try:
        pid, st = os.waitpid(-1, 0)
    except ChildProcessError:
        break
    if pid == agent:
        status = st
done = True
if status is not None and not failed:
    if os.WIFSIGNALED(status):
        sig = os.WTERMSIG(status)
        try:
            name = signal.Signals(sig).name
        except ValueError:
            name = "SIG%d" % sig
        tell("exit - " + name)
    else:
        tell("exit %d -" % os.WEXITSTATUS(status))

me = os.getpid()


def children():
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open("/proc/%s/stat" % entry) as f:
                stat = f.read()
        except OSError:
            continue
        rest = stat[stat.rfind(")") + 2:].split()
        if int(rest[1]) == me and rest[0] not in ("Z", "X"):
            found.append(int(entry))
    return found


killed = set()
deadline = time.monotonic() + 10
while time.monotonic() < deadline:
    for pid in children():
        try:
            os.kill(pid, signal.SIGKILL)
            killed.add(pid)
        except OSError:
            pass
    try:
        if os.waitpid(-1, os.WNOHANG)[0] == 0:
            time.sleep(0.005)
    except ChildProcessError:
        break
tell("killed %d" % len(killed))

if status is None or failed:
    os._exit(127)
if os.WIFSIGNALED(status):
    sig = os.WTERMSIG(status)
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    signal.signal(sig, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, [sig])
    os.kill(me, sig)
    os._exit(128 + sig)
os._exit(os.WEXITSTATUS(status))
`;

let python: string | null | undefined;

/** The python3 interpreter (its real path, past pyenv-style shims) when it can make itself a subreaper; found once. */
export function subreaperPython(): string | null {
  if (python !== undefined) return python;
  python = null;
  if (process.platform !== "linux") return python;
  const probe = spawnSync(
    "python3",
    ["-I", "-S", "-c", "import ctypes, sys\nif ctypes.CDLL(None, use_errno=True).prctl(36, 1, 0, 0, 0) != 0: sys.exit(3)\nprint(sys.executable)"],
    { encoding: "utf8", timeout: 10_000, stdio: ["ignore", "pipe", "ignore"] },
  );
  const exe = String(probe.stdout ?? "").trim();
  if (probe.status === 0 && isAbsolute(exe)) python = exe;
  return python;
}

/**
 * The file execvp() would run for `file` with this environment's PATH (Node's own rule:
 * the agent environment's PATH, else /usr/bin:/bin); null when none would run, so the
 * caller spawns it plainly and Node reports the error as usual.
 */
export function resolveExecutable(file: string, env: Record<string, string | undefined>, cwd: string): string | null {
  const candidates = file.includes("/") ? [resolve(cwd, file)] : (env.PATH ?? "/usr/bin:/bin").split(delimiter).map((dir) => resolve(cwd, dir || ".", file));
  for (const candidate of candidates) {
    try {
      if (!statSync(candidate).isFile()) continue;
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // Not this one.
    }
  }
  return null;
}

export interface SupervisorExit {
  code: number | null;
  signal: string | null;
  error: string | null;
}

/** One agent under the supervisor: what it reports on fd 3. */
export class Supervised {
  readonly child: ChildProcess;
  /** The agent's pid (its process group and session); null when it never started. */
  readonly pid: Promise<number | null>;
  /** The agent's end, as soon as the supervisor sees it. */
  readonly exited: Promise<SupervisorExit>;
  /** The supervisor is gone, with how many leftovers it killed. */
  readonly finished: Promise<number>;
  /** False when prctl() failed in the supervisor (the probe said it would not). */
  reaper = true;

  constructor(pythonPath: string, path: string, argv: string[], opts: { cwd: string; env: Record<string, string> }) {
    // The supervisor gets no environment of its own (nor POME_RUN_ID: the sweep never takes it for a leftover).
    this.child = spawn(pythonPath, ["-I", "-S", "-c", SUPERVISOR, path, ...argv], {
      cwd: opts.cwd,
      env: {},
      detached: true,
      stdio: ["ignore", "pipe", "pipe", "pipe"],
    });
    let setPid!: (pid: number | null) => void;
    let setExit!: (exit: SupervisorExit) => void;
    let setKilled!: (n: number) => void;
    this.pid = new Promise((r) => (setPid = r));
    this.exited = new Promise((r) => (setExit = r));
    let killed = 0;
    const finished = new Promise<number>((r) => (setKilled = r));
    this.finished = finished;
    const file = argv[0] ?? path;

    const ctl = this.child.stdio[3] as Duplex | null;
    if (ctl) {
      ctl.on("error", () => undefined);
      ctl.write(`${JSON.stringify(opts.env)}\n`);
      createInterface({ input: ctl }).on("line", (line) => {
        const [word, a, b] = line.split(" ");
        if (word === "pid") setPid(Number(a));
        else if (word === "reaper") this.reaper = false;
        else if (word === "error") {
          setPid(null);
          setExit({ code: null, signal: null, error: `spawn ${file} ${errnoName(Number(a))}` });
        } else if (word === "exit") setExit({ code: a === "-" ? null : Number(a), signal: b === "-" ? null : b, error: null });
        else if (word === "killed") killed = Number(a);
      });
    }
    this.child.once("error", (error) => {
      setPid(null);
      setExit({ code: null, signal: null, error: error.message });
      setKilled(0);
    });
    // Its last report may still be in the pipe when it exits.
    const ctlClosed = new Promise<void>((r) => (ctl ? ctl.once("close", () => r()) : r()));
    this.child.once("exit", (code, signal) => {
      // Without a report (the supervisor itself was killed), its own end is the best there is.
      setPid(null);
      setExit({ code, signal, error: null });
      void Promise.race([ctlClosed, new Promise((r) => setTimeout(r, 1_000).unref())]).then(() => setKilled(killed));
    });
  }

  /** Makes the supervisor end the agent's group now (EOF on its fd 3). */
  release(): void {
    (this.child.stdio[3] as Readable | null)?.destroy();
  }
}

function errnoName(errno: number): string {
  const entry = Object.entries(osConstants.errno).find(([, n]) => n === errno);
  return entry?.[0] ?? `errno ${errno}`;
}
