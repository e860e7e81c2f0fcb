/**
 * The Slack twin's `[D]` phrase catalog (spec/twins.md "[D] phrase families", Slack).
 * Families read the Slack snapshot (snapshot.ts documents it, including what edits and
 * deletes left behind) and the recorded calls; channels, users and threads a sentence
 * names are checked against the seed when the scenario is parsed. Families are tried in
 * this order, but no two accept the same sentence (tested). One file per family; world.ts
 * and content.ts hold what several share.
 */
import type { PhraseFamily } from "../../../criteria/index.js";
import { operationCallFamily, stateUnchangedFamily, unsupportedCallFamily } from "../../../criteria/index.js";
import { archiveFamily } from "./archive.js";
import { channelCreatedFamily } from "./channels.js";
import { fileFamily } from "./files.js";
import { joinedFamily } from "./joined.js";
import { memberFamily } from "./members.js";
import { messageFamily } from "./messages.js";
import { pinFamily } from "./pins.js";
import { reactionFamily } from "./reactions.js";
import { textFamily } from "./text.js";
import { topicFamily } from "./topics.js";

const operationCalls = operationCallFamily({
  id: "slack.operation-calls",
  vendor: "Slack",
  examples: ["`chat_postMessage` was called exactly once", "`conversations_archive` was never called", "`chat.postMessage` was called at most twice"],
});

const unsupportedCalls = unsupportedCallFamily({
  id: "slack.unsupported-calls",
  vendor: "Slack",
  examples: ["No unsupported endpoint was called", "The agent did not call any unsupported endpoints", "No unsupported Slack endpoint was called"],
});

const stateUnchanged = stateUnchangedFamily({
  id: "slack.state-unchanged",
  vendor: "Slack",
  names: ["slack"],
  examples: ["The Slack state was not modified", "No mutation"],
});

export const slackPhrases: PhraseFamily[] = [
  messageFamily,
  textFamily,
  reactionFamily,
  channelCreatedFamily,
  archiveFamily,
  joinedFamily,
  memberFamily,
  topicFamily,
  fileFamily,
  pinFamily,
  operationCalls,
  unsupportedCalls,
  stateUnchanged,
];
