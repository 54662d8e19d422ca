/**
 * Faults at the Terraform level: real `terraform apply` / `terraform destroy` of an EnsKeyPair stack against the
 * emulator while it fails in one way, then again once the fault clears.
 *
 * After every run (not only the faulty one) the invariant is checked against the emulator: every key pair that
 * exists is tracked by a resource in state that is not tainted. So no run ends with the state saying "deleted" (or
 * forgetting the resource) while the key exists, and no key hides behind a tainted resource, whose destroy
 * provisioner Terraform would skip. After the fault clears, the next run converges: destroy succeeds, and state
 * and emulator end empty.
 */
import * as path from "node:path";
import { EnsKeyPair } from "../../lib";
import { EnsEmulator } from "../../lib/testing";
import { TerraformRun, TerraformWorkspace, terraformAvailable } from "../support/terraform";
import { callLog } from "./support/call-log";
import { privateKeyFileFingerprint } from "./support/private-key-fingerprint";
import { keyPairsInState } from "./support/terraform-state";

const describeWithTerraform = terraformAvailable() ? describe : describe.skip;

const NAME = "tf-faulty-key";
const CREATE = "CreateKeyPair";
const DELETE = "DeleteKeyPairs";
const FOREVER = 1_000_000;
/** The delete step's ownership check, which precedes its DeleteKeyPairs. */
const DESCRIBED = "DescribeKeyPairs:OK";

/** One Terraform-level fault. */
interface TerraformFaultCase {
  /** What goes wrong (the test title). */
  readonly fault: string;
  /** Injects the fault before the run under test. */
  readonly arrange: (emulator: EnsEmulator) => void;
  /** The construct's deleteTimeoutSeconds. @default the construct's default (300) */
  readonly deleteTimeoutSeconds?: number;
  /** Whether terraform exits 0. */
  readonly succeeds: boolean;
  /** Matched against terraform's output. */
  readonly message: RegExp;
  /** Whether the key pair is in the emulator after the run. */
  readonly keyAfter: boolean;
  /** Whether the key pair's main resource is in state after the run. */
  readonly inStateAfter: boolean;
  /** The calls of the run under test, described (`Action:Code`). */
  readonly calls: readonly string[] | ((calls: readonly string[]) => void);
}

const DESTROY_CASES: readonly TerraformFaultCase[] = [
  {
    fault: "NoPermission on DeleteKeyPairs",
    arrange: (emulator) => emulator.faults.noPermission(DELETE),
    succeeds: false,
    message: /lacks the RAM permission ens:DeleteKeyPairs/,
    keyAfter: true,
    inStateAfter: true,
    calls: [DESCRIBED, `${DELETE}:NoPermission`],
  },
  {
    fault: "throttled forever, deleteTimeoutSeconds: 1",
    arrange: (emulator) => emulator.faults.throttle(DELETE, FOREVER),
    deleteTimeoutSeconds: 1,
    succeeds: false,
    message: /did not succeed within its [^:]* deadline/,
    keyAfter: true,
    inStateAfter: true,
    calls: ([described, ...deletes]) => {
      expect(described).toBe(DESCRIBED);
      expect(deletes.length).toBeGreaterThanOrEqual(2);
      expect(new Set(deletes)).toEqual(new Set([`${DELETE}:Throttling.User`]));
    },
  },
  {
    fault: "PubKeyAttachedWithInstance",
    arrange: (emulator) => emulator.attachInstance(NAME, "i-still-using-the-key"),
    succeeds: false,
    message: /is still attached to one or more ENS instances/,
    keyAfter: true,
    inStateAfter: true,
    calls: [DESCRIBED, `${DELETE}:PubKeyAttachedWithInstance`],
  },
  {
    fault: "answer to the delete lost",
    arrange: (emulator) => emulator.faults.loseResponse(DELETE, 1),
    succeeds: true,
    message: /already deleted \(PubKeyNameNotExist\)/,
    keyAfter: false,
    inStateAfter: false,
    calls: [DESCRIBED, `${DELETE}:OK(response-lost)`, `${DELETE}:PubKeyNameNotExist`],
  },
  {
    fault: "503 ServiceUnavailable twice",
    arrange: (emulator) => emulator.faults.serverError(DELETE, 2, 503),
    succeeds: true,
    message: /key pair "tf-faulty-key" deleted/,
    keyAfter: false,
    inStateAfter: false,
    calls: [DESCRIBED, `${DELETE}:ServiceUnavailable`, `${DELETE}:ServiceUnavailable`, `${DELETE}:OK`],
  },
];

const APPLY_CASES: readonly TerraformFaultCase[] = [
  {
    fault: "NoPermission on CreateKeyPair",
    arrange: (emulator) => emulator.faults.noPermission(CREATE),
    succeeds: false,
    message: /lacks the RAM permission ens:CreateKeyPair/,
    keyAfter: false,
    // Terraform keeps the create step as tainted (the next apply runs it again) and the main resource untainted.
    inStateAfter: true,
    calls: [`${CREATE}:NoPermission`],
  },
  {
    fault: "answer to the create (with the private key) lost",
    arrange: (emulator) => emulator.faults.loseResponse(CREATE, 1),
    succeeds: true,
    message: /key pair "tf-faulty-key" created/,
    keyAfter: true,
    inStateAfter: true,
    calls: [
      `${CREATE}:OK(response-lost)`,
      `${CREATE}:PubKeyNameExisted`,
      "DescribeKeyPairs:OK",
      `${DELETE}:OK`,
      `${CREATE}:OK`,
    ],
  },
];

