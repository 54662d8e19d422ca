/**
 * The `create` command: CreateKeyPair (private key written to a 0600 file or discarded) or ImportKeyPair, or, with
 * adoptExisting, taking over the key pair that already holds the name.
 *
 * Atomic: Terraform taints a resource whose create provisioner failed, and a tainted resource's destroy
 * provisioner never runs, so a key pair left behind by a failed create would leak. Whenever this run may have
 * created a key pair but does not finish, it deletes that key pair again before exiting non-zero, and says
 * loudly which key leaked if even that fails.
 */
import { EnsAction } from "../ens/ens-actions";
import type { CreatedKeyPair, EnsKeyPairSummary } from "../ens/ens-client";
import { isApiErrorCode } from "../ens/ens-errors";
import { describeError, FailureReport, reportError } from "../ens/error-outcomes";
import { ActionFailedError, runLoggedAction } from "../ens/logged-action";
import { isAmbiguous } from "../ens/retry";
import { HandlerExitCode, KeyPairMode } from "../handler-contract";
import { checkAdoptionById } from "./adoption-by-id";
import { CommandFailure } from "./command-failure";
import { deleteKeyPair } from "./delete-key-pair";
import { findKeyPair } from "./find-key-pair";
import type { HandlerContext } from "./handler-context";
import type { CreateModeInput, ImportModeInput } from "./handler-input";
import { importKeyPair, NAME_TAKEN_CODE } from "./import-key-pair";
import { writePrivateKeyFile } from "./private-key-file";

/** Deadline of the create command. */
export const CREATE_TIMEOUT_MS = 300_000;

/**
 * How far before this run's start a key pair's CreationTime may lie and still count as created by this run:
 * it absorbs the difference between this machine's clock and the API's (CreationTime has whole seconds).
 */
export const CREATION_TIME_SKEW_MS = 60_000;

/** How many times a key pair lost to an ambiguous attempt is deleted and created again. */
const MAX_RECLAIMS = 2;

/** What Terraform does after a failed create. */
export const CREATE_FAILURE_CONSEQUENCE =
  "Terraform marks the resource as failed (tainted), and the next apply creates it again.";

function quoted(keyPairName: string): string {
  return JSON.stringify(keyPairName);
}

function deleteHint(keyPairName: string): string {
  return `\`aliyun ens DeleteKeyPairs --KeyPairName ${keyPairName}\` or the ENS console`;
}

function nameTaken(
  keyPairName: string,
  existing: EnsKeyPairSummary | undefined,
  difference = "",
): CommandFailure {
  const details = existing
    ? ` (KeyPairId ${existing.keyPairId || "-"}, fingerprint ${existing.fingerprint || "-"}, created ${existing.creationTime || "-"})`
    : "";
  return new CommandFailure(
    `the name ${quoted(keyPairName)} is already taken by another key pair in this account${difference}${details}, ` +
      "which this run did not create, so it was left untouched. Choose another keyPairName, or delete that key " +
      `pair if it is a leftover (${deleteHint(keyPairName)}). ${CREATE_FAILURE_CONSEQUENCE}`,
  );
}

/** True when the key pair's CreationTime is not before this run started (minus the skew allowance). */
function createdDuringRun(existing: EnsKeyPairSummary, runStartedAtMs: number): boolean {
  const created = Date.parse(existing.creationTime);
  return Number.isFinite(created) && created >= runStartedAtMs - CREATION_TIME_SKEW_MS;
}

/**
 * Deletes a key pair this run created; when that fails, ends the run with a loud notice naming the leaked key.
 */
