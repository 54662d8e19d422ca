/**
 * Runs cut short, with the real terraform: each moment of a run and each way a user or a CI runner stops one, at
 * least once (pairwise, not the full product: the handler-level matrix in test/reliability covers that). The
 * emulator holds the call at the moment and reports it before the signal is sent; the moment between the answer
 * and the private key file is the handler's test seam.
 *
 * Afterwards the tests check what the interruption issue promises: the next apply converges (every key pair exactly
 * once in ENS, private key files holding their private halves, nothing tainted, then a no-op plan), a destroy with
 * no apply before it leaves no key pair of this stack and an empty state, and a key pair that held the name before
 * the stack claimed it is never touched.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { TerraformStack } from "cdktf";
import { EnsKeyPair, EnsKeyPairProps, RemovalPolicy } from "../../lib";
import { TEST_HOLD_ENV, TestHoldPoint } from "../../lib/shared/handler-contract";
import { DEFAULT_READINGS, EnsEmulator, FINGERPRINT_FORMATS, FingerprintFormat } from "../../lib/testing";
import { RSA_PUBLIC_KEY, RSA_PUBLIC_KEY_MD5 } from "../fixtures/keys";
import { privateKeyFileFingerprint } from "../reliability/support/private-key-fingerprint";
import { keyPairsInState } from "../reliability/support/terraform-state";
import { RunningProcess } from "../support/running-process";
import {
  asRun,
  baseTerraformEnv,
  TerraformRun,
  TerraformWorkspace,
  terraformAvailable,
} from "../support/terraform";
import { runCliAgainst } from "../cli/cli-process";

const describeWithTerraform = terraformAvailable() ? describe : describe.skip;

/** The parts of `ens-key-pair drift --json` read here. */
interface DriftReport {
  readonly keyPairs: ReadonlyArray<{
    readonly keyPairName: string;
    readonly status: string;
    readonly reason: string;
    readonly fix: { readonly command: string } | null;
  }>;
}

const CREATE = "CreateKeyPair";
const IMPORT = "ImportKeyPair";
const DELETE = "DeleteKeyPairs";
const APPLY = ["apply", "-auto-approve", "-input=false", "-no-color", "-parallelism=10"];
const DESTROY = ["destroy", "-auto-approve", "-input=false", "-no-color", "-parallelism=10"];

