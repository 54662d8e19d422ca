/**
 * `ens-key-pair drift STATE...`: for every EnsKeyPair in the given states, whether ENS still holds it (`ok`,
 * `missing`, `changed`, `unknown`), and for drift the command that repairs it. A custom resource has no refresh
 * step, so `terraform plan` cannot see a key deleted out of band; this is where it shows (design.md, Interruptions).
 *
 * Each key pair is looked up where its handler created it: at the endpoint its EnsKeyPair sets, else at the CLI's
 * endpoint. A few lookups run at once.
 */
import type { EnsClient } from "../ens/ens-client";
import type { DriftRequest } from "./cli-arguments";
import { READ_TIMEOUT_SECONDS } from "./cli-commands";
import type { CliContext } from "./cli-context";
import { CliExitCode } from "./cli-exit-code";
import { checkDrift, DriftFinding, DriftStatus } from "./drift-check";
import { DriftFix, driftFix } from "./drift-fix";
import { EnsKeyPairInState, keyPairsInState } from "./key-pairs-in-state";
import type { StateSource } from "./state-source";
import { textTable } from "./text-table";

/** How many lookups run at once. */
export const DRIFT_CONCURRENCY = 4;

/** Gives the client for a key pair's recorded endpoint (undefined: the CLI's own). */
export type ClientFor = (endpoint: string | undefined) => Promise<EnsClient>;

/** One key pair's line of the report. */
interface DriftEntry {
  readonly source: StateSource;
  readonly keyPair: EnsKeyPairInState;
  readonly finding: DriftFinding;
  readonly fix?: DriftFix;
}

const STATUSES: readonly DriftStatus[] = ["ok", "missing", "changed", "unknown"];

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

async function checkOne(
  context: CliContext,
  clientFor: ClientFor,
  source: StateSource,
  keyPair: EnsKeyPairInState,
): Promise<DriftEntry> {
  let finding: DriftFinding;
  try {
    const client = await clientFor(keyPair.endpoint);
    finding = await checkDrift(context, client, keyPair, context.clock.now() + READ_TIMEOUT_SECONDS * 1000);
  } catch (error) {
    // The endpoint recorded in state is invalid here (connecting sends no request).
    finding = {
      status: "unknown",
      reason: `its recorded endpoint cannot be used: ${(error as Error).message}`,
      failureExitCode: CliExitCode.USAGE,
    };
  }
  const repairable = finding.status === "missing" || finding.status === "changed";
  return {
    source,
    keyPair,
    finding,
    fix: repairable
      ? driftFix(source, keyPair, finding.status === "changed" ? finding.found : undefined)
      : undefined,
  };
}

function jsonReport(
  entries: readonly DriftEntry[],
  sources: readonly StateSource[],
  counts: Record<DriftStatus, number>,
): string {
  const report = {
    drift: counts.missing + counts.changed > 0,
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
      }
      return lines.join("\n");
    });
  return details.length > 0 ? `${table}\n${details.join("\n\n")}\n` : table;
}

/**
 * Runs `drift` over states already read.
 *
 * @returns 0 when every key pair is `ok`; 3 when any is `missing` or `changed`; otherwise, when a lookup failed,
 *   the exit code of that failure (1, or 2 for rejected credentials or an unusable recorded endpoint)
 */
export async function driftCommand(
  context: CliContext,
  request: DriftRequest,
  sources: readonly StateSource[],
  clientFor: ClientFor,
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
    checkOne(context, clientFor, source, keyPair),
  );
  const counts = Object.fromEntries(STATUSES.map((status) => [status, 0])) as Record<DriftStatus, number>;
  for (const entry of entries) counts[entry.finding.status]++;
  context.print(request.json ? jsonReport(entries, sources, counts) : textReport(entries));
  const states = sources.length === 1 ? "1 state" : `${sources.length} states`;
  context.log.info(
    `drift: ${entries.length} key pairs in ${states}: ${STATUSES.map((status) => `${counts[status]} ${status}`).join(", ")}`,
  );
  if (counts.missing + counts.changed > 0) return CliExitCode.DRIFT_FOUND;
  const failures = entries.map(
    ({ finding }) =>
      finding.failureExitCode ?? (finding.status === "unknown" ? CliExitCode.FAILED : CliExitCode.OK),
  );
  return Math.max(CliExitCode.OK, ...failures);
}
