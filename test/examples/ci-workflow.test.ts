/**
 * The GitHub Actions example (examples/ci/github-actions.yml) is valid YAML of a workflow and runs exactly the
 * commands the README's "Running in CI and on remote runners" section gives, with what the handler needs on the
 * runner (Node.js >= 20.9, terraform >= 1.9, no ECS metadata lookups).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";

const root = path.resolve(__dirname, "..", "..");

interface Step {
  readonly uses?: string;
  readonly run?: string;
  readonly with?: Record<string, unknown>;
}

const workflow = parse(fs.readFileSync(path.join(root, "examples", "ci", "github-actions.yml"), "utf8")) as {
  on: unknown;
  concurrency: { group: string; "cancel-in-progress": boolean };
  jobs: Record<string, { "runs-on": string; env: Record<string, string>; steps: Step[] }>;
};

/** The shell commands of the README's CI section. */
function readmeCommands(): string[] {
  const readme = fs.readFileSync(path.join(root, "README.md"), "utf8");
  const section = readme.slice(readme.indexOf("## Running in CI and on remote runners"));
  const block = /```sh\n([\s\S]*?)```/.exec(section);
  if (!block) throw new Error('README has no sh block under "Running in CI and on remote runners"');
  return block[1].split("\n").filter((line) => line.trim() !== "");
}

test("the workflow is valid YAML with one job that sets up Node.js >= 20.9 and terraform >= 1.9", () => {
  expect(workflow.on).toBeDefined();
  const jobs = Object.values(workflow.jobs);
  expect(jobs).toHaveLength(1);
  const [job] = jobs;
  const setupNode = job.steps.find((step) => step.uses?.startsWith("actions/setup-node@"));
  expect(Number(setupNode?.with?.["node-version"])).toBeGreaterThanOrEqual(20);
  const setupTerraform = job.steps.find((step) => step.uses?.startsWith("hashicorp/setup-terraform@"));
  const [major, minor] = String(setupTerraform?.with?.terraform_version).split(".").map(Number);
  expect(major > 1 || (major === 1 && minor >= 9)).toBe(true);
  expect(job.env.ALIBABA_CLOUD_ECS_METADATA_DISABLED).toBe("true");
  // Secrets come from the CI system, never written into the file.
  expect(job.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET).toMatch(/^\$\{\{ secrets\.\w+ \}\}$/);
  expect(workflow.concurrency["cancel-in-progress"]).toBe(false);
});

test("its run steps are exactly the README's commands, in order", () => {
  const [job] = Object.values(workflow.jobs);
  expect(job.steps.filter((step) => step.run).map((step) => step.run?.trim())).toEqual(readmeCommands());
});
