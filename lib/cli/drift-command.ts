/**
 * `ens-key-pair drift STATE...`: for every EnsKeyPair in the given states, whether ENS still holds it (`ok`,
 * `missing`, `changed`, `unknown`), and for drift the command that repairs it. A custom resource has no refresh
 * step, so `terraform plan` cannot see a key deleted out of band; this is where it shows (design.md, Interruptions).
 *
 * Each key pair is looked up where its handler created it: at the endpoint its EnsKeyPair sets, else at the CLI's
 * endpoint. A few lookups run at once. With `--key-files`, the private key file of each create-mode key pair found
 * `ok` is checked too (drift-key-file.ts), which is where a hard kill's gap between state and reality shows.
 */
import type { EnsClient } from "../ens/ens-client";
import type { DriftRequest } from "./cli-arguments";
import { READ_TIMEOUT_SECONDS } from "./cli-commands";
import type { CliContext } from "./cli-context";
import { CliExitCode } from "./cli-exit-code";
import { checkDrift, DriftFinding, DriftStatus } from "./drift-check";
import { DriftFix, driftFix, DriftProblem } from "./drift-fix";
import { checkKeyFile, KeyFileBase } from "./drift-key-file";
import { EnsKeyPairInState, keyPairsInState } from "./key-pairs-in-state";
import type { StateSource } from "./state-source";
import { textTable } from "./text-table";

/** How many lookups run at once. */
const DRIFT_CONCURRENCY = 4;

/** Gives the client for a key pair's recorded endpoint (undefined: the CLI's own). */
export type ClientFor = (endpoint: string | undefined) => Promise<EnsClient>;

/** One key pair's line of the report. */
interface DriftEntry {
  readonly source: StateSource;
  readonly keyPair: EnsKeyPairInState;
  readonly finding: DriftFinding;
  readonly fix?: DriftFix;
}

const STATUSES: readonly DriftStatus[] = ["ok", "missing", "changed", "key-lost", "unknown"];

/** The statuses that are drift: exit 3, and a repair printed. */
const DRIFT: readonly DriftStatus[] = ["missing", "changed", "key-lost"];

/** Runs `work` on every item, at most `limit` at a time; results in item order. */
async function mapLimited<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** Where drift runs, for `--key-files`. */
interface DriftOptions {
  /** The current folder, where relative private key files are resolved from when the STATE is no stack folder. */
  readonly cwd: string;
}

function problemOf(finding: DriftFinding): DriftProblem | undefined {
  switch (finding.status) {
    case "missing":
      return { kind: "missing" };
    case "changed":
      return { kind: "changed", holder: finding.found };
    case "key-lost":
      return { kind: "key-lost", path: finding.keyFile?.path ?? "" };
    default:
      return undefined;
  }
}

async function checkOne(
  context: CliContext,
  clientFor: ClientFor,
  source: StateSource,
  keyPair: EnsKeyPairInState,
  keyFileBase: KeyFileBase | undefined,
): Promise<DriftEntry> {
  let finding: DriftFinding;
  try {
    const client = await clientFor(keyPair.endpoint);
    finding = await checkDrift(
      { ...context, client },
      keyPair,
      context.clock.now() + READ_TIMEOUT_SECONDS * 1000,
    );
  } catch (error) {
    // The endpoint recorded in state is invalid here (connecting sends no request).
    finding = {
      status: "unknown",
      reason: `its recorded endpoint cannot be used: ${(error as Error).message}`,
      failureExitCode: CliExitCode.USAGE,
    };
  }
  if (keyFileBase) finding = await checkKeyFile(keyPair, finding, keyFileBase);
  const problem = problemOf(finding);
  return { source, keyPair, finding, fix: problem ? driftFix(source, keyPair, problem) : undefined };
}

function driftCount(counts: Record<DriftStatus, number>): number {
  return DRIFT.reduce((sum, status) => sum + counts[status], 0);
}

