/**
 * criteria/: the `[D]` language. Takes a criterion's text and each twin's vocabulary
 * (phrase families, operation names, seeded state) and gives a compiled check; evaluates a
 * compiled check over a run's {initial, final, calls, events}. The pieces families are
 * written in — tokens, patterns with typed slots, quantities, negation — live here too;
 * each twin contributes its families (`twins/<vendor>/phrases/`) written in them.
 */
export * from "./types.js";
export * from "./phrase-text.js";
export * from "./quantity.js";
export * from "./phrase-pattern.js";
export * from "./phrase-family.js";
export * from "./call-phrases.js";
export * from "./state-phrases.js";
export { closestPhrasings, type ClosestPhrasing } from "./closest-phrasings.js";
export { compileExpression, ExpressionSyntaxError, splitExpression, type ExpressionCriterion } from "./expression.js";
export { compileCriterion, suggestedPhrasings, type CompiledCriterion, type CompileOptions, type Vocabulary } from "./compile.js";
export { runCheck, type CheckResult } from "./run-check.js";
