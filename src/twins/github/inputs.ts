/**
 * Shared zod pieces of GitHub operation inputs. REST path and query values arrive as
 * strings, so numbers and booleans are coerced; MCP callers send real JSON types.
 */
import { z } from "zod";

export const owner = z.string().min(1).describe("The account owner of the repository (case-insensitive)");
export const repo = z.string().min(1).describe("The name of the repository without the .git extension (case-insensitive)");
export const repoParams = { owner, repo };

/**
 * A query or path string that is a plain decimal integer becomes its number; anything else
 * (`0x1`, `1e3`, ` 1`, `+1`) is left for the number schema to refuse, as GitHub's are.
 */
function decimal(value: unknown): unknown {
  return typeof value === "string" && /^-?\d+$/.test(value) ? Number(value) : value;
}

/** A positive integer given as a number or a plain decimal string (body and query fields). */
export const positiveInt = (description: string) => z.preprocess(decimal, z.number().int().positive()).describe(description);

/**
 * A number in a REST path (`/issues/{issue_number}`). GitHub's routes match only plain
 * decimal digits, so `issues/0x1` or `issues/abc` is a 404 Not Found, never issue #1 or a
 * 422: the schema issue carries `params.status: 404`, which the error renderer honours.
 */
export const pathNumber = (description: string) =>
  z
    .preprocess((value, ctx) => {
      // Missing is a missing argument (an MCP call without it), not a path that matched nothing.
      if (value === undefined) return value;
      const n = decimal(value);
      if (typeof n === "number" && Number.isSafeInteger(n) && n > 0) return n;
      ctx.addIssue({ code: "custom", message: "Not Found", params: { status: 404 }, input: value });
      return z.NEVER;
    }, z.number().int().positive())
    .describe(description);

export const issueNumber = pathNumber("The number that identifies the issue");
export const commentId = pathNumber("The unique identifier of the comment");

/**
 * `page`/`per_page` are applied by the pagination strategy (wire/pagination.ts), which does
 * what GitHub does with numbers out of range; declared here so MCP tools advertise them.
 */
export const pageParams = {
  page: z.preprocess(decimal, z.number().int()).optional().describe("Page number of the results to fetch (default 1)"),
  per_page: z.preprocess(decimal, z.number().int()).optional().describe("The number of results per page (max 100, default 30)"),
  perPage: z.preprocess(decimal, z.number().int()).optional().describe("Same as per_page (the name GitHub's MCP server uses)"),
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
