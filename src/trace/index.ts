/**
 * trace/: the typed event stream of a run.
 * Takes twin calls, LLM calls, egress refusals and adapter signals; gives events.jsonl
 * rows (zod-validated) with secrets replaced by equality-preserving placeholders; and the
 * two rules every untrusted string obeys before anyone sees it: redaction, and control
 * sequences stripped.
 */
export * from "./events.js";
export { stripControls, stripControlsDeep } from "./control-sequences.js";
export { createRedactor, isSensitiveKey, placeholder, type Redactor, type RedactorOptions } from "./redaction.js";
export { TraceWriter, type EmitBody, type TraceWriterOptions } from "./writer.js";
export { parseSignals, type ParsedSignals, type SignalProblem } from "./signals.js";
