/**
 * The `create` command: CreateKeyPair (private key written to a 0600 file or discarded) or ImportKeyPair, or, with
 * adoptExisting, taking over the key pair that already holds the name.
 *
 * It is safe to run again after any interruption. A run cut short may have left a key pair behind (created, its
 * answer or its private key file lost), and Terraform runs this command again on the next apply. So when the name
 * is taken, the command looks the key pair up and decides whose it is (key-pair-ownership.ts): this stack's is
 * kept when nothing was lost (a finished create is never redone), and deleted and created again when its private
 * key was lost; anyone else's is left untouched and the command fails, saying so.
 *
 * Atomic within a run: whenever this run created a key pair but does not finish, it deletes that key pair again
 * (by its KeyPairId) before exiting non-zero, and says loudly which key leaked if even that fails.
 */
import { EnsAction } from "../ens/ens-actions";
import type { CreatedKeyPair, EnsKeyPairSummary } from "../ens/ens-client";
import { isApiErrorCode } from "../ens/ens-errors";
import { describeError } from "../ens/describe-error";
import { FailureReport, reportError } from "../process/failure-report";
import { ActionFailedError, runLoggedAction } from "../ens/logged-action";
import { isAmbiguous } from "../ens/retry";
import { TEST_HOLD_ENV } from "../shared/handler-contract";
import { KeyPairMode } from "../shared/key-pair-mode";
import { sameFingerprint } from "../shared/public-key";
import { checkAdoptionById } from "../key-pairs/adoption-by-id";
import { CommandFailure } from "../process/command-failure";
import { deleteKeyPair } from "../key-pairs/delete-key-pair";
import { findKeyPair } from "../key-pairs/find-key-pair";
import type { HandlerContext } from "./handler-context";
import type { CreateModeInput, ImportModeInput } from "./handler-input";
import { importKeyPair, NAME_TAKEN_CODE } from "../key-pairs/import-key-pair";
import { Ownership, OwnershipEvidence, ownershipOf } from "../key-pairs/key-pair-ownership";
import { readPrivateKeyFile, writePrivateKeyFile } from "../key-pairs/private-key-file";
import { InvalidPrivateKeyBodyError, privateKeyPemOf } from "../key-pairs/private-key-pem";

/** Default deadline of the create command. */
export const CREATE_TIMEOUT_MS = 300_000;

/**
 * How far before this run's start a key pair's CreationTime may lie and still count as created by this run: it
 * absorbs the difference between this machine's clock and the API's (CreationTime has whole seconds).
 */
const CREATION_TIME_SKEW_MS = 60_000;

/** How many times one run deletes a key pair of this stack whose private key was lost and creates it again. */
const MAX_RECREATES = 2;

/** What Terraform does after a failed create. */
export const CREATE_FAILURE_CONSEQUENCE =
  "Terraform marks the resource as failed (tainted), and the next apply creates it again.";

function quoted(keyPairName: string): string {
  return JSON.stringify(keyPairName);
}

function deleteHint(keyPairName: string): string {
  return `\`ens-key-pair delete --name ${keyPairName}\` or the ENS console`;
}

function describeExisting(existing: EnsKeyPairSummary): string {
  return (
    `KeyPairId ${existing.keyPairId || "-"}, fingerprint ${existing.fingerprint || "-"}, ` +
    `created ${existing.creationTime || "-"}`
  );
}

function nameTaken(keyPairName: string, existing: EnsKeyPairSummary | undefined, why = ""): CommandFailure {
  const details = existing ? ` (${describeExisting(existing)})` : "";
  return new CommandFailure(
    `the name ${quoted(keyPairName)} is already taken by another key pair in this account${why}${details}, ` +
      "which this run did not create, so it was left untouched. Choose another keyPairName, or delete that key " +
      `pair if it is a leftover (${deleteHint(keyPairName)}).`,
  );
}

