/**
 * `ens-key-pair sweep --prefix P --state S... [--dry-run | --yes]`: lists the key pairs whose names start with P
 * and that no given state names (orphans: failed destroys of the provider's resource, older tools, people), and with
 * `--yes` deletes them by KeyPairId through the handler's own delete (same retries and outcome table; a key pair
 * already gone counts as deleted). A refused delete is reported and the others go on. Dry run by default.
 */
import { EnsAction } from "../ens/ens-actions";
import type { AttemptRecord } from "../ens/ens-log";
import { EnsLog } from "../ens/ens-log";
import { reportError } from "../process/failure-report";
import { deleteKeyPair } from "../key-pairs/delete-key-pair";
import type { SweepRequest } from "./cli-arguments";
import { READ_TIMEOUT_SECONDS } from "./cli-commands";
import type { CliContext } from "./cli-context";
import { CliExitCode } from "./cli-exit-code";
import { keyPairsInState } from "./key-pairs-in-state";
import { listKeyPairs } from "../key-pairs/list-key-pairs";
import { StateReadError, StateSource } from "./state-source";
import { formatDuration, OwnerInState, planSweep, SweepItem } from "./sweep-plan";
import { textTable } from "./text-table";

/** What came of one key pair. */
type SweepResult = "would delete" | "deleted" | "already deleted" | "failed" | "kept";

interface SweepOutcome {
  readonly item: SweepItem;
  readonly result: SweepResult;
  readonly reason: string;
  /** DeleteKeyPairs attempts made. */
  readonly attempts?: number;
  /** The failure's exit code. */
  readonly exitCode?: number;
}

/** The handler's log, also counting the DeleteKeyPairs attempts (not a lookup that confirms a refusal). */
class CountingLog extends EnsLog {
  public attempts = 0;

  constructor(private readonly inner: EnsLog) {
    super(() => undefined);
  }

  public override redact(secret: string | undefined): void {
    this.inner.redact(secret);
  }

  public override attempt(record: AttemptRecord): void {
    if (record.action === EnsAction.DELETE_KEY_PAIRS) this.attempts++;
    this.inner.attempt(record);
  }

  public override info(message: string): void {
    this.inner.info(message);
  }

  public override warn(message: string): void {
    this.inner.warn(message);
  }

  public override error(message: string): void {
    this.inner.error(message);
  }
}

/**
 * The resources that name key pairs in the given states.
 *
 * @throws StateReadError for a state that names no key pair at all: a wrong path (an empty folder's state, another
 *   project's) would otherwise make every key pair under the prefix look like an orphan
 */
export function ownersInStates(sources: readonly StateSource[]): OwnerInState[] {
  return sources.flatMap((source) => {
    const { owners } = keyPairsInState(source.values);
    if (owners.length === 0) {
      throw new StateReadError(
        source.label,
        "it names no key pair (no EnsKeyPair, no resource with a key_pair_name), so it cannot own any; sweep " +
          "refuses it, because a wrong state would make every key pair under the prefix look like an orphan. " +
          "Pass only the states of stacks that hold key pairs.",
      );
    }
    return owners.map((owner) => ({ state: source.label, owner }));
  });
}

async function deleteOne(context: CliContext, item: SweepItem, timeoutMs: number): Promise<SweepOutcome> {
  const log = new CountingLog(context.log);
  const { keyPairName, keyPairId } = item.keyPair;
  try {
    const outcome = await deleteKeyPair(
      { ...context, log },
      { keyPairId, keyPairName },
      context.clock.now() + timeoutMs,
    );
    return {
      item,
      result: outcome.kind === "deleted" ? "deleted" : "already deleted",
      reason: item.reason,
      attempts: log.attempts,
    };
  } catch (error) {
    const { message, exitCode } = reportError(error, "It was kept.");
    return { item, result: "failed", reason: message, attempts: log.attempts, exitCode };
  }
}

function resultCell(outcome: SweepOutcome): string {
  return outcome.attempts !== undefined && outcome.attempts > 1
    ? `${outcome.result} (${outcome.attempts} attempts)`
    : outcome.result;
}

function report(request: SweepRequest, outcomes: readonly SweepOutcome[], outsidePrefix: number): string {
  if (request.json) {
    return `${JSON.stringify(
      {
        dryRun: !request.yes,
        prefix: request.prefix,
        minAgeSeconds: request.minAgeMs / 1000,
        outsidePrefix,
        keyPairs: outcomes.map(({ item, result, reason, attempts }) => ({
          ...item.keyPair,
          result,
          reason,
          attempts: attempts ?? null,
        })),
      },
      null,
      2,
    )}\n`;
  }
  return textTable(
    ["NAME", "KEY PAIR ID", "CREATED", "RESULT", "WHY"],
    outcomes.map((outcome) => [
      outcome.item.keyPair.keyPairName,
      outcome.item.keyPair.keyPairId,
      outcome.item.keyPair.creationTime,
      resultCell(outcome),
      outcome.reason,
    ]),
  );
}

/**
 * Runs `sweep` over the owners read from the states.
 *
 * @returns 0 when nothing failed (a dry run, or every delete done); 1 (or 2 for rejected credentials) when a
 *   delete failed
 * @throws ActionFailedError when listing the key pairs gives up
 */
export async function sweepCommand(
  context: CliContext,
  request: SweepRequest,
  owners: readonly OwnerInState[],
): Promise<number> {
  const listed = await listKeyPairs(context, context.clock.now() + READ_TIMEOUT_SECONDS * 1000);
  const plan = planSweep(listed, owners, request.prefix, request.minAgeMs, context.clock.now());
  const outcomes: SweepOutcome[] = [];
  for (const item of plan.items) {
    if (item.action === "keep") outcomes.push({ item, result: "kept", reason: item.reason });
    else if (!request.yes) outcomes.push({ item, result: "would delete", reason: item.reason });
    else outcomes.push(await deleteOne(context, item, request.timeoutMs));
  }
  context.print(report(request, outcomes, plan.outsidePrefix));
  const count = (...results: SweepResult[]) => outcomes.filter((o) => results.includes(o.result)).length;
  const prefix = JSON.stringify(request.prefix);
  const untouched = `${plan.outsidePrefix} of ${listed.length} key pairs outside the prefix ${prefix} not considered`;
  context.log.info(
    request.yes
      ? `sweep: ${count("deleted", "already deleted")} deleted, ${count("failed")} failed, ${count("kept")} kept; ${untouched}`
      : `sweep (dry run, nothing deleted; --yes deletes): ${count("would delete")} would be deleted, ` +
          `${count("kept")} kept (minimum age ${formatDuration(request.minAgeMs)}); ${untouched}`,
  );
  return Math.max(CliExitCode.OK, ...outcomes.map((o) => o.exitCode ?? CliExitCode.OK));
}
