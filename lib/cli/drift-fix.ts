/**
 * What to run when drift finds a key pair `missing` or `changed`.
 *
 * A plain apply cannot repair a key pair deleted out of band: Terraform has no refresh step for it and plans
 * nothing. Replacing the **create step** (`terraform apply -replace=<create step>`) runs the create step again,
 * which finds the name free and creates (or imports) the key pair; the main resource, its claim and its delete step
 * stay as they are. When the state holds no create step (written by release 0.1, whose single resource ran both
 * steps, or cut short before the create step was recorded), replacing the main resource does it: its delete step
 * finds the key already gone, and the new resource (and create step) makes the key pair again.
 *
 * For `key-lost` (`--key-files`: ENS holds the key pair, its private key file does not hold its private half), the
 * same replacement runs the create step again: it finds the name held by this stack's key pair with its private key
 * lost, deletes that key pair by its KeyPairId and creates it again, writing the new private key. A state that
 * records no claim (deployed by release 0.1) is the exception: its create step keeps a key pair it cannot date, so
 * the main resource is replaced instead, whose delete step deletes the key pair and whose new create step makes it
 * again. Copying the private key back, from wherever it is kept, repairs it without replacing anything.
 *
 * cdktf 0.21's `cdktf deploy` has no replace option, so cdktf users run the same terraform command in the stack's
 * folder (`cdktf.out/stacks/<stack>`, which `cdktf synth` writes and `cdktf deploy` has initialized).
 */
import type { EnsKeyPairSummary } from "../ens/ens-client";
import type { EnsKeyPairInState } from "./key-pairs-in-state";
import type { StateSource } from "./state-source";
import { CLI_NAME } from "./cli-commands";
import { shellQuote } from "./text-table";

/** How to repair a key pair. */
export interface DriftFix {
  /** The terraform command that re-creates the key pair. */
  readonly command: string;
  /** Where to run it. */
  readonly workingDirectory: string;
  /** The cdktf way. */
  readonly cdktf: string;
  /** For `changed`: what must happen to the key pair that holds the name first. @default - nothing */
  readonly before?: string;
  /** For `key-lost`: what repairs it without replacing the key pair. @default - nothing */
  readonly instead?: string;
}

/** The address whose replacement re-creates the key pair. */
function replaceAddressOf(keyPair: EnsKeyPairInState): string {
  return keyPair.createStepAddress ?? keyPair.address;
}

function stackFolderOf(source: StateSource): string {
  if (source.stackName) return `cdktf.out/stacks/${source.stackName}`;
  return "the stack folder (cdktf.out/stacks/<stack> for cdktf)";
}

/** What is wrong with a key pair, as far as its repair goes. */
export type DriftProblem =
  /** Nothing holds the name. */
  | { readonly kind: "missing" }
  /** Another key pair holds the name. */
  | { readonly kind: "changed"; readonly holder?: EnsKeyPairSummary }
  /** The key pair exists; its private key file (at `path`) does not hold its private half. */
  | { readonly kind: "key-lost"; readonly path: string };

/** The repair for a `missing`, `changed` or `key-lost` key pair. */
export function driftFix(source: StateSource, keyPair: EnsKeyPairInState, problem: DriftProblem): DriftFix {
  const address =
    problem.kind === "key-lost" && keyPair.claimedAt === undefined
      ? keyPair.address
      : replaceAddressOf(keyPair);
  const command = `terraform apply -replace=${shellQuote(address)}`;
  const workingDirectory = stackFolderOf(source);
  const stack = source.stackName ?? "<stack>";
  const cdktf = `cdktf deploy has no -replace option: run \`cdktf synth\`, then \`${command}\` in cdktf.out/stacks/${stack}.`;
  if (problem.kind === "key-lost") {
    return {
      command,
      workingDirectory,
      cdktf,
      instead:
        `if this key pair's private key is kept elsewhere (the machine whose apply created it, a secret store), ` +
        `copy it to ${problem.path} instead: nothing is replaced. The command above deletes the key pair and ` +
        "creates a new one: instances set up with the old key do not accept the new private key.",
    };
  }
  const holder = problem.kind === "changed" ? problem.holder : undefined;
  if (!holder) return { command, workingDirectory, cdktf };
  const remove = holder.keyPairId
    ? `${CLI_NAME} delete --id ${holder.keyPairId}`
    : `${CLI_NAME} delete --name ${shellQuote(holder.keyPairName)}`;
  return {
    command,
    workingDirectory,
    cdktf,
    before:
      `the name is held by another key pair: if it is a leftover, delete it first (\`${remove}\`); if it is ` +
      "someone else's, give this EnsKeyPair another keyPairName instead.",
  };
}
