#!/usr/bin/env node
// A scripted issue-triage agent: no LLM, no key. It classifies an issue by keywords and
// follows the routing policy written in the task ("auth and security issues go to bob,
// every other bug goes to alice"). Deterministic, so it is the bundled default agent.
import { exitIfPreflight, finish, gh, repoFromTask } from "./github-rest.mjs";

exitIfPreflight();

const CLASSIFICATION = ["bug", "feature", "question"];
// The prompt may be wrapped across lines: match policies on single-spaced text.
const task = (process.env.POME_TASK ?? "").replace(/\s+/g, " ");
const { owner, repo } = repoFromTask(task, { owner: "acme", repo: "api" });
const number = Number(task.match(/#(\d+)/)?.[1] ?? task.match(/issue (\d+)/i)?.[1] ?? 1);

function classify(text) {
  if (/\b(500|error|exception|crash|fails?|failing|null|undefined|401|403|regression|broken)\b/i.test(text)) return "bug";
  if (/\b(add|support|export|feature|request|would like|allow)\b/i.test(text)) return "feature";
  return "question";
}

function isAuthRelated(text) {
  return /\b(auth\w*|login|log in|sso|token|password|session|security|permission)\b/i.test(text);
}

/** Who gets a bug, read from the task's routing policy. */
function assigneeFor(label, text) {
  if (label !== "bug") return null;
  const authOwner = task.match(/auth\w*(?: and security)? issues go to @?([\w-]+)/i)?.[1];
  if (authOwner && isAuthRelated(text)) return authOwner;
  return (
    task.match(/(?:every other|other|all) bugs? go(?:es)? to @?([\w-]+)/i)?.[1] ??
    task.match(/assign it to @?([\w-]+) if it is a bug/i)?.[1] ??
    null
  );
}

const path = `/repos/${owner}/${repo}/issues/${number}`;
const issue = await gh("GET", path);
const text = `${issue.title}\n${issue.body ?? ""}`;
const label = classify(text);
const assignee = assigneeFor(label, text);
const current = issue.labels.map((l) => (typeof l === "string" ? l : l.name));
const actions = [];

for (const other of current.filter((l) => CLASSIFICATION.includes(l) && l !== label)) {
  await gh("DELETE", `${path}/labels/${encodeURIComponent(other)}`);
  actions.push(`removed ${other}`);
}
if (!current.includes(label)) {
  await gh("POST", `${path}/labels`, { labels: [label] });
  actions.push(`labelled ${label}`);
}
const assigned = issue.assignees.map((a) => a.login);
if (assignee && !assigned.includes(assignee)) {
  await gh("POST", `${path}/assignees`, { assignees: [assignee] });
  actions.push(`assigned ${assignee}`);
}

finish(
  actions.length === 0
    ? `Issue #${number} in ${owner}/${repo} is already triaged as ${label}; nothing changed.`
    : `Issue #${number} in ${owner}/${repo}: ${actions.join(", ")}.`,
  { label, assignee },
);
