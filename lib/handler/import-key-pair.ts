/**
 * Import mode: ImportKeyPair with the user's public key. `PubKeyNameExisted` is success when DescribeKeyPairs
 * shows the same fingerprint under that exact name (a retried import, or one whose answer was lost; with
 * adoptExisting, also a key imported elsewhere, which is then adopted); any other key under the name is someone
 * else's, and is left alone.
 */
import { EnsAction } from "../ens/ens-actions";
import type { EnsKeyPairSummary } from "../ens/ens-client";
import { isApiErrorCode } from "../ens/ens-errors";
import { runLoggedAction } from "../ens/logged-action";
import { findKeyPair } from "./find-key-pair";
import type { HandlerContext } from "./handler-context";
import type { ImportModeInput } from "./handler-input";

/** The code ENS answers when the name is in use. */
export const NAME_TAKEN_CODE = "PubKeyNameExisted";

/** How an import ended. */
export type ImportResult =
  | { readonly kind: "imported" | "already-imported" | "adopted" }
  /** The name belongs to another key (or vanished between the two calls: then `existing` is undefined). */
  | { readonly kind: "name-taken"; readonly existing?: EnsKeyPairSummary };

/**
 * Imports the public key, retrying until `deadlineMs`.
 *
 * @throws ActionFailedError when the API refuses or the deadline passes
 */
export async function importKeyPair(
  context: HandlerContext,
  input: ImportModeInput,
  deadlineMs: number,
): Promise<ImportResult> {
  const { client, log, clock, random } = context;
  const run = { keyPairName: input.keyPairName, log, deadlineMs, clock, random };
  return runLoggedAction<ImportResult>(
    { ...run, action: EnsAction.IMPORT_KEY_PAIR },
    async ({ timeLeftMs }) => {
      try {
        const answer = await client.importKeyPair(input.keyPairName, input.publicKey, timeLeftMs);
        return { value: { kind: "imported" }, outcome: "imported", requestId: answer.requestId };
      } catch (error) {
        if (!isApiErrorCode(error, NAME_TAKEN_CODE)) throw error;
        const existing = await findKeyPair(client, run);
        const same = existing !== undefined && existing.fingerprint.toLowerCase() === input.fingerprint;
        const accepted = input.adoptExisting ? "adopted" : "already-imported";
        return {
          value: same ? { kind: accepted } : { kind: "name-taken", existing },
          outcome: same ? accepted : "failed",
          code: error.code,
          requestId: error.requestId,
        };
      }
    },
  );
}