async function deleteOwnKeyPair(
  context: HandlerContext,
  input: CreateModeInput,
  keyPairId: string,
  why: string,
  deadlineMs: number,
): Promise<void> {
  try {
    await deleteKeyPair(context, input.keyPairName, deadlineMs);
  } catch (error) {
    throw new CommandFailure(
      `KEY PAIR LEAKED: key pair ${quoted(input.keyPairName)}${keyPairId ? ` (KeyPairId ${keyPairId})` : ""} ` +
        `was created by this run, but ${why}, and deleting it failed: ${describeError(error)}. It is still in ` +
        `Alibaba Cloud and its name is taken: delete it yourself (${deleteHint(input.keyPairName)}) before the ` +
        `next apply. ${CREATE_FAILURE_CONSEQUENCE}`,
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
  keyPairId: string,
  why: string,
): Promise<never> {
  const key = quoted(input.keyPairName);
  context.log.info(`${why}; deleting key pair ${key} again so that nothing is left behind`);
  await deleteOwnKeyPair(context, input, keyPairId, why, context.clock.now() + input.deleteTimeoutMs);
  throw new CommandFailure(
    `key pair ${key} was created, but ${why}; it was deleted again (rolled back), so nothing was left behind. ` +
      CREATE_FAILURE_CONSEQUENCE,
  );
}

/**
 * Looks for a key pair of this name after an ambiguous attempt. A failing lookup ends the run with a warning
 * that a key pair may have been left behind.
 */
async function lookUpAfterAmbiguousAttempt(
  context: HandlerContext,
  input: CreateModeInput,
  failure: FailureReport,
): Promise<EnsKeyPairSummary | undefined> {
  const deadlineMs = context.clock.now() + input.deleteTimeoutMs;
  try {
    return await findKeyPair(context.client, { ...context, keyPairName: input.keyPairName, deadlineMs });
  } catch (error) {
    throw new CommandFailure(
      `${failure.message} An earlier attempt whose answer was lost may have created key pair ` +
        `${quoted(input.keyPairName)}, and looking it up failed (${describeError(error)}): if it exists, delete it ` +
        `(${deleteHint(input.keyPairName)}) before the next apply. ${CREATE_FAILURE_CONSEQUENCE}`,
      failure.exitCode,
    );
  }
}

/** The failure as a final message, ending with what Terraform does. */
function finalFailure(failure: FailureReport): CommandFailure {
  return new CommandFailure(`${failure.message} ${CREATE_FAILURE_CONSEQUENCE}`, failure.exitCode);
}

/** What CreateKeyPair achieved: a new key pair, or (when adopting) the one that already held the name. */
type CreateOutcome =
  { readonly kind: "created"; readonly keyPair: CreatedKeyPair } | { readonly kind: "adopted" };

async function createKeyPairWithRetries(
  context: HandlerContext,
  input: CreateModeInput,
  deadlineMs: number,
): Promise<CreateOutcome> {
  const { client, log, clock, random } = context;
  const { keyPairName } = input;
  return runLoggedAction<CreateOutcome>(
    { action: EnsAction.CREATE_KEY_PAIR, keyPairName, log, deadlineMs, clock, random },
    async ({ timeLeftMs }) => {
      try {
        const answer = await client.createKeyPair(keyPairName, timeLeftMs);
        return {
          value: { kind: "created", keyPair: answer },
          outcome: "created",
          requestId: answer.requestId,
        };
      } catch (error) {
        // Adopting takes the existing key as is, whoever made it: its private key is not wanted (no file is set).
        if (!input.adoptExisting || !isApiErrorCode(error, NAME_TAKEN_CODE)) throw error;
        return {
          value: { kind: "adopted" },
          outcome: "adopted",
          code: error.code,
          requestId: error.requestId,
        };
      }
    },
  );
}

/**
 * CreateKeyPair until a key pair of ours exists.
 *
 * `PubKeyNameExisted` on the first attempt means the key is someone else's: fail, never delete a key we did
 * not create. After an ambiguous attempt (5xx, reset, lost answer, read timeout; not throttling, which is a
 * clear "no") the key is probably ours, with its private key lost in that answer. We confirm with
 * DescribeKeyPairs that its CreationTime is not before this run started (minus a skew allowance); only then do
 * we delete it and create it again, at most MAX_RECLAIMS times, so the user gets a private key. A key created
 * before this run is never touched.
 */
async function createOwnKeyPair(context: HandlerContext, input: CreateModeInput): Promise<CreateOutcome> {
  const runStartedAtMs = context.clock.now();
  const deadlineMs = runStartedAtMs + CREATE_TIMEOUT_MS;
  for (let reclaims = 0; ; reclaims++) {
    try {
      return await createKeyPairWithRetries(context, input, deadlineMs);
    } catch (error) {
      if (!(error instanceof ActionFailedError)) throw error;
      const failures = error.retries.failures;
      const nameExists = isApiErrorCode(error.cause, NAME_TAKEN_CODE);
      const ambiguousBefore = (nameExists ? failures.slice(0, -1) : failures).some(isAmbiguous);
      const report = reportError(error, "");
      if (!ambiguousBefore) throw nameExists ? nameTaken(input.keyPairName, undefined) : finalFailure(report);
      const existing = await lookUpAfterAmbiguousAttempt(context, input, report);
      if (existing && !createdDuringRun(existing, runStartedAtMs)) {
        throw nameExists ? nameTaken(input.keyPairName, existing) : finalFailure(report);
      }
      if (!nameExists || reclaims >= MAX_RECLAIMS) {
        if (existing) return rollBack(context, input, existing.keyPairId, "this run gave up creating it");
        throw finalFailure(report);
      }
      if (existing) {
        context.log.info(
          `key pair ${quoted(input.keyPairName)} was created at ${existing.creationTime} by an earlier attempt of ` +
            "this run whose answer (with the private key) was lost; deleting it and creating it again",
        );
        const why = "the answer carrying its private key was lost";
        await deleteOwnKeyPair(context, input, existing.keyPairId, why, deadlineMs);
      }
    }
  }
}

/** Writes (or discards) the private key; rolls the key pair back when that fails. */
async function handOver(
  context: HandlerContext,
  input: CreateModeInput,
  created: CreatedKeyPair,
): Promise<void> {
  const summary =
    `key pair ${quoted(input.keyPairName)} created ` +
    `(KeyPairId ${created.keyPairId || "-"}, fingerprint ${created.fingerprint || "-"})`;
  if (!input.privateKeyFile) {
    context.log.info(`${summary}; its private key was discarded because no privateKeyFile is set`);
    return;
  }
  if (!created.privateKeyBody) {
    return rollBack(
      context,
      input,
      created.keyPairId,
      "the CreateKeyPair answer had no private key to write",
    );
  }
  try {
    await writePrivateKeyFile(input.privateKeyFile, created.privateKeyBody);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return rollBack(
      context,
      input,
      created.keyPairId,
      `writing its private key to ${input.privateKeyFile} failed (${reason})`,
    );
  }
  context.log.info(`${summary}; private key written to ${input.privateKeyFile} (mode 0600)`);
}

async function importOwnKeyPair(context: HandlerContext, input: ImportModeInput): Promise<void> {
  const result = await importKeyPair(context, input, context.clock.now() + CREATE_TIMEOUT_MS);
  const key = quoted(input.keyPairName);
  if (result.kind === "name-taken") {
    if (!result.existing) {
      throw new CommandFailure(
        `ImportKeyPair answered ${NAME_TAKEN_CODE} for key pair ${key}, but DescribeKeyPairs does not list it ` +
          `(it may have just been deleted). ${CREATE_FAILURE_CONSEQUENCE}`,
      );
    }
    throw nameTaken(
      input.keyPairName,
      result.existing,
      ` with a different public key (yours has fingerprint ${input.fingerprint})`,
    );
  }
  const summaries = {
    imported: `key pair ${key} imported (fingerprint ${input.fingerprint})`,
    "already-imported": `key pair ${key} already imported with the same public key (fingerprint ${input.fingerprint})`,
    adopted: `key pair ${key} adopted: it already existed with the same public key (fingerprint ${input.fingerprint})`,
  };
  context.log.info(summaries[result.kind]);
}

/** Adopts the key pair with `keyPairId`, after checking its name (and, in import mode, its public key). */
async function adoptById(
  context: HandlerContext,
  input: CreateModeInput | ImportModeInput,
  keyPairId: string,
): Promise<void> {
  const fingerprint = input.mode === KeyPairMode.IMPORT ? input.fingerprint : undefined;
  const target = { keyPairName: input.keyPairName, keyPairId, fingerprint };
  const check = await checkAdoptionById(context, target, context.clock.now() + CREATE_TIMEOUT_MS);
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
          `created. ${fix} ${CREATE_FAILURE_CONSEQUENCE}`,
      );
    case "other-name":
      throw new CommandFailure(
        `KeyPairId ${keyPairId} belongs to key pair ${quoted(check.keyPair.keyPairName)}, not ${key}, so it was ` +
          `not adopted. ${fix} ${CREATE_FAILURE_CONSEQUENCE}`,
      );
    case "other-key":
      throw new CommandFailure(
        `key pair ${key} (KeyPairId ${keyPairId}) holds another public key (fingerprint ` +
          `${check.keyPair.fingerprint}) than publicKey (fingerprint ${fingerprint}), so it was not adopted. Use ` +
          `the public key it was imported with, or adopt it in create mode (without publicKey). ${CREATE_FAILURE_CONSEQUENCE}`,
      );
  }
}

/**
 * Runs the `create` command.
 *
 * @returns the process exit code
 */
export async function runCreateCommand(
  context: HandlerContext,
  input: CreateModeInput | ImportModeInput,
): Promise<number> {
  try {
    if (input.keyPairId) {
      await adoptById(context, input, input.keyPairId);
    } else if (input.mode === KeyPairMode.IMPORT) {
      await importOwnKeyPair(context, input);
    } else {
      const outcome = await createOwnKeyPair(context, input);
      if (outcome.kind === "created") {
        await handOver(context, input, outcome.keyPair);
      } else {
        context.log.info(
          `key pair ${quoted(input.keyPairName)} adopted: it already existed (${NAME_TAKEN_CODE}), and this stack ` +
            "now deletes it on destroy; its private key is not available (ENS returns it only at creation)",
        );
      }
    }
    return HandlerExitCode.OK;
  } catch (error) {
    const { message, exitCode } =
      error instanceof CommandFailure ? error : reportError(error, CREATE_FAILURE_CONSEQUENCE);
    context.log.error(message);
    return exitCode;
  }
}
