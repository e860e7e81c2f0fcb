/**
 * `comment: always | on-failure | on-change | off`: whether this run writes the sticky
 * comment. A comment that already exists is kept current (a stale failure must not outlive
 * its fix); a new one is only started when something needs attention (or `always`).
 */
export type CommentMode = "always" | "on-failure" | "on-change" | "off";
export type CommentAction = "create" | "update" | "skip";

export function commentAction(mode: CommentMode, opts: { failing: boolean; existing: boolean; existingDigest: string | null; digest: string }): CommentAction {
  if (mode === "off") return "skip";
  const write: CommentAction = opts.existing ? "update" : "create";
  if (mode === "always") return write;
  if (mode === "on-failure") return opts.failing || opts.existing ? write : "skip";
  // on-change
  if (!opts.existing) return opts.failing ? "create" : "skip";
  return opts.existingDigest === opts.digest ? "skip" : "update";
}
