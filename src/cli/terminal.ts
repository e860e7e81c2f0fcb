/**
 * Human output on stderr: a live progress line only when stderr is a TTY (`\r` + clear),
 * plain lines otherwise, and collapsible `::group::` blocks inside GitHub Actions.
 */

type Env = Record<string, string | undefined>;

export interface TerminalStream {
  write(text: string): unknown;
  isTTY?: boolean;
}

export class Terminal {
  readonly live: boolean;
  readonly color: boolean;
  readonly githubActions: boolean;
  private progressShown = false;

  constructor(
    private readonly stream: TerminalStream = process.stderr,
    env: Env = process.env,
    opts: { plain?: boolean } = {},
  ) {
    const tty = stream.isTTY === true;
    this.live = tty && !opts.plain;
    this.color = this.live && env.NO_COLOR === undefined && env.TERM !== "dumb";
    this.githubActions = env.GITHUB_ACTIONS === "true";
  }

  /** Replace the progress line (TTY only; elsewhere progress would just be noise in a log). */
  progress(text: string): void {
    if (!this.live) return;
    const width = (process.stderr.columns ?? 100) - 1;
    this.stream.write(`\r\x1b[2K${text.length > width ? `${text.slice(0, width - 1)}…` : text}`);
    this.progressShown = true;
  }

  clearProgress(): void {
    if (!this.progressShown) return;
    this.stream.write("\r\x1b[2K");
    this.progressShown = false;
  }

  print(text: string): void {
    this.clearProgress();
    this.stream.write(text.endsWith("\n") ? text : `${text}\n`);
  }

  /** A result block; in GitHub Actions its first line titles a collapsible group holding the rest. */
  block(text: string): void {
    if (!this.githubActions) return this.print(text);
    const [title, ...rest] = text.replace(/\n$/, "").split("\n");
    this.print(`::group::${title}`);
    if (rest.length) this.print(rest.join("\n"));
    this.print("::endgroup::");
  }
}
