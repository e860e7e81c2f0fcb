/**
 * Storage → GitHub wire objects: users, repositories, labels, issues and issue comments,
 * plus the URLs and node ids the other wire files (git, pulls, ci) build on. Field sets
 * follow api.github.com's OpenAPI description (`@octokit/openapi`); URLs point at
 * api.github.com / github.com as GitHub's own do, so an agent that logs or shows them sees
 * real-looking links.
 */
import {
  fullName,
  findUser,
  permissionOf,
  type GitHubState,
  type Issue,
  type IssueComment,
  type Label,
  type Permission,
  type Repository,
  type User,
} from "../state.js";

export const API = "https://api.github.com";
export const WEB = "https://github.com";

/**
 * GitHub's legacy global node id: base64 of `0<len(type)>:<type><id>` (e.g. `MDQ6VXNlcjE=`
 * for User 1). Deterministic, and decodable the same way GitHub's are.
 */
export function nodeId(type: string, id: number | string): string {
  return Buffer.from(`0${type.length}:${type}${id}`).toString("base64");
}

/** A login with no user record (should not happen after seeding) still gets a stable id. */
function fallbackUser(login: string): User {
  let hash = 0;
  for (const ch of login) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  return { id: 100_000_000 + (hash % 100_000_000), login, type: "User", name: null, email: null, created_at: "2026-01-01T00:00:00Z" };
}

export function userRecord(state: GitHubState, login: string): User {
  return findUser(state, login) ?? fallbackUser(login);
}

/** `simple-user`. */
export function toWireUser(state: GitHubState, login: string) {
  const user = userRecord(state, login);
  const api = `${API}/users/${user.login}`;
  return {
    login: user.login,
    id: user.id,
    node_id: nodeId(user.type === "Organization" ? "Organization" : "User", user.id),
    avatar_url: `https://avatars.githubusercontent.com/u/${user.id}?v=4`,
    gravatar_id: "",
    url: api,
    html_url: `${WEB}/${user.login}`,
    followers_url: `${api}/followers`,
    following_url: `${api}/following{/other_user}`,
    gists_url: `${api}/gists{/gist_id}`,
    starred_url: `${api}/starred{/owner}{/repo}`,
    subscriptions_url: `${api}/subscriptions`,
    organizations_url: `${api}/orgs`,
    repos_url: `${api}/repos`,
    events_url: `${api}/events{/privacy}`,
    received_events_url: `${api}/received_events`,
    type: user.type,
    user_view_type: "public",
    site_admin: false,
  };
}

export function toWireUserOrNull(state: GitHubState, login: string | null) {
  return login === null ? null : toWireUser(state, login);
}

/** `public-user` (`GET /users/{username}`). */
export function toWirePublicUser(state: GitHubState, login: string) {
  const user = userRecord(state, login);
  const publicRepos = state.repositories.filter((r) => r.owner === user.login && !r.private).length;
  return {
    ...toWireUser(state, login),
    name: user.name,
    company: null,
    blog: "",
    location: null,
    email: user.email,
    hireable: null,
    bio: null,
    twitter_username: null,
    public_repos: publicRepos,
    public_gists: 0,
    followers: 0,
    following: 0,
    created_at: user.created_at,
    updated_at: user.created_at,
  };
}

/** `private-user` (`GET /user`): the public profile plus the owner-only counters. */
export function toWirePrivateUser(state: GitHubState, login: string) {
  const owned = state.repositories.filter((r) => r.owner.toLowerCase() === login.toLowerCase());
  const privateCount = owned.filter((r) => r.private).length;
  return {
    ...toWirePublicUser(state, login),
    private_gists: 0,
    total_private_repos: privateCount,
    owned_private_repos: privateCount,
    disk_usage: 0,
    collaborators: 0,
    two_factor_authentication: true,
    plan: { name: "free", space: 976562499, collaborators: 0, private_repos: 10000 },
  };
}

const PERMISSION_FLAGS: Record<Permission, { admin: boolean; maintain: boolean; push: boolean; triage: boolean; pull: boolean }> = {
  admin: { admin: true, maintain: true, push: true, triage: true, pull: true },
  maintain: { admin: false, maintain: true, push: true, triage: true, pull: true },
  push: { admin: false, maintain: false, push: true, triage: true, pull: true },
  triage: { admin: false, maintain: false, push: false, triage: true, pull: true },
  pull: { admin: false, maintain: false, push: false, triage: false, pull: true },
};