function undecidable(keyPairName: string, existing: EnsKeyPairSummary, why: string): CommandFailure {
  return new CommandFailure(
    `the name ${quoted(keyPairName)} is held by a key pair (${describeExisting(existing)}) that the handler cannot ` +
      `attribute: ${why}. It was left untouched. If it is this stack's key pair, delete it ` +
      `(${deleteHint(keyPairName)}) and apply again; if it is not, choose another keyPairName.`,
  );
}

/** The failure for a key pair under the name that is not (or may not be) this stack's. */
function notOurs(
  input: CreateModeInput | ImportModeInput,
  existing: EnsKeyPairSummary,
  ownership: Exclude<Ownership, { kind: "ours" }>,
): CommandFailure {
  if (ownership.kind === "undecidable") return undecidable(input.keyPairName, existing, ownership.why);
  if (ownership.why === "other-public-key" && input.mode === KeyPairMode.IMPORT) {
    return nameTaken(
      input.keyPairName,
      existing,
      ` with a different public key (yours has fingerprint ${input.fingerprint})`,
    );
  }
  if (ownership.why === "not-created-by-this-run") return nameTaken(input.keyPairName, existing);
  const claimed = new Date(input.claimedAtMs ?? 0).toISOString();
  return nameTaken(input.keyPairName, existing, `, created before this stack claimed the name at ${claimed}`);
}

/** True when the key pair's CreationTime is not before this run started (minus the skew allowance). */
function createdDuringRun(existing: EnsKeyPairSummary, runStartedAtMs: number): boolean {
  const created = Date.parse(existing.creationTime);
  return Number.isFinite(created) && created >= runStartedAtMs - CREATION_TIME_SKEW_MS;
}

/** The create command's deadlines. */
interface Deadlines {
  /** When this run started. */
  readonly startedAtMs: number;
  /** Creating or importing gives up after this. */
  readonly createMs: number;
}

function deadlinesOf(context: HandlerContext): Deadlines {
  const startedAtMs = context.clock.now();
  return { startedAtMs, createMs: startedAtMs + (context.createTimeoutMs ?? CREATE_TIMEOUT_MS) };
}

/**
 * Looks the name up. A failing lookup ends the run: `failure` says what was going on, and the message says that a
 * key pair may have been left behind when one may have been created.
 */
async function lookUp(
  context: HandlerContext,
  input: CreateModeInput | ImportModeInput,
  mayHaveCreated: boolean,
): Promise<EnsKeyPairSummary | undefined> {
  const deadlineMs = context.clock.now() + input.deleteTimeoutMs;
  try {
    return await findKeyPair(context, { keyPairName: input.keyPairName }, deadlineMs);
  } catch (error) {
    const report = reportError(error, "");
    const left = mayHaveCreated
      ? ` An attempt whose answer was lost may have created key pair ${quoted(input.keyPairName)}: if it exists, ` +
        `delete it (${deleteHint(input.keyPairName)}) before the next apply, or let the next apply or destroy find it.`
      : "";
    throw new CommandFailure(
      `looking up key pair ${quoted(input.keyPairName)} failed: ${report.message}${left}`,
      report.exitCode,
    );
  }
}

/**
 * Deletes a key pair of this stack by its KeyPairId (never by name: another key pair may hold the name by then).
 * When that fails, or there is no ID to delete by, ends the run with a notice naming the key.
 */
