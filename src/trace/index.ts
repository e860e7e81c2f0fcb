/**
 * trace/: the typed event stream of a run.
 * Takes twin calls, LLM calls, egress refusals and adapter signals; gives events.jsonl
 * rows (zod-validated) with secrets replaced by equality-preserving placeholders.
 */
export * from "./events.js";
