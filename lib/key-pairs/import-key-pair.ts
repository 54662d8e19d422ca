/**
 * Import mode: ImportKeyPair with the user's public key, under the retry policy. `PubKeyNameExisted` ends the
 * attempts as "name taken": the caller looks the key pair up and decides whether it is this stack's (a retried
 * import, or one whose answer was lost) or someone else's.
 */
import { EnsAction } from "../ens/ens-actions";
import { isApiErrorCode } from "../ens/ens-errors";
import { runLoggedAction } from "../ens/logged-action";
import { isAmbiguous } from "../ens/retry";
import type { KeyPairContext } from "./key-pair-context";

/** The code ENS answers when the name is in use. */
export const NAME_TAKEN_CODE = "PubKeyNameExisted";

/** How the ImportKeyPair attempts ended. */
type ImportResult =
  | { readonly kind: "imported" }
  /** `mayHaveCreated`: an earlier attempt's answer was ambiguous, so the key pair may be this run's import. */
  | { readonly kind: "name-taken"; readonly mayHaveCreated: boolean };

/** The key pair to import. */
interface KeyPairToImport {
  /** Its name. */
  readonly keyPairName: string;
  /** The OpenSSH `ssh-rsa` public key line. */
  readonly publicKey: string;
}

/**
 * Imports the public key, retrying until `deadlineMs`.
 *
 * @throws ActionFailedError when the API refuses or the deadline passes
 */
export async function importKeyPair(
  context: KeyPairContext,
  target: KeyPairToImport,
  deadlineMs: number,
): Promise<ImportResult> {
  const { client, log, clock, random } = context;
  let mayHaveCreated = false;
  return runLoggedAction<ImportResult>(
    { action: EnsAction.IMPORT_KEY_PAIR, keyPairName: target.keyPairName, log, deadlineMs, clock, random },
    async ({ timeLeftMs }) => {
      try {
        const answer = await client.importKeyPair(target.keyPairName, target.publicKey, timeLeftMs);
        return { value: { kind: "imported" }, outcome: "imported", requestId: answer.requestId };
      } catch (error) {
        if (!isApiErrorCode(error, NAME_TAKEN_CODE)) {
          mayHaveCreated ||= isAmbiguous(error);
          throw error;
        }
        return {
          value: { kind: "name-taken", mayHaveCreated },
          outcome: "name-taken",
          code: error.code,
          requestId: error.requestId,
        };
      }
    },
  );
}
