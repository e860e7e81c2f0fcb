/** GitHub-shaped session tokens: `ghp_` + 36 alphanumerics, as classic PATs look. */
import type { TwinAuth } from "../engine/twin.js";

export const GITHUB_TOKEN_PATTERN = /^ghp_[A-Za-z0-9]{36}$/;

export const githubAuth: TwinAuth = {
  mintToken(random) {
    let body = "";
    while (body.length < 36) {
      const chunk = random().replace(/[^A-Za-z0-9]/g, "");
      if (chunk === "") throw new Error("token randomness produced no alphanumeric characters");
      body += chunk;
    }
    return `ghp_${body.slice(0, 36)}`;
  },
  env(token) {
    return { POME_GITHUB_TOKEN: token };
  },
};