async function deleteOwnKeyPair(
  context: HandlerContext,
  input: CreateModeInput,
  keyPair: { readonly keyPairId: string },
  why: string,
): Promise<void> {
  if (!keyPair.keyPairId) {
    throw new CommandFailure(
      `KEY PAIR LEAKED: key pair ${quoted(input.keyPairName)} was created by this stack, but ${why}, and ` +
        "DescribeKeyPairs listed it without a KeyPairId, so it was not deleted (by name, the delete could remove " +
        "a key pair that took the name since). It is still in Alibaba Cloud and its name is taken: delete it " +
        `yourself (${deleteHint(input.keyPairName)}).`,
    );
  }
  const deadlineMs = context.clock.now() + input.deleteTimeoutMs;
  try {
    await deleteKeyPair(
      context,
      { keyPairId: keyPair.keyPairId, keyPairName: input.keyPairName },
      deadlineMs,
    );
  } catch (error) {
    throw new CommandFailure(
      `KEY PAIR LEAKED: key pair ${quoted(input.keyPairName)} (KeyPairId ${keyPair.keyPairId}) was created by this ` +
        `stack, but ${why}, and deleting it failed: ${describeError(error)}. It is still in Alibaba Cloud and its ` +
        `name is taken: the next apply or destroy deletes it, or delete it yourself (${deleteHint(input.keyPairName)}).`,
    );
  }
}

/**
 * Deletes a key pair this run created but cannot hand over, then fails: with "rolled back" when the delete
 * worked, or with a loud leak notice naming the key when it did not.
 */
async function rollBack(
  context: HandlerContext,
  input: CreateModeInput,
  keyPair: { readonly keyPairId: string },
  why: string,
): Promise<never> {
  const key = quoted(input.keyPairName);
  context.log.info(`${why}; deleting key pair ${key} again so that nothing is left behind`);
  await deleteOwnKeyPair(context, input, keyPair, why);
  throw new CommandFailure(
    `key pair ${key} was created, but ${why}; it was deleted again (rolled back), so nothing was left behind.`,
  );
}

/** What the CreateKeyPair attempts came to. */
type CreateAttempts =
  | { readonly kind: "created"; readonly keyPair: CreatedKeyPair }
  /** adoptExisting: the key pair that holds the name is taken over as it is, whoever made it. */
  | { readonly kind: "adopted" }
  /** `mayHaveCreated`: an earlier attempt's answer was ambiguous, so the key pair may be this run's. */
  | { readonly kind: "name-taken"; readonly mayHaveCreated: boolean };

/** The CreateKeyPair attempts gave up; `mayHaveCreated` when one of them may have taken effect unseen. */
class CreateGaveUp extends Error {
  constructor(
    public readonly failure: ActionFailedError,
    public readonly mayHaveCreated: boolean,
  ) {
    super(failure.message);
    this.name = "CreateGaveUp";
  }
}

/** CreateKeyPair under the retry policy, until it creates a key pair or the name turns out to be taken. */
async function createAttempts(
  context: HandlerContext,
  input: CreateModeInput,
  deadlineMs: number,
): Promise<CreateAttempts> {
  const { client, log, clock, random } = context;
  const { keyPairName } = input;
  let mayHaveCreated = false;
  try {
    return await runLoggedAction<CreateAttempts>(
      { action: EnsAction.CREATE_KEY_PAIR, keyPairName, log, deadlineMs, clock, random },
      async ({ timeLeftMs }) => {
        try {
          const keyPair = await client.createKeyPair(keyPairName, timeLeftMs);
          return { value: { kind: "created", keyPair }, outcome: "created", requestId: keyPair.requestId };
        } catch (error) {
          if (isApiErrorCode(error, NAME_TAKEN_CODE)) {
            const adopted = input.adoptExisting === true;
            return {
              value: adopted ? { kind: "adopted" } : { kind: "name-taken", mayHaveCreated },
              outcome: adopted ? "adopted" : "name-taken",
              code: error.code,
              requestId: error.requestId,
            };
          }
          // A 5xx, a reset, a lost or unreadable answer: the key pair may exist without us having seen it.
          mayHaveCreated ||= isAmbiguous(error);
          throw error;
        }
      },
    );
  } catch (error) {
    if (error instanceof ActionFailedError) throw new CreateGaveUp(error, mayHaveCreated);
    throw error;
  }
}

