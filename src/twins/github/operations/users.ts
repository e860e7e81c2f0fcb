/** Users: the authenticated user (`get_me`) and public profiles. */
import { z } from "zod";
import { notFound } from "../../engine/operation.js";
import { githubOperation } from "../access.js";
import { findUser } from "../state.js";
import { toWirePrivateUser, toWirePublicUser } from "../wire/issues.js";

export const getMe = githubOperation({
  name: "get_me",
  description: "Get details of the authenticated GitHub user (GET /user).",
  rest: [{ method: "GET", path: "/user" }],
  tier: "semantic",
  mutates: false,
  input: z.object({}),
  handle(ctx) {
    return toWirePrivateUser(ctx.state, findUser(ctx.state, ctx.actor)?.login ?? ctx.actor);
  },
});

export const getUser = githubOperation({
  name: "get_user",
  description: "Get a user's public profile by username (GET /users/{username}).",
  rest: [{ method: "GET", path: "/users/{username}" }],
  tier: "semantic",
  mutates: false,
  input: z.object({ username: z.string().min(1).describe("The handle for the GitHub user account") }),
  handle(ctx, input) {
    const user = findUser(ctx.state, input.username);
    if (!user) throw notFound();
    return toWirePublicUser(ctx.state, user.login);
  },
});

export const userOperations = [getMe, getUser];
