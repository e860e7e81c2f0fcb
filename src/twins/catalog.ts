/** The twins pome ships, by name. Each twin adds its own entry. */
import type { TwinDefinition, TwinName } from "./engine/twin.js";
import { githubTwin } from "./github/index.js";

export const TWINS: Partial<Record<TwinName, TwinDefinition>> = {
  github: githubTwin,
};