describeWithTerraform("Terraform runs against a failing ENS API", () => {
  let emulator: EnsEmulator;
  let workspace: TerraformWorkspace;
  let privateKeyFile: string;

  beforeEach(async () => {
    // The PubKeyAttachedWithInstance case needs the reading where ENS refuses to delete a key in use.
    emulator = await EnsEmulator.start({ rsaBits: 1024, readings: { attachedKeyDelete: "refuses" } });
    workspace = new TerraformWorkspace("faults", emulator.env());
    privateKeyFile = path.join(workspace.dir, "keys", `${NAME}.pem`);
  });

  afterEach(async () => {
    await emulator.stop();
    workspace.dispose();
  });

  function synth(deleteTimeoutSeconds: number | undefined): void {
    workspace.synth(
      (stack) => new EnsKeyPair(stack, "kp", { keyPairName: NAME, privateKeyFile, deleteTimeoutSeconds }),
    );
  }

  /**
   * The invariant: every key pair in the emulator is tracked by an untainted main resource in state (whose delete
   * step Terraform runs on destroy), and no main resource is ever tainted.
   */
  function expectEveryKeyTracked(): void {
    const main = keyPairsInState(workspace.stateFile).filter((resource) => resource.role === "main");
    expect(main.filter((resource) => resource.tainted)).toEqual([]);
    const tracked = main.map((resource) => resource.keyPairName);
    for (const key of emulator.keyPairs()) expect(tracked).toContain(key.keyPairName);
  }

  /** Runs terraform, then checks the invariant. */
  async function run(command: "apply" | "destroy"): Promise<TerraformRun> {
    const result = command === "apply" ? await workspace.apply() : await workspace.destroy();
    expectEveryKeyTracked();
    return result;
  }

  /** Asserts a run's outcome against the case, counting only the calls made since `callsBefore`. */
  async function expectOutcome(
    row: TerraformFaultCase,
    result: TerraformRun,
    callsBefore: number,
  ): Promise<void> {
    if (row.succeeds) expect(result.exitCode).toBe(0);
    else expect(result.exitCode).not.toBe(0);
    expect(result.output).toMatch(row.message);
    expect(emulator.keyPair(NAME) !== undefined).toBe(row.keyAfter);
    const main = keyPairsInState(workspace.stateFile).filter((resource) => resource.role === "main");
    expect(main.length).toBe(row.inStateAfter ? 1 : 0);
    const calls = callLog(emulator).slice(callsBefore);
    if (typeof row.calls === "function") row.calls(calls);
    else expect(calls).toEqual(row.calls);
  }

  /** Clears every fault; the next destroy must succeed and leave state and emulator empty. */
  async function expectDestroyConverges(): Promise<void> {
    emulator.faults.clear();
    if (emulator.keyPair(NAME)) emulator.detachInstances(NAME);
    const destroy = await run("destroy");
    expect(destroy.exitCode).toBe(0);
    expect(await workspace.stateList()).toEqual([]);
    expect(emulator.keyPairs()).toEqual([]);
  }

  test.each(DESTROY_CASES)("destroy, $fault", async (row) => {
    synth(row.deleteTimeoutSeconds);
    expect((await run("apply")).exitCode).toBe(0);
    const main = keyPairsInState(workspace.stateFile).filter((resource) => resource.role === "main");
    expect(emulator.keyPair(NAME)).toBeDefined();

    row.arrange(emulator);
    const callsBefore = emulator.calls().length;
    const destroy = await run("destroy");

    await expectOutcome(row, destroy, callsBefore);
    // A failed delete step keeps its main resource; the create step (nothing to run on destroy) is gone.
    if (row.inStateAfter)
      expect(await workspace.stateList()).toEqual(main.map((resource) => resource.address));
    await expectDestroyConverges();
  });

  test.each(APPLY_CASES)("apply, $fault", async (row) => {
    synth(undefined);
    row.arrange(emulator);

    const apply = await run("apply");

    await expectOutcome(row, apply, 0);
    const tainted = !row.succeeds;
    expect(keyPairsInState(workspace.stateFile)).toEqual([
      expect.objectContaining({ keyPairName: NAME, role: "create-step", tainted }),
      expect.objectContaining({ keyPairName: NAME, role: "main", tainted: false }),
    ]);
    if (row.keyAfter)
      expect(privateKeyFileFingerprint(privateKeyFile)).toBe(emulator.keyPair(NAME)?.fingerprint);

    emulator.faults.clear();
    const callsBefore = emulator.calls().length;
    const nextApply = await run("apply");
    expect(nextApply.exitCode).toBe(0);
    expect(emulator.keyPairs().map((k) => k.keyPairName)).toEqual([NAME]);
    expect(keyPairsInState(workspace.stateFile)).toEqual([
      expect.objectContaining({ keyPairName: NAME, role: "create-step", tainted: false }),
      expect.objectContaining({ keyPairName: NAME, role: "main", tainted: false }),
    ]);
    expect(privateKeyFileFingerprint(privateKeyFile)).toBe(emulator.keyPair(NAME)?.fingerprint);
    // Replacing the tainted create step of a failed create runs no destroy provisioner: only the create is called.
    expect(callLog(emulator).slice(callsBefore)).toEqual(row.keyAfter ? [] : [`${CREATE}:OK`]);
    await expectDestroyConverges();
  });
});