/** Stops, for the test seam, until the process is killed. */
async function holdForTest(context: HandlerContext, point: string): Promise<void> {
  context.log.info(
    `test seam: holding ${point} (${TEST_HOLD_ENV}) in pid ${process.pid}; waiting to be killed`,
  );
  await new Promise<never>(() => setInterval(() => undefined, 60_000));
}

/** Writes (or discards) the new private key; rolls the key pair back when that fails. */
async function handOver(
  context: HandlerContext,
  input: CreateModeInput,
  created: CreatedKeyPair,
): Promise<void> {
  const summary =
    `key pair ${quoted(input.keyPairName)} created ` +
    `(KeyPairId ${created.keyPairId}, fingerprint ${created.fingerprint || "-"})`;
  if (!input.privateKeyFile) {
    context.log.info(`${summary}; its private key was discarded because no privateKeyFile is set`);
    return;
  }
  let pem: string;
  try {
    pem = privateKeyPemOf(created.privateKeyBody);
  } catch (error) {
    if (!(error instanceof InvalidPrivateKeyBodyError)) throw error;
    return rollBack(context, input, created, `${error.message}, so no private key file could be written`);
  }
  if (input.testHold) await holdForTest(context, input.testHold);
  try {
    await writePrivateKeyFile(input.privateKeyFile, pem);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return rollBack(
      context,
      input,
      created,
      `writing its private key to ${input.privateKeyFile} failed (${reason})`,
    );
  }
  context.log.info(`${summary}; private key written to ${input.privateKeyFile} (mode 0600)`);
  if (input.onCiRunner) {
    context.log.warn(
      `CI is set, so this looks like a CI runner: the private key of ${quoted(input.keyPairName)} is in ` +
        `${input.privateKeyFile} on this runner only, and goes away with it. Import a public key you keep ` +
        "(publicKey) for key pairs deployed from CI, or copy the file to a secret store in a later step of this job.",
    );
  }
}

/** How a key pair of this stack found under the name is dealt with. */
type Found = { readonly kind: "kept" } | { readonly kind: "recreate" };

/**
 * A key pair of this stack already holds the name (an earlier run created it; its answer, its private key file or
 * only its exit was lost). Kept when nothing was lost; to be created again when its private key was lost.
 */
async function ownKeyPairFound(
  context: HandlerContext,
  input: CreateModeInput,
  existing: EnsKeyPairSummary,
  ownership: Extract<Ownership, { kind: "ours" }>,
  runStartedAtMs: number,
): Promise<Found> {
  const key = quoted(input.keyPairName);
  const found = `key pair ${key} (${describeExisting(existing)}) already exists and is this stack's`;
  if (!input.privateKeyFile) {
    context.log.info(`${found}; kept (no privateKeyFile is set, so there is no private key to write)`);
    return { kind: "kept" };
  }
  const file = await readPrivateKeyFile(input.privateKeyFile);
  if (file.kind === "key" && sameFingerprint(file.fingerprint, existing.fingerprint)) {
    context.log.info(
      `${found}; kept: ${input.privateKeyFile} holds its private key (a finished create is not redone)`,
    );
    return { kind: "kept" };
  }
  const lost =
    file.kind === "missing"
      ? `${input.privateKeyFile} does not exist`
      : file.kind === "key"
        ? `${input.privateKeyFile} holds another key (fingerprint ${file.fingerprint})`
        : `${input.privateKeyFile} cannot be used (${file.reason})`;
  // A stack deployed by release 0.1 recorded no claim: its key pair may come from any earlier apply, perhaps on
  // another machine whose file is fine, so it is replaced only when this very run created it.
  if (ownership.why === "unclaimed" && !createdDuringRun(existing, runStartedAtMs)) {
    context.log.warn(
      `${found}, but ${lost}. The key pair was kept (it was created before this stack recorded when it claimed the ` +
        "name, so it may be in use with a private key held elsewhere). To get a new private key here, run " +
        "`terraform apply -replace` on this key pair's resources.",
    );
    return { kind: "kept" };
  }
  context.log.info(`${found}, but its private key is lost (${lost}): deleting it and creating it again`);
  await deleteOwnKeyPair(context, input, existing, `its private key was lost (${lost})`);
  return { kind: "recreate" };
}