export function permissionFlags(permission: Permission | null) {
  return permission ? PERMISSION_FLAGS[permission] : { admin: false, maintain: false, push: false, triage: false, pull: false };
}

/** Open issues + open PRs, as GitHub counts `open_issues_count`. */
function openIssueCount(repo: Repository): number {
  return repo.issues.filter((i) => i.state === "open").length;
}

/** `full-repository` (`GET /repos/{owner}/{repo}`); `permissions` are the viewer's. */
export function toWireRepo(state: GitHubState, repo: Repository, viewer?: string) {
  const name = fullName(repo);
  const api = `${API}/repos/${name}`;
  const html = `${WEB}/${name}`;
  const open = openIssueCount(repo);
  const owner = toWireUser(state, repo.owner);
  const wire = {
    id: repo.id,
    node_id: nodeId("Repository", repo.id),
    name: repo.name,
    full_name: name,
    private: repo.private,
    owner,
    html_url: html,
    description: repo.description,
    fork: false,
    url: api,
    forks_url: `${api}/forks`,
    keys_url: `${api}/keys{/key_id}`,
    collaborators_url: `${api}/collaborators{/collaborator}`,
    teams_url: `${api}/teams`,
    hooks_url: `${api}/hooks`,
    issue_events_url: `${api}/issues/events{/number}`,
    events_url: `${api}/events`,
    assignees_url: `${api}/assignees{/user}`,
    branches_url: `${api}/branches{/branch}`,
    tags_url: `${api}/tags`,
    blobs_url: `${api}/git/blobs{/sha}`,
    git_tags_url: `${api}/git/tags{/sha}`,
    git_refs_url: `${api}/git/refs{/sha}`,
    trees_url: `${api}/git/trees{/sha}`,
    statuses_url: `${api}/statuses/{sha}`,
    languages_url: `${api}/languages`,
    stargazers_url: `${api}/stargazers`,
    contributors_url: `${api}/contributors`,
    subscribers_url: `${api}/subscribers`,
    subscription_url: `${api}/subscription`,
    commits_url: `${api}/commits{/sha}`,
    git_commits_url: `${api}/git/commits{/sha}`,
    comments_url: `${api}/comments{/number}`,
    issue_comment_url: `${api}/issues/comments{/number}`,
    contents_url: `${api}/contents/{+path}`,
    compare_url: `${api}/compare/{base}...{head}`,
    merges_url: `${api}/merges`,
    archive_url: `${api}/{archive_format}{/ref}`,
    downloads_url: `${api}/downloads`,
    issues_url: `${api}/issues{/number}`,
    pulls_url: `${api}/pulls{/number}`,
    milestones_url: `${api}/milestones{/number}`,
    notifications_url: `${api}/notifications{?since,all,participating}`,
    labels_url: `${api}/labels{/name}`,
    releases_url: `${api}/releases{/id}`,
    deployments_url: `${api}/deployments`,
    created_at: repo.created_at,
    updated_at: repo.updated_at,
    pushed_at: repo.pushed_at,
    git_url: `git://github.com/${name}.git`,
    ssh_url: `git@github.com:${name}.git`,
    clone_url: `${html}.git`,
    svn_url: html,
    homepage: null,
    size: 0,
    stargazers_count: 0,
    watchers_count: 0,
    language: null,
    has_issues: true,
    has_projects: true,
    has_downloads: true,
    has_wiki: true,
    has_pages: false,
    has_discussions: false,
    forks_count: 0,
    mirror_url: null,
    archived: false,
    disabled: false,
    open_issues_count: open,
    license: null,
    allow_forking: true,
    is_template: false,
    web_commit_signoff_required: false,
    topics: [] as string[],
    visibility: repo.private ? "private" : "public",
    forks: 0,
    open_issues: open,
    watchers: 0,
    default_branch: repo.default_branch,
    network_count: 0,
    subscribers_count: 0,
    ...(userRecord(state, repo.owner).type === "Organization" ? { organization: owner } : {}),
  };
  return viewer === undefined ? wire : { ...wire, permissions: permissionFlags(permissionOf(repo, viewer)) };
}

/** `label`. */
export function toWireLabel(repo: Repository, label: Label) {
  return {
    id: label.id,
    node_id: nodeId("Label", label.id),
    url: `${API}/repos/${fullName(repo)}/labels/${encodeURIComponent(label.name)}`,
    name: label.name,
    color: label.color,
    default: label.default,
    description: label.description,
  };
}

