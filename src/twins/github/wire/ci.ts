/** CI wire objects: commit statuses, combined status, check runs, annotations, check suites. */
import type { SuiteSummary } from "../git/commit-ci.js";
import { fullName, type CheckAnnotation, type CheckRun, type CommitStatus, type GitHubState, type Repository } from "../state.js";
import { toWireSimpleCommit } from "./git.js";
import { API, WEB, nodeId, toWireUser } from "./issues.js";

const repoApi = (repo: Repository) => `${API}/repos/${fullName(repo)}`;

/** `status` (create / list statuses). */
export function toWireStatus(state: GitHubState, repo: Repository, status: CommitStatus) {
  const creator = toWireUser(state, status.creator);
  return {
    url: `${repoApi(repo)}/statuses/${status.sha}`,
    avatar_url: creator.avatar_url,
    id: status.id,
    node_id: nodeId("StatusContext", status.id),
    state: status.state,
    description: status.description,
    target_url: status.target_url,
    context: status.context,
    created_at: status.created_at,
    updated_at: status.updated_at,
    creator,
  };
}

/** `simple-commit-status` (inside a combined status). */
export function toWireSimpleStatus(state: GitHubState, repo: Repository, status: CommitStatus, required: boolean) {
  const { creator: _creator, ...rest } = toWireStatus(state, repo, status);
  return { ...rest, required };
}

/** `minimal-repository` fields a combined status / check suite embeds. */
export function toWireMinimalRepo(state: GitHubState, repo: Repository) {
  const name = fullName(repo);
  const api = repoApi(repo);
  return {
    id: repo.id,
    node_id: nodeId("Repository", repo.id),
    name: repo.name,
    full_name: name,
    owner: toWireUser(state, repo.owner),
    private: repo.private,
    html_url: `${WEB}/${name}`,
    description: repo.description,
    fork: false,
    url: api,
    archive_url: `${api}/{archive_format}{/ref}`,
    assignees_url: `${api}/assignees{/user}`,
    blobs_url: `${api}/git/blobs{/sha}`,
    branches_url: `${api}/branches{/branch}`,
    collaborators_url: `${api}/collaborators{/collaborator}`,
    comments_url: `${api}/comments{/number}`,
    commits_url: `${api}/commits{/sha}`,
    compare_url: `${api}/compare/{base}...{head}`,
    contents_url: `${api}/contents/{+path}`,
    contributors_url: `${api}/contributors`,
    deployments_url: `${api}/deployments`,
    downloads_url: `${api}/downloads`,
    events_url: `${api}/events`,
    forks_url: `${api}/forks`,
    git_commits_url: `${api}/git/commits{/sha}`,
    git_refs_url: `${api}/git/refs{/sha}`,
    git_tags_url: `${api}/git/tags{/sha}`,
    issue_comment_url: `${api}/issues/comments{/number}`,
    issue_events_url: `${api}/issues/events{/number}`,
    issues_url: `${api}/issues{/number}`,
    keys_url: `${api}/keys{/key_id}`,
    labels_url: `${api}/labels{/name}`,
    languages_url: `${api}/languages`,
    merges_url: `${api}/merges`,
    milestones_url: `${api}/milestones{/number}`,
    notifications_url: `${api}/notifications{?since,all,participating}`,
    pulls_url: `${api}/pulls{/number}`,
    releases_url: `${api}/releases{/id}`,
    stargazers_url: `${api}/stargazers`,
    statuses_url: `${api}/statuses/{sha}`,
    subscribers_url: `${api}/subscribers`,
    subscription_url: `${api}/subscription`,
    tags_url: `${api}/tags`,
    teams_url: `${api}/teams`,
    trees_url: `${api}/git/trees{/sha}`,
    hooks_url: `${api}/hooks`,
  };
}

/**
 * The app check runs are attributed to. Runs created with a session token behave as if
 * made by the GitHub Actions app (a workflow's GITHUB_TOKEN), the usual author of runs.
 */
export const CHECKS_APP_ID = 15368;