/**
 * Whether the claim was made by the run now running the create step: its plan time is not after the claim. Then no
 * earlier run of this stack can have left a key pair under the name.
 */
function claimedByThisRun(input: CreateModeInput | ImportModeInput): boolean {
  return (
    input.claimedAtMs !== undefined &&
    input.plannedAtMs !== undefined &&
    input.claimedAtMs >= input.plannedAtMs
  );
}

/** The ownership evidence of a create step that found the name taken. */
function evidenceOf(
  input: CreateModeInput | ImportModeInput,
  thisRunMayHaveCreated: boolean,
): OwnershipEvidence {
  return {
    claimedAtMs: input.claimedAtMs,
    claimedByThisRun: claimedByThisRun(input),
    thisRunMayHaveCreated,
    adoptExisting: input.adoptExisting,
    fingerprint: input.mode === KeyPairMode.IMPORT ? input.fingerprint : undefined,
  };
}

/** Create mode: CreateKeyPair until a key pair of this stack holds the name with its private key delivered. */
async function createOwnKeyPair(context: HandlerContext, input: CreateModeInput): Promise<void> {
  const deadlines = deadlinesOf(context);
  if (input.claimedAtMs === undefined && !input.adoptExisting) {
    // Deployed by release 0.1 (no claim recorded): its key pair normally exists, so look before creating.
    const existing = await lookUp(context, input, false);
    if (existing) {
      await ownKeyPairFound(
        context,
        input,
        existing,
        { kind: "ours", why: "unclaimed" },
        deadlines.startedAtMs,
      );
      return;
    }
  }
  for (let recreates = 0; ;) {
    let attempts: CreateAttempts;
    try {
      attempts = await createAttempts(context, input, deadlines.createMs);
    } catch (error) {
      if (!(error instanceof CreateGaveUp)) throw error;
      return gaveUp(context, input, error, deadlines);
    }
    if (attempts.kind === "created") return handOver(context, input, attempts.keyPair);
    if (attempts.kind === "adopted") {
      context.log.info(
        `key pair ${quoted(input.keyPairName)} adopted: it already existed (${NAME_TAKEN_CODE}), and this stack ` +
          "now deletes it on destroy; its private key is not available (ENS returns it only at creation)",
      );
      return;
    }
    const existing = await lookUp(context, input, false);
    // Freed between the two calls (deleted elsewhere): create again.
    if (!existing) continue;
    const ownership = ownershipOf(existing, evidenceOf(input, attempts.mayHaveCreated));
    if (ownership.kind !== "ours") throw notOurs(input, existing, ownership);
    const found = await ownKeyPairFound(context, input, existing, ownership, deadlines.startedAtMs);
    if (found.kind === "kept") return;
    if (++recreates > MAX_RECREATES) {
      throw new CommandFailure(
        `key pair ${quoted(input.keyPairName)} was created ${MAX_RECREATES + 1} times in this run, and each time ` +
          "its private key was lost before it could be written; the last one was deleted again, so nothing was " +
          `left behind.`,
      );
    }
  }
}

/**
 * The CreateKeyPair attempts gave up. When one of them may have created a key pair unseen, look it up: one of this
 * stack's that this run cannot hand over is rolled back, so that nothing is left behind.
 */
async function gaveUp(
  context: HandlerContext,
  input: CreateModeInput,
  error: CreateGaveUp,
  deadlines: Deadlines,
): Promise<never> {
  const report: FailureReport = reportError(error.failure, "");
  if (!error.mayHaveCreated) throw new CommandFailure(report.message, report.exitCode);
  const existing = await lookUp(context, input, true);
  const ours =
    existing !== undefined &&
    ownershipOf(existing, evidenceOf(input, true)).kind === "ours" &&
    createdDuringRun(existing, deadlines.startedAtMs);
  if (!existing || !ours) throw new CommandFailure(report.message, report.exitCode);
  return rollBack(context, input, existing, "this run gave up creating it");
}