describeWithTerraform("terraform runs cut short", () => {
  let emulator: EnsEmulator;
  let workspace: TerraformWorkspace;
  /** The reading of KeyPairFingerPrint the next emulator plays (the import case's describe picks each in turn). */
  let fingerprintFormat: FingerprintFormat = DEFAULT_READINGS.fingerprintFormat;

  beforeEach(async () => {
    emulator = await EnsEmulator.start({ rsaBits: 1024, readings: { fingerprintFormat } });
  });

  afterEach(async () => {
    await emulator.stop();
    workspace.dispose();
  });

  /** A workspace whose terraform (and handlers) see the emulator. */
  function workspaceWith(): TerraformWorkspace {
    workspace = new TerraformWorkspace("keys", emulator.env());
    return workspace;
  }

  function keyFile(name: string): string {
    return path.join(workspace.dir, "keys", `${name}.pem`);
  }

  /** Create-mode key pairs with private key files, by name. */
  function withKeyFiles(...names: string[]): Record<string, EnsKeyPairProps> {
    return Object.fromEntries(
      names.map((name) => [name, { keyPairName: name, privateKeyFile: keyFile(name) }]),
    );
  }

  function synth(keyPairs: Record<string, EnsKeyPairProps>): void {
    workspace.synth((stack: TerraformStack) => {
      for (const [id, props] of Object.entries(keyPairs)) new EnsKeyPair(stack, id, props);
    });
  }

  /**
   * Starts terraform (in its own process group, as a shell runs a foreground job), with `env` for this run only,
   * and returns it running.
   */
  async function start(args: readonly string[], env: Record<string, string> = {}): Promise<RunningProcess> {
    return workspace.start(args, { ownProcessGroup: true, env });
  }

  /**
   * Waits for the run to end after the signal, then lets the emulator finish what it held (to a client gone), and
   * lets the clock pass the second of the claims the run recorded, as any real next run would.
   */
  async function endOf(run: RunningProcess): Promise<TerraformRun> {
    const result = asRun(await run.ended());
    emulator.releaseHeld();
    await workspace.afterRecordedClaims();
    return result;
  }

  /** `ens-key-pair drift ARGS` against the emulator, with terraform on PATH (it shows the stack folder's state). */
  const drift = (...args: string[]) =>
    runCliAgainst(emulator, ["drift", ...args], baseTerraformEnv(), { timeoutMs: 90_000 });

  const keyNames = () =>
    emulator
      .keyPairs()
      .map((k) => k.keyPairName)
      .sort();

  /**
   * The next apply converged: each key pair exactly once in ENS (with its private key on disk where one is written),
   * both resources of each in state and none tainted, and a plan with nothing to do.
   */
  async function expectConverged(keyPairs: Record<string, EnsKeyPairProps>): Promise<void> {
    const names = Object.values(keyPairs).map((props) => props.keyPairName);
    expect(keyNames()).toEqual([...names].sort());
    for (const props of Object.values(keyPairs)) {
      const key = emulator.keyPair(props.keyPairName);
      if (props.privateKeyFile)
        expect(privateKeyFileFingerprint(props.privateKeyFile)).toBe(key?.fingerprint);
      if (props.publicKey) expect(key?.fingerprint).toBe(RSA_PUBLIC_KEY_MD5);
    }
    const state = keyPairsInState(workspace.stateFile);
    expect(state.filter((resource) => resource.tainted)).toEqual([]);
    expect(state.map((resource) => `${resource.keyPairName} ${resource.role}`).sort()).toEqual(
      names.flatMap((name) => [`${name} create-step`, `${name} main`]).sort(),
    );
    const plan = await workspace.terraform("plan", "-detailed-exitcode", "-input=false", "-no-color");
    expect({ exitCode: plan.exitCode, plan: plan.exitCode === 0 ? "" : plan.output }).toEqual({
      exitCode: 0,
      plan: "",
    });
  }

  /** A destroy with no apply before it: exit 0, no key pair of this stack left, empty state. */
  async function expectDestroyCleans(left: string[] = []): Promise<void> {
    const destroy = await workspace.destroy();
    expect({ exitCode: destroy.exitCode, output: destroy.exitCode === 0 ? "" : destroy.output }).toEqual({
      exitCode: 0,
      output: "",
    });
    expect(keyNames()).toEqual(left);
    expect(await workspace.stateList()).toEqual([]);
  }

  test("SIGINT to terraform alone (a CI cancel) after ENS made 3 keys, answers pending: the next apply converges", async () => {
    workspaceWith();
    const keyPairs = withKeyFiles("ci-a", "ci-b", "ci-c");
    synth(keyPairs);
    emulator.faults.holdResponse(CREATE, 3);
    const run = await start(APPLY);
    await emulator.waitForHeld(3, CREATE);

    run.signal("SIGINT");
    const interrupted = await endOf(run);

    expect(interrupted.exitCode).not.toBe(0);
    // Terraform killed the handlers: their create steps are tainted, the main resources are not.
    expect(interrupted.output).toMatch(/signal: killed|interrupted/i);
    expect(keyNames()).toEqual(["ci-a", "ci-b", "ci-c"]);
    const main = keyPairsInState(workspace.stateFile).filter((resource) => resource.role === "main");
    expect(main.map((resource) => resource.tainted)).toEqual([false, false, false]);

    const apply = await workspace.terraform(...APPLY);
    expect(apply.exitCode).toBe(0);
    // Each lost key pair was this stack's (created since its claim): deleted by ID and created again.
    expect(apply.output.match(/its private key is lost/g)).toHaveLength(3);
    await expectConverged(keyPairs);
    await expectDestroyCleans();
  });

  // The delete step of the import compares fingerprints: under both readings of the wire.
  describe.each(FINGERPRINT_FORMATS)("readings.fingerprintFormat %s", (format) => {
    beforeAll(() => (fingerprintFormat = format));
    afterAll(() => (fingerprintFormat = DEFAULT_READINGS.fingerprintFormat));

    test("Ctrl-C (SIGINT to the process group) after ENS committed an import and a create: destroy with no apply before it cleans up", async () => {
      workspaceWith();
      synth({
        imported: { keyPairName: "ctrl-c-import", publicKey: RSA_PUBLIC_KEY },
        created: { keyPairName: "ctrl-c-create" },
      });
      emulator.faults.holdResponse(IMPORT, 1);
      emulator.faults.holdResponse(CREATE, 1);
      const run = await start(APPLY);
      await emulator.waitForHeld(2);

      run.signalGroup("SIGINT");
      const interrupted = await endOf(run);

      expect(interrupted.exitCode).not.toBe(0);
      expect(keyNames()).toEqual(["ctrl-c-create", "ctrl-c-import"]);
      await expectDestroyCleans();
    });
  });

  test("SIGTERM to terraform before the request reached ENS: nothing was made, and the next apply creates it", async () => {
    workspaceWith();
    const keyPairs = { discarded: { keyPairName: "sigterm-key" } };
    synth(keyPairs);
    emulator.faults.holdRequest(CREATE, 1);
    const run = await start(APPLY);
    await emulator.waitForHeld(1, CREATE);

    run.signal("SIGTERM");
    const interrupted = await endOf(run);

    expect(interrupted.exitCode).not.toBe(0);
    await emulator.waitForCalls(1, CREATE);
    expect(emulator.calls().map((call) => call.outcome)).toEqual(["dropped"]);
    expect(keyNames()).toEqual([]);

    expect((await workspace.terraform(...APPLY)).exitCode).toBe(0);
    await expectConverged(keyPairs);
    await expectDestroyCleans();
  });

  test("SIGKILL of the handler after the answer, before the private key file: the next apply makes the key again", async () => {
    workspaceWith();
    const keyPairs = withKeyFiles("killed-handler");
    synth(keyPairs);
    const run = await start(APPLY, { [TEST_HOLD_ENV]: TestHoldPoint.BEFORE_PRIVATE_KEY_FILE });
    await run.waitForOutput(/test seam: holding before-private-key-file \(\w+\) in pid \d+/);
    const pid = Number(/in pid (\d+)/.exec(run.printed)?.[1]);

    process.kill(pid, "SIGKILL");
    const interrupted = await endOf(run);

    expect(interrupted.exitCode).not.toBe(0);
    expect(fs.existsSync(keyFile("killed-handler"))).toBe(false);
    const lost = emulator.keyPair("killed-handler");
    expect(lost).toBeDefined();

    const apply = await workspace.terraform(...APPLY);
    expect({ exitCode: apply.exitCode, output: apply.exitCode === 0 ? "" : apply.output }).toEqual({
      exitCode: 0,
      output: "",
    });
    expect(emulator.keyPair("killed-handler")?.keyPairId).not.toBe(lost?.keyPairId);
    await expectConverged(keyPairs);
    await expectDestroyCleans();
  });

  test("a second Ctrl-C during DeleteKeyPairs (ENS deleted, answer pending): the next destroy finds it already deleted", async () => {
    workspaceWith();
    synth({ kp: { keyPairName: "twice-interrupted" } });
    expect((await workspace.terraform(...APPLY)).exitCode).toBe(0);
    emulator.faults.holdResponse(DELETE, 1);
    const run = await start(DESTROY);
    await emulator.waitForHeld(1, DELETE);

    run.signalGroup("SIGINT");
    await run.waitForOutput(/Interrupt received|Stopping operation/);
    run.signalGroup("SIGINT");
    const interrupted = await endOf(run);

    expect(interrupted.exitCode).not.toBe(0);
    expect(keyNames()).toEqual([]);
    const destroy = await workspace.destroy();
    expect(destroy.exitCode).toBe(0);
    expect(destroy.output).toContain("outcome=already-deleted code=PubKeyNameNotExist");
    expect(await workspace.stateList()).toEqual([]);
  });

  test("SIGKILL of terraform and its handlers (the machine dies) after ENS made the keys: a destroy still deletes them", async () => {
    workspaceWith();
    synth(withKeyFiles("machine-died-a", "machine-died-b"));
    emulator.faults.holdResponse(CREATE, 2);
    const run = await start(APPLY);
    await emulator.waitForHeld(2, CREATE);

    run.signalGroup("SIGKILL");
    await endOf(run);

    expect(keyNames()).toEqual(["machine-died-a", "machine-died-b"]);
    // Terraform saved each main resource before running its create step, so the destroy finds and deletes both.
    await expectDestroyCleans();
  });

  test("SIGKILL of terraform and its handlers while one create step waits, after the other finished: the saved state is ahead of reality, the next apply sees nothing to do, drift --key-files shows it and its repair converges", async () => {
    workspaceWith();
    // Relative private key files: the handler resolves them against the cdktf project (the workspace folder).
    const ids: Record<string, string> = { "hard-kill-a": "a", "hard-kill-b": "b" };
    const relativeKeyFile = (name: string) => path.join("keys", `${name}.pem`);
    synth(
      Object.fromEntries(
        Object.entries(ids).map(([name, id]) => [
          id,
          { keyPairName: name, privateKeyFile: relativeKeyFile(name) },
        ]),
      ),
    );
    const createStep = (name: string) => new RegExp(`^terraform_data\\.${ids[name]}_Create_[0-9A-F]{8}$`);
    // Both create steps run at once; the first CreateKeyPair to arrive is held (ENS commits it, the answer waits),
    // the other is answered. Which one is first is up to terraform: the answered call names the other.
    emulator.faults.holdResponse(CREATE, 1);
    const run = await start(APPLY);
    await emulator.waitForHeld(1, CREATE);
    await emulator.waitForCalls(1, CREATE);
    const finished = emulator.calls().find((call) => call.action === CREATE)?.params.KeyPairName ?? "";
    const held = Object.keys(ids).find((name) => name !== finished) ?? "";
    expect(Object.keys(ids)).toContain(finished);
    // The answered key pair's create step finished (its file is written), so terraform persisted its working
    // state, which holds the held key pair's create step: saved before its provisioner started.
    await run.waitForOutput(
      new RegExp(`terraform_data\\.${ids[finished]}_Create_[0-9A-F]{8}: Creation complete`),
    );
    expect(fs.existsSync(keyFile(finished))).toBe(true);
    const savedState = async (): Promise<ReturnType<typeof keyPairsInState>> => {
      for (const deadline = Date.now() + 30_000; Date.now() < deadline;) {
        try {
          const saved = keyPairsInState(workspace.stateFile);
          if (saved.some((r) => r.keyPairName === held && r.role === "create-step")) return saved;
        } catch {
          // Caught mid-write: read it again.
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      throw new Error(`the state file never listed the create step of ${held}:\n${run.printed}`);
    };
    await savedState();

    run.signalGroup("SIGKILL");
    const killed = asRun(await run.ended());
    // Nothing released: the held call ends when the emulator sees its dead client's connection close.
    await emulator.waitForCalls(2, CREATE);
    await workspace.afterRecordedClaims();

    expect(killed.exitCode).toBe(-1);
    // The gap: both create steps saved as created, none tainted, though the held one never finished: ENS holds
    // its key (committed, answer lost) and its private key file was never written.
    const state = keyPairsInState(workspace.stateFile);
    expect(
      state.map((r) => `${r.keyPairName} ${r.role} ${r.tainted ? "tainted" : "untainted"}`).sort(),
    ).toEqual(
      Object.keys(ids)
        .flatMap((name) => [`${name} create-step untainted`, `${name} main untainted`])
        .sort(),
    );
    expect(state.find((r) => r.keyPairName === held && r.role === "create-step")?.address).toMatch(
      createStep(held),
    );
    expect(keyNames()).toEqual(Object.keys(ids).sort());
    const creates = emulator.calls().filter((call) => call.action === CREATE);
    expect(Object.fromEntries(creates.map((call) => [call.params.KeyPairName, call.outcome]))).toEqual({
      [held]: "response-lost",
      [finished]: "answered",
    });
    expect(creates).toHaveLength(2);
    expect(fs.existsSync(keyFile(held))).toBe(false);
    expect(privateKeyFileFingerprint(keyFile(finished))).toBe(emulator.keyPair(finished)?.fingerprint);

    // The next apply cannot see it: nothing to do, no CreateKeyPair.
    const callsBefore = emulator.calls().length;
    const apply = await workspace.terraform(...APPLY);
    expect({ exitCode: apply.exitCode, output: apply.exitCode === 0 ? "" : apply.output }).toEqual({
      exitCode: 0,
      output: "",
    });
    expect(apply.output).toMatch(/No changes\.|Resources: 0 added, 0 changed, 0 destroyed\./);
    expect(emulator.calls().slice(callsBefore)).toEqual([]);
    expect(fs.existsSync(keyFile(held))).toBe(false);

    // drift without --key-files cannot see it either: ENS and the state agree.
    const plainDrift = await drift(workspace.stackDir, "--json");
    expect(plainDrift.exitCode).toBe(0);
    // With --key-files it shows, with the repair.
    const found = await drift(workspace.stackDir, "--key-files", "--json");
    expect(found.exitCode).toBe(3);
    const entries = (JSON.parse(found.stdout) as DriftReport).keyPairs;
    const entry = (name: string) => entries.find((k) => k.keyPairName === name);
    expect(entries.map((k) => [k.keyPairName, k.status]).sort()).toEqual(
      [
        [held, "key-lost"],
        [finished, "ok"],
      ].sort(),
    );
    expect(entry(held)?.reason).toContain(`its private key file ${keyFile(held)}`);
    expect(entry(held)?.reason).toContain("does not exist");
    const repair = entry(held)?.fix?.command ?? "";
    expect(repair).toMatch(/^terraform apply -replace=terraform_data\.\w+_Create_[0-9A-F]{8}$/);
    expect(repair.split("=")[1]).toMatch(createStep(held));

    // The printed repair, run: the create step deletes the key pair by ID and creates it again, writing the file.
    const before = { held: emulator.keyPair(held), finished: emulator.keyPair(finished) };
    const repaired = await workspace.terraform(...APPLY, repair.replace(/^terraform apply /, ""));
    expect({ exitCode: repaired.exitCode, output: repaired.exitCode === 0 ? "" : repaired.output }).toEqual({
      exitCode: 0,
      output: "",
    });
    expect(repaired.output).toContain("its private key is lost");
    expect(emulator.keyPair(held)?.keyPairId).not.toBe(before.held?.keyPairId);
    expect(privateKeyFileFingerprint(keyFile(held))).toBe(emulator.keyPair(held)?.fingerprint);
    expect(emulator.keyPair(finished)).toEqual(before.finished);
    const clean = await drift(workspace.stackDir, "--key-files", "--json");
    expect(clean.exitCode).toBe(0);
    expect((JSON.parse(clean.stdout) as DriftReport).keyPairs.map((k) => k.status)).toEqual(["ok", "ok"]);
    await expectConverged(
      Object.fromEntries(
        Object.keys(ids).map((name) => [name, { keyPairName: name, privateKeyFile: keyFile(name) }]),
      ),
    );
    await expectDestroyCleans();
  });

  test("a name held by another key before the stack claimed it survives an interrupted apply, a failed apply and a destroy", async () => {
    const other = emulator.addKeyPair({
      keyPairName: "held-by-another",
      creationTime: new Date(Date.now() - 3_600_000),
    });
    workspaceWith();
    synth(withKeyFiles("held-by-another"));
    emulator.faults.holdResponse(CREATE, 1);
    const run = await start(APPLY);
    await emulator.waitForHeld(1, CREATE);
    run.signal("SIGINT");
    await endOf(run);

    const apply = await workspace.terraform(...APPLY);
    expect(apply.exitCode).not.toBe(0);
    expect(apply.output).toContain('the name "held-by-another" is already taken by another key pair');
    await expectDestroyCleans(["held-by-another"]);
    expect(emulator.keyPairs()).toEqual([other]);
    expect(emulator.calls().filter((call) => call.action === DELETE)).toEqual([]);
  });

  test("adoptExisting, Ctrl-C while the create waits: the next apply adopts the same key, destroy deletes it", async () => {
    const existing = emulator.addKeyPair({
      keyPairName: "adopt-me",
      creationTime: new Date(Date.now() - 3_600_000),
    });
    workspaceWith();
    const keyPairs = { kp: { keyPairName: "adopt-me", adoptExisting: true } };
    synth(keyPairs);
    emulator.faults.holdResponse(CREATE, 1);
    const run = await start(APPLY);
    await emulator.waitForHeld(1, CREATE);
    run.signalGroup("SIGINT");
    await endOf(run);

    expect((await workspace.terraform(...APPLY)).exitCode).toBe(0);
    await expectConverged(keyPairs);
    expect(emulator.keyPair("adopt-me")?.keyPairId).toBe(existing.keyPairId);
    await expectDestroyCleans();
  });

  test("removalPolicy retain, SIGTERM after ENS made the key: destroy forgets it and leaves it in the cloud", async () => {
    workspaceWith();
    synth({
      kp: {
        keyPairName: "retained",
        privateKeyFile: keyFile("retained"),
        removalPolicy: RemovalPolicy.RETAIN,
      },
    });
    emulator.faults.holdResponse(CREATE, 1);
    const run = await start(APPLY);
    await emulator.waitForHeld(1, CREATE);
    run.signal("SIGTERM");
    await endOf(run);

    await expectDestroyCleans(["retained"]);
  });
});