function jsonReport(
  entries: readonly DriftEntry[],
  sources: readonly StateSource[],
  counts: Record<DriftStatus, number>,
  keyFiles: boolean,
): string {
  const report = {
    drift: driftCount(counts) > 0,
    keyFiles,
    summary: counts,
    states: sources.map((source) => ({
      state: source.label,
      stack: source.stackName ?? null,
      keyPairs: entries.filter((entry) => entry.source === source).length,
    })),
    keyPairs: entries.map(({ source, keyPair, finding, fix }) => ({
      state: source.label,
      address: keyPair.address,
      createStepAddress: keyPair.createStepAddress ?? null,
      keyPairName: keyPair.keyPairName,
      mode: keyPair.mode,
      status: finding.status,
      reason: finding.reason,
      note: finding.note ?? null,
      found: finding.found ?? null,
      privateKeyFile: finding.keyFile ?? null,
      fix: fix ?? null,
    })),
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}

function textReport(entries: readonly DriftEntry[]): string {
  const table = textTable(
    ["STATUS", "NAME", "ADDRESS", "STATE"],
    entries.map(({ source, keyPair, finding }) => [
      finding.status,
      keyPair.keyPairName,
      keyPair.address,
      source.label,
    ]),
  );
  const details = entries
    .filter(({ finding }) => finding.status !== "ok" || finding.note)
    .map(({ keyPair, finding, fix }) => {
      const lines = [
        `${finding.status} ${JSON.stringify(keyPair.keyPairName)} (${keyPair.address}): ${finding.reason}`,
      ];
      if (finding.note) lines.push(`  note: ${finding.note}`);
      if (fix) {
        if (fix.before) lines.push(`  first: ${fix.before}`);
        lines.push(
          `  re-create it, in ${fix.workingDirectory}:`,
          `    ${fix.command}`,
          `  cdktf: ${fix.cdktf}`,
        );
        if (fix.instead) lines.push(`  or: ${fix.instead}`);
      }
      return lines.join("\n");
    });
  return details.length > 0 ? `${table}\n${details.join("\n\n")}\n` : table;
}

/**
 * Runs `drift` over states already read.
 *
 * @returns 0 when every key pair is `ok`; 3 when any is `missing`, `changed` or `key-lost`; otherwise, when a check
 *   failed, the exit code of that failure (1, or 2 for rejected credentials, an unusable recorded endpoint or a
 *   relative private key file with no cdktf project to resolve it against)
 */
export async function driftCommand(
  context: CliContext,
  request: DriftRequest,
  sources: readonly StateSource[],
  clientFor: ClientFor,
  options: DriftOptions,
): Promise<number> {
  const work = sources.flatMap((source) =>
    keyPairsInState(source.values).ensKeyPairs.map((keyPair) => ({ source, keyPair })),
  );
  for (const source of sources) {
    if (!work.some((item) => item.source === source)) {
      context.log.warn(`the state ${JSON.stringify(source.label)} records no EnsKeyPair.`);
    }
  }
  const entries = await mapLimited(work, DRIFT_CONCURRENCY, ({ source, keyPair }) =>
    checkOne(
      context,
      clientFor,
      source,
      keyPair,
      request.keyFiles ? { stackFolder: source.stackFolder, cwd: options.cwd } : undefined,
    ),
  );
  const counts = Object.fromEntries(STATUSES.map((status) => [status, 0])) as Record<DriftStatus, number>;
  for (const entry of entries) counts[entry.finding.status]++;
  context.print(request.json ? jsonReport(entries, sources, counts, request.keyFiles) : textReport(entries));
  const states = sources.length === 1 ? "1 state" : `${sources.length} states`;
  // Without --key-files no file was checked: "0 key-lost" would claim otherwise.
  const counted = request.keyFiles ? STATUSES : STATUSES.filter((status) => status !== "key-lost");
  context.log.info(
    `drift: ${entries.length} key pairs in ${states}: ${counted.map((status) => `${counts[status]} ${status}`).join(", ")}` +
      (request.keyFiles ? " (private key files checked)" : ""),
  );
  if (driftCount(counts) > 0) return CliExitCode.DRIFT_FOUND;
  const failures = entries.map(
    ({ finding }) =>
      finding.failureExitCode ?? (finding.status === "unknown" ? CliExitCode.FAILED : CliExitCode.OK),
  );
  return Math.max(CliExitCode.OK, ...failures);
}
