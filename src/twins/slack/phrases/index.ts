/**
 * The Slack twin's `[D]` phrase catalog: for now the families every twin shares (operation
 * calls, unsupported calls, state unchanged). Slack's own families (messages posted, text
 * appears, reactions …) read the snapshot documented in snapshot.ts.
 */
import type { PhraseFamily } from "../../../criteria/index.js";
import { operationCallFamily, stateUnchangedFamily, unsupportedCallFamily } from "../../../criteria/index.js";

const operationCalls = operationCallFamily({
  id: "slack.operation-calls",
  vendor: "Slack",
  examples: ["`chat_postMessage` was called exactly once", "`conversations_archive` was never called"],
});

const unsupportedCalls = unsupportedCallFamily({
  id: "slack.unsupported-calls",
  vendor: "Slack",
  examples: ["No unsupported endpoint was called", "The agent did not call any unsupported endpoints"],
});

const stateUnchanged = stateUnchangedFamily({
  id: "slack.state-unchanged",
  vendor: "Slack",
  names: ["slack"],
  examples: ["The Slack state was not modified"],
});

export const slackPhrases: PhraseFamily[] = [operationCalls, unsupportedCalls, stateUnchanged];