export function checksApp(state: GitHubState) {
  return {
    id: CHECKS_APP_ID,
    slug: "github-actions",
    node_id: "MDM6QXBwMTUzNjg=",
    client_id: "Iv1.05c79e9ad1f6bdfa",
    owner: toWireUser(state, "github"),
    name: "GitHub Actions",
    description: "Automate your workflow from idea to production",
    external_url: "https://help.github.com/en/actions",
    html_url: "https://github.com/apps/github-actions",
    created_at: "2018-07-30T09:30:17Z",
    updated_at: "2019-12-10T19:04:12Z",
    permissions: { checks: "write", contents: "write", issues: "write", metadata: "read", pull_requests: "write", statuses: "write" },
    events: ["check_run", "check_suite", "pull_request", "push", "status"],
  };
}

/** `pull-request-minimal` of the open PRs whose head is `sha` (check runs and suites list them). */
export function pullsAtHead(repo: Repository, sha: string) {
  const api = repoApi(repo);
  const repoRef = { id: repo.id, url: api, name: repo.name };
  return repo.pull_requests
    .filter((p) => p.head.sha === sha && !p.merged && repo.issues.find((i) => i.number === p.number)?.state === "open")
    .map((p) => ({
      id: p.id,
      number: p.number,
      url: `${api}/pulls/${p.number}`,
      head: { ref: p.head.ref, sha: p.head.sha, repo: repoRef },
      base: { ref: p.base.ref, sha: p.base.sha, repo: repoRef },
    }));
}

/** `check-run`. */
export function toWireCheckRun(state: GitHubState, repo: Repository, run: CheckRun) {
  const api = `${repoApi(repo)}/check-runs/${run.id}`;
  return {
    id: run.id,
    name: run.name,
    node_id: nodeId("CheckRun", run.id),
    head_sha: run.head_sha,
    external_id: run.external_id,
    url: api,
    html_url: `${WEB}/${fullName(repo)}/runs/${run.id}`,
    details_url: run.details_url,
    status: run.status,
    conclusion: run.conclusion,
    started_at: run.started_at,
    completed_at: run.completed_at,
    output: {
      title: run.output.title,
      summary: run.output.summary,
      text: run.output.text,
      annotations_count: run.annotations.length,
      annotations_url: `${api}/annotations`,
    },
    check_suite: { id: run.check_suite_id },
    app: checksApp(state),
    pull_requests: pullsAtHead(repo, run.head_sha),
  };
}

/** `check-annotation`. */
export function toWireAnnotation(repo: Repository, run: CheckRun, annotation: CheckAnnotation) {
  return {
    path: annotation.path,
    blob_href: `${WEB}/${fullName(repo)}/blob/${run.head_sha}/${annotation.path}`,
    start_line: annotation.start_line,
    end_line: annotation.end_line,
    start_column: annotation.start_column,
    end_column: annotation.end_column,
    annotation_level: annotation.annotation_level,
    title: annotation.title,
    message: annotation.message,
    raw_details: annotation.raw_details,
  };
}

/** `check-suite`. */
export function toWireCheckSuite(state: GitHubState, repo: Repository, suite: SuiteSummary) {
  const commit = repo.commits[suite.head_sha];
  const branch = repo.branches.find((b) => b.sha === suite.head_sha)?.name ?? null;
  return {
    id: suite.id,
    node_id: nodeId("CheckSuite", suite.id),
    head_branch: branch,
    head_sha: suite.head_sha,
    status: suite.status,
    conclusion: suite.conclusion,
    url: `${repoApi(repo)}/check-suites/${suite.id}`,
    before: commit?.parents[0] ?? null,
    after: suite.head_sha,
    pull_requests: pullsAtHead(repo, suite.head_sha),
    app: checksApp(state),
    repository: toWireMinimalRepo(state, repo),
    created_at: suite.created_at,
    updated_at: suite.updated_at,
    rerequestable: true,
    runs_rerequestable: true,
    latest_check_runs_count: new Set(suite.runs.map((r) => r.name)).size,
    check_runs_url: `${repoApi(repo)}/check-suites/${suite.id}/check-runs`,
    head_commit: commit ? toWireSimpleCommit(commit) : null,
  };
}