/** Labels of an issue on the wire, sorted by name as GitHub returns them. */
export function issueLabels(repo: Repository, issue: Issue) {
  return issue.labels
    .map((name) => repo.labels.find((l) => l.name === name))
    .filter((l): l is Label => l !== undefined)
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((l) => toWireLabel(repo, l));
}

/**
 * How the author relates to the repository (`author_association`): OWNER, COLLABORATOR,
 * CONTRIBUTOR (has authored in it) or NONE.
 */
export function authorAssociation(repo: Repository, login: string): string {
  if (repo.owner.toLowerCase() === login.toLowerCase()) return "OWNER";
  if (permissionOf(repo, login) !== null) return "COLLABORATOR";
  const authored = repo.issues.some((i) => i.user === login && i.pull_request);
  return authored ? "CONTRIBUTOR" : "NONE";
}

/** Reaction rollup attached to issues and comments. */
export function reactionRollup(repo: Repository, kind: "issue" | "issue_comment" | "review_comment" | "release", id: number, url: string) {
  const counts = { "+1": 0, "-1": 0, laugh: 0, confused: 0, heart: 0, hooray: 0, rocket: 0, eyes: 0 };
  for (const r of repo.reactions) if (r.subject.kind === kind && r.subject.id === id) counts[r.content] += 1;
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  return { url: `${url}/reactions`, total_count: total, ...counts };
}

/** `issue` (also the issue view of a pull request, which carries `pull_request`). */
export function toWireIssue(state: GitHubState, repo: Repository, issue: Issue) {
  const name = fullName(repo);
  const api = `${API}/repos/${name}/issues/${issue.number}`;
  const pull = issue.pull_request ? repo.pull_requests.find((p) => p.number === issue.number) : undefined;
  const assignees = issue.assignees.map((login) => toWireUser(state, login));
  return {
    url: api,
    repository_url: `${API}/repos/${name}`,
    labels_url: `${api}/labels{/name}`,
    comments_url: `${api}/comments`,
    events_url: `${api}/events`,
    html_url: `${WEB}/${name}/${issue.pull_request ? "pull" : "issues"}/${issue.number}`,
    id: issue.id,
    node_id: nodeId(issue.pull_request ? "PullRequest" : "Issue", issue.id),
    number: issue.number,
    title: issue.title,
    user: toWireUser(state, issue.user),
    labels: issueLabels(repo, issue),
    state: issue.state,
    locked: issue.locked,
    assignee: assignees[0] ?? null,
    assignees,
    milestone: null,
    comments: issue.comments.length,
    created_at: issue.created_at,
    updated_at: issue.updated_at,
    closed_at: issue.closed_at,
    author_association: authorAssociation(repo, issue.user),
    active_lock_reason: issue.active_lock_reason,
    ...(issue.pull_request
      ? {
          draft: pull?.draft ?? false,
          pull_request: {
            url: `${API}/repos/${name}/pulls/${issue.number}`,
            html_url: `${WEB}/${name}/pull/${issue.number}`,
            diff_url: `${WEB}/${name}/pull/${issue.number}.diff`,
            patch_url: `${WEB}/${name}/pull/${issue.number}.patch`,
            merged_at: pull?.merged_at ?? null,
          },
        }
      : {}),
    body: issue.body,
    closed_by: toWireUserOrNull(state, issue.closed_by),
    reactions: reactionRollup(repo, "issue", issue.id, api),
    timeline_url: `${api}/timeline`,
    performed_via_github_app: null,
    state_reason: issue.state_reason,
  };
}

/** `issue-comment`. */
export function toWireComment(state: GitHubState, repo: Repository, issue: Issue, comment: IssueComment) {
  const name = fullName(repo);
  const url = `${API}/repos/${name}/issues/comments/${comment.id}`;
  return {
    url,
    html_url: `${WEB}/${name}/${issue.pull_request ? "pull" : "issues"}/${issue.number}#issuecomment-${comment.id}`,
    issue_url: `${API}/repos/${name}/issues/${issue.number}`,
    id: comment.id,
    node_id: nodeId("IssueComment", comment.id),
    user: toWireUser(state, comment.user),
    created_at: comment.created_at,
    updated_at: comment.updated_at,
    author_association: authorAssociation(repo, comment.user),
    body: comment.body,
    reactions: reactionRollup(repo, "issue_comment", comment.id, url),
    performed_via_github_app: null,
  };
}