/** Import mode: ImportKeyPair until this stack's public key is under the name. */
async function importOwnKeyPair(context: HandlerContext, input: ImportModeInput): Promise<void> {
  const deadlines = deadlinesOf(context);
  const key = quoted(input.keyPairName);
  for (;;) {
    const result = await importKeyPair(context, input, deadlines.createMs);
    if (result.kind === "imported") {
      context.log.info(`key pair ${key} imported (fingerprint ${input.fingerprint})`);
      return;
    }
    const existing = await lookUp(context, input, false);
    if (!existing) continue;
    const ownership = ownershipOf(existing, evidenceOf(input, result.mayHaveCreated));
    if (ownership.kind !== "ours") throw notOurs(input, existing, ownership);
    context.log.info(
      ownership.why === "adopted"
        ? `key pair ${key} adopted: it already existed with the same public key (fingerprint ${input.fingerprint})`
        : `key pair ${key} already imported with the same public key (fingerprint ${input.fingerprint})`,
    );
    return;
  }
}

/** Adopts the key pair with `keyPairId`, after checking its name (and, in import mode, its public key). */
async function adoptById(
  context: HandlerContext,
  input: CreateModeInput | ImportModeInput,
  keyPairId: string,
): Promise<void> {
  const fingerprint = input.mode === KeyPairMode.IMPORT ? input.fingerprint : undefined;
  const target = { keyPairName: input.keyPairName, keyPairId, fingerprint };
  const check = await checkAdoptionById(context, target, deadlinesOf(context).createMs);
  const key = quoted(input.keyPairName);
  const fix = `Check keyPairId (\`ens-key-pair describe --name ${input.keyPairName}\` shows the ID of the key pair under that name), or remove it to adopt by name.`;
  switch (check.kind) {
    case "adoptable":
      context.log.info(
        `key pair ${key} (KeyPairId ${keyPairId}, fingerprint ${check.keyPair.fingerprint || "-"}) adopted: ` +
          "it already existed, and this stack now deletes it by that ID on destroy",
      );
      return;
    case "no-such-id":
      throw new CommandFailure(
        `no key pair has KeyPairId ${keyPairId}, so key pair ${key} cannot be adopted by that ID, and nothing was ` +
          `created. ${fix}`,
      );
    case "other-name":
      throw new CommandFailure(
        `KeyPairId ${keyPairId} belongs to key pair ${quoted(check.keyPair.keyPairName)}, not ${key}, so it was ` +
          `not adopted. ${fix}`,
      );
    case "other-key":
      throw new CommandFailure(
        `key pair ${key} (KeyPairId ${keyPairId}) holds another public key (fingerprint ` +
          `${check.keyPair.fingerprint}) than publicKey (fingerprint ${fingerprint}), so it was not adopted. Use ` +
          `the public key it was imported with, or adopt it in create mode (without publicKey).`,
      );
  }
}

/**
 * Runs the `create` command. Its failures are thrown, for the process boundary (run-handler.ts) to report together
 * with what Terraform does next (CREATE_FAILURE_CONSEQUENCE).
 *
 * @throws CommandFailure, ActionFailedError and other errors that end the run
 */
export async function runCreateCommand(
  context: HandlerContext,
  input: CreateModeInput | ImportModeInput,
): Promise<void> {
  if (input.keyPairId) {
    await adoptById(context, input, input.keyPairId);
  } else if (input.mode === KeyPairMode.IMPORT) {
    await importOwnKeyPair(context, input);
  } else {
    await createOwnKeyPair(context, input);
  }
}
