/**
 * The key pairs a Terraform state file records, read straight from the local state so a test can compare them
 * with the emulator's key pairs (`terraform state list` gives addresses only).
 */
import * as fs from "node:fs";

/** One EnsKeyPair resource instance in state. */
export interface KeyPairInState {
  /** The resource address, e.g. `terraform_data.kp_Resource_1A2B3C4D`. */
  readonly address: string;
  /** The `key_pair_name` recorded in its `input`. */
  readonly keyPairName: string;
  /** The key pair's main resource (its delete step), or its create step. */
  readonly role: "main" | "create-step";
  /**
   * True when a create provisioner failed: Terraform will replace the resource without running its destroy
   * provisioner. Only a create step can be tainted; a key pair whose main resource were tainted would leak.
   */
  readonly tainted: boolean;
}

interface StateFile {
  readonly resources?: ReadonlyArray<{
    readonly mode: string;
    readonly type: string;
    readonly name: string;
    readonly instances: ReadonlyArray<{
      readonly status?: string;
      readonly attributes?: { readonly input?: { readonly value?: { readonly key_pair_name?: string } } };
    }>;
  }>;
}

/** The terraform_data instances in the state file that carry a key pair name (none when there is no state yet). */
export function keyPairsInState(stateFile: string): KeyPairInState[] {
  if (!fs.existsSync(stateFile)) return [];
  const state = JSON.parse(fs.readFileSync(stateFile, "utf8")) as StateFile;
  return (state.resources ?? [])
    .filter((resource) => resource.mode === "managed" && resource.type === "terraform_data")
    .flatMap((resource) =>
      resource.instances.map((instance) => ({
        address: `${resource.type}.${resource.name}`,
        keyPairName: instance.attributes?.input?.value?.key_pair_name ?? "",
        role: /_Create_[0-9A-F]{8}$/.test(resource.name) ? ("create-step" as const) : ("main" as const),
        tainted: instance.status === "tainted",
      })),
    );
}
