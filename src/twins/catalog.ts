/** The twins pome ships. Each twin adds its own entry; the twin names come from here. */
import type { TwinDefinition, TwinName } from "./engine/twin.js";
import { githubTwin } from "./github/index.js";
import { slackTwin } from "./slack/index.js";
import { stripeTwin } from "./stripe/index.js";

export const SHIPPED_TWINS: readonly TwinDefinition[] = [githubTwin, stripeTwin, slackTwin];

/** The shipped twins by name, in catalog order. */
export const TWINS: Readonly<Partial<Record<TwinName, TwinDefinition>>> = Object.fromEntries(SHIPPED_TWINS.map((twin) => [twin.name, twin]));

export const TWIN_NAMES: readonly TwinName[] = SHIPPED_TWINS.map((twin) => twin.name);
