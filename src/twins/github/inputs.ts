/**
 * Shared zod pieces of GitHub operation inputs. REST path and query values arrive as
 * strings, so numbers and booleans are coerced; MCP callers send real JSON types.
 */
import { z } from "zod";

export const owner = z.string().min(1).describe("The account owner of the repository (case-insensitive)");
export const repo = z.string().min(1).describe("The name of the repository without the .git extension (case-insensitive)");
export const repoParams = { owner, repo };

/** A positive integer given as a number or a numeric string. */
export const positiveInt = (description: string) => z.coerce.number().int().positive().describe(description);

export const issueNumber = positiveInt("The number that identifies the issue");
export const commentId = positiveInt("The unique identifier of the comment");

/** `page`/`per_page` are applied by the engine; declared so MCP tools advertise them. */
export const pageParams = {
  page: z.coerce.number().int().optional().describe("Page number of the results to fetch (default 1)"),
  per_page: z.coerce.number().int().optional().describe("The number of results per page (max 100, default 30)"),
  perPage: z.coerce.number().int().optional().describe("Same as per_page (the name GitHub's MCP server uses)"),
};

/** `true`/`false` in a query string, or a JSON boolean. */
export const queryBoolean = z.union([z.boolean(), z.enum(["true", "false"]).transform((v) => v === "true")]);

/** A comma-separated list in a query string, or a JSON array of strings. */
export const commaList = z.union([
  z.array(z.string()),
  z.string().transform((s) =>
    s
      .split(",")
      .map((part) => part.trim())
      .filter((part) => part !== ""),
  ),
]);

/** Label references in request bodies: names, or objects with a `name`, as GitHub accepts. */
export const labelList = z.array(
  z.union([z.string().min(1), z.object({ name: z.string().min(1) }).transform((l) => l.name)]),
);

export const loginList = z.array(z.string().min(1));

export const isoTimestamp = z.iso.datetime({ offset: true }).describe("An ISO 8601 timestamp: YYYY-MM-DDTHH:MM:SSZ");

export const direction = z.enum(["asc", "desc"]);
