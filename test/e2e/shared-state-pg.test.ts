/**
 * Shared, locked state on a real backend: Terraform's built-in `pg` backend against a real PostgreSQL server
 * (`.ci/postgres.sh`), real `terraform` runs, the ENS emulator. Each test has its own database (see
 * `test/support/pg-backend.ts` for why not only its own schema).
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { TerraformStack } from "cdktf";
import { EnsKeyPair } from "../../lib";
import { EnsEmulator } from "../../lib/testing";
import { RSA_PUBLIC_KEY } from "../fixtures/keys";
import { privateKeyFileFingerprint } from "../reliability/support/private-key-fingerprint";
import { useEmulator } from "../support/emulator";
import { pgBackendAvailable, PgStateDatabase } from "../support/pg-backend";
import { asRun, TerraformWorkspace, terraformAvailable } from "../support/terraform";

const describeWithPg = terraformAvailable() && pgBackendAvailable() ? describe : describe.skip;

const CREATE = "CreateKeyPair";
const LOCK_ERROR = /Error acquiring the state lock/;
/** Printed by terraform when taking the lock takes longer than 400 ms, i.e. while it waits for another run. */
const WAITING_FOR_LOCK = /Acquiring state lock\. This may take a few moments\.\.\./;

interface StateFile {
  readonly serial: number;
  readonly resources: ReadonlyArray<{
    readonly type: string;
    readonly name: string;
    readonly instances: ReadonlyArray<{
      readonly attributes: { readonly input?: { readonly value?: object } };
    }>;
  }>;
}

/** The state as the backend holds it (`terraform state pull`). */
async function pullState(workspace: TerraformWorkspace): Promise<StateFile> {
  const pull = await workspace.terraform("state", "pull");
  if (pull.exitCode !== 0) throw new Error(`terraform state pull failed:\n${pull.output}`);
  return JSON.parse(pull.output) as StateFile;
}

/** `key_pair_name` of every key pair's main resource in state (not its create step), one entry each, sorted. */
function keyPairNamesInState(state: StateFile): string[] {
  return state.resources
    .filter((resource) => resource.type === "terraform_data" && !resource.name.includes("_Create_"))
    .flatMap((resource) =>
      resource.instances.map(
        (instance) => (instance.attributes.input?.value as { key_pair_name?: string })?.key_pair_name ?? "",
      ),
    )
    .sort();
}

describeWithPg("shared state on the pg backend (real PostgreSQL)", () => {
  let emulator: EnsEmulator;
  useEmulator((started) => (emulator = started));

  let database: PgStateDatabase;
  const disposables: Array<{ dispose(): void }> = [];
  beforeEach(() => {
    database = PgStateDatabase.create();
    disposables.push(database);
  });
  afterEach(() => {
    for (const item of disposables.splice(0).reverse()) item.dispose();
  });

  /** One checkout of the project in its own folder, keeping its state in this test's database. */
  const checkout = (env: Record<string, string> = emulator.env()) => {
    const workspace = database.workspace("keys", env);
    disposables.push(workspace);
    return workspace;
  };

  const keyNames = () =>
    emulator
      .keyPairs()
      .map((k) => k.keyPairName)
      .sort();
  /** Calls the emulator finished or still holds (a held call is logged once it ends). */
  const callsSoFar = () => emulator.calls().length + emulator.heldCalls();
  const createCallsByName = () => {
    const counts: Record<string, number> = {};
    for (const call of emulator.calls().filter((c) => c.action === CREATE)) {
      counts[call.params.KeyPairName] = (counts[call.params.KeyPairName] ?? 0) + 1;
    }
    return counts;
  };

  test("two checkouts (two folders) of one project deploy and destroy through the shared state", async () => {
    // A relative private key path: relative to each checkout's project folder, resolved when terraform runs, so
    // both checkouts synthesize the same configuration.
    const project = (stack: TerraformStack) => {
      new EnsKeyPair(stack, "web", { keyPairName: "shared:web", privateKeyFile: "keys/web.pem" });
      new EnsKeyPair(stack, "batch", { keyPairName: "shared:batch" });
      new EnsKeyPair(stack, "ops", { keyPairName: "shared:ops", publicKey: RSA_PUBLIC_KEY });
    };
    const a = checkout();
    const b = checkout();
    a.synth(project);
    b.synth(project);
    expect(a.stackDir).not.toBe(b.stackDir);

    const resources = (workspace: TerraformWorkspace) =>
      JSON.parse(fs.readFileSync(path.join(workspace.stackDir, "cdk.tf.json"), "utf8")).resource;
    expect(resources(b)).toEqual(resources(a));
    expect(JSON.stringify(resources(a))).not.toContain(a.dir);

    const apply = await a.apply();
    expect(apply.exitCode).toBe(0);
    expect(keyNames()).toEqual(["shared:batch", "shared:ops", "shared:web"]);
    expect(privateKeyFileFingerprint(path.join(a.dir, "keys", "web.pem"))).toBe(
      emulator.keyPair("shared:web")?.fingerprint,
    );
    // The state is in PostgreSQL, not in either folder.
    expect(database.savedWorkspaces()).toEqual(["default"]);
    expect(fs.existsSync(a.stateFile) || fs.existsSync(path.join(a.stackDir, "terraform.tfstate"))).toBe(
      false,
    );

    // Checkout B sees A's deployment: same resources, nothing to do.
    const plan = await b.terraform("plan", "-detailed-exitcode", "-input=false", "-no-color");
    expect(plan.output).toMatch(/No changes\. Your infrastructure matches the configuration\./);
    expect(plan.exitCode).toBe(0);
    const addresses = await a.stateList();
    // Each key pair is its main resource and its create step.
    expect(addresses).toHaveLength(6);
    expect(await b.stateList()).toEqual(addresses);

    const destroy = await b.destroy();
    expect(destroy.exitCode).toBe(0);
    expect(destroy.output).toMatch(/Destroy complete! Resources: 6 destroyed\./);
    expect(keyNames()).toEqual([]);
    expect(
      emulator
        .calls()
        .filter((c) => c.action === "DeleteKeyPairs")
        .map((c) => c.params.KeyPairName)
        .sort(),
    ).toEqual(["shared:batch", "shared:ops", "shared:web"]);

    // A sees B's destroy: its state is empty and its plan would create everything again.
    expect(await a.stateList()).toEqual([]);
    expect(keyPairNamesInState(await pullState(a))).toEqual([]);
    const replan = await a.terraform("plan", "-input=false", "-no-color");
    expect(replan.output).toMatch(/Plan: 6 to add, 0 to change, 0 to destroy\./);
  });

  const OVERLAPPING = ["lock-a", "lock-b", "lock-c"];
  /** The key pair an earlier deploy made, when the stack already exists. */
  const EARLIER = "lock-earlier";

  /**
   * Starts the first apply with its CreateKeyPair answers held by the emulator, and resolves once all three reached
   * it (each key pair made, its answer held): from then on the first apply is mid-run and holds the state lock,
   * until `emulator.releaseHeld()`.
   *
   * @param existingStack deploy one key pair first, so the overlapping runs change a stack whose state exists (the
   *   usual case: Terraform's pg backend then reports "Workspace is already locked"); else they race to create it,
   *   and the loser hits the database-wide creation lock ("Already locked for workspace creation")
   */
  async function firstApplyHoldingTheLock(existingStack: boolean) {
    const first = checkout();
    const second = checkout();
    const names = existingStack ? [EARLIER, ...OVERLAPPING] : OVERLAPPING;
    if (existingStack) {
      second.synth((stack) => new EnsKeyPair(stack, EARLIER, { keyPairName: EARLIER }));
      expect((await second.apply()).exitCode).toBe(0);
    }
    const project = (stack: TerraformStack) => {
      for (const name of names) new EnsKeyPair(stack, name, { keyPairName: name });
    };
    first.synth(project);
    second.synth(project);
    // One after the other: two concurrent first inits race on the backend's CREATE TABLE IF NOT EXISTS
    // ("duplicate key value violates unique constraint pg_class_relname_nsp_index"); see the README.
    await first.init();
    await second.init();

    emulator.faults.holdResponse(CREATE, 3);
    const firstRun = await first.start(["apply", "-auto-approve", "-input=false", "-no-color"]);
    await emulator.waitForHeld(3, CREATE);
    // The lock is a PostgreSQL advisory lock held by the first apply's session in this test's own database.
    expect(
      Number(
        database.query(
          "SELECT count(*) FROM pg_locks l JOIN pg_database d ON d.oid = l.database " +
            "WHERE l.locktype = 'advisory' AND l.granted AND d.datname = current_database()",
        ),
      ),
    ).toBeGreaterThan(0);
    const callsBefore = callsSoFar();
    return { second, firstRun, names, callsBefore };
  }

  const oncePerName = (names: readonly string[]) => Object.fromEntries(names.map((name) => [name, 1]));

  test.each([
    {
      stack: "a stack that already exists",
      existingStack: true,
      message: /Workspace is already locked: default/,
    },
    {
      stack: "a stack's first deploy",
      existingStack: false,
      message: /Already locked for workspace creation: default/,
    },
  ])(
    "an apply overlapping a running apply of $stack gets Terraform's lock error and changes nothing",
    async ({ existingStack, message }) => {
      const { second, firstRun, names, callsBefore } = await firstApplyHoldingTheLock(existingStack);

      const loser = await second.apply();
      expect(loser.exitCode).toBe(1);
      expect(loser.output).toMatch(LOCK_ERROR);
      expect(loser.output).toMatch(message);
      expect(loser.output).not.toMatch(/Creating\.\.\./);
      // The first apply was still mid-run when the second gave up, and the second made no API call.
      expect(emulator.heldCalls(CREATE)).toBe(3);
      expect(callsSoFar()).toBe(callsBefore);

      emulator.releaseHeld();
      const winner = asRun(await firstRun.ended());
      expect(winner.exitCode).toBe(0);
      expect(winner.output).toMatch(/Apply complete! Resources: 6 added, 0 changed, 0 destroyed\./);

      expect(createCallsByName()).toEqual(oncePerName(names));
      expect(keyNames()).toEqual([...names].sort());
      expect(keyPairNamesInState(await pullState(second))).toEqual([...names].sort());
      expect(await second.stateList()).toHaveLength(2 * names.length);

      // Nothing leaked: a destroy from the loser's checkout deletes them all.
      expect((await second.destroy()).exitCode).toBe(0);
      expect(keyNames()).toEqual([]);
    },
  );

  test("with -lock-timeout the overlapping apply waits for the lock, then finds nothing to do", async () => {
    const { second, firstRun, names, callsBefore } = await firstApplyHoldingTheLock(true);

    const waiter = await second.start([
      "apply",
      "-auto-approve",
      "-input=false",
      "-no-color",
      "-lock-timeout=90s",
    ]);
    await waiter.waitForOutput(WAITING_FOR_LOCK, 30_000);
    // It is waiting while the first apply is still mid-run; it has made no API call.
    expect(emulator.heldCalls(CREATE)).toBe(3);
    expect(callsSoFar()).toBe(callsBefore);

    emulator.releaseHeld();
    const winner = asRun(await firstRun.ended());
    expect(winner.exitCode).toBe(0);
    expect(winner.output).toMatch(/Apply complete! Resources: 6 added/);
    const late = asRun(await waiter.ended());
    expect(late.exitCode).toBe(0);
    expect(late.output).not.toMatch(LOCK_ERROR);
    expect(late.output).toMatch(/No changes\. Your infrastructure matches the configuration\./);
    expect(late.output).toMatch(/Apply complete! Resources: 0 added, 0 changed, 0 destroyed\./);

    expect(createCallsByName()).toEqual(oncePerName(names));
    expect(callsSoFar()).toBe(callsBefore);
    expect(keyNames()).toEqual([...names].sort());
    expect(keyPairNamesInState(await pullState(second))).toEqual([...names].sort());

    expect((await second.destroy()).exitCode).toBe(0);
    expect(keyNames()).toEqual([]);
  });

  // Remote backends save state at intervals during an apply, not after every resource, so an
  // interruption can leave PostgreSQL's state further behind than a local file would be.
  test("an apply interrupted mid-run (SIGINT, after ENS made the keys) converges on the next apply", async () => {
    const keysDir = fs.mkdtempSync(path.join(os.tmpdir(), "ens-pg-interrupt-"));
    disposables.push({ dispose: () => fs.rmSync(keysDir, { recursive: true, force: true }) });
    const workspace = checkout();
    workspace.synth((stack) => {
      for (const name of OVERLAPPING) {
        new EnsKeyPair(stack, name, { keyPairName: name, privateKeyFile: path.join(keysDir, `${name}.pem`) });
      }
    });
    emulator.faults.holdResponse(CREATE, 3);
    const run = await workspace.start([
      "apply",
      "-auto-approve",
      "-input=false",
      "-no-color",
      "-parallelism=10",
    ]);
    await emulator.waitForHeld(3, CREATE);
    run.signal("SIGINT");
    const interrupted = asRun(await run.ended());
    emulator.releaseHeld();
    await workspace.afterRecordedClaims();
    expect(interrupted.exitCode).not.toBe(0);
    expect(keyNames()).toEqual([...OVERLAPPING].sort());

    const apply = await workspace.apply();
    expect(apply.exitCode).toBe(0);
    expect(keyNames()).toEqual([...OVERLAPPING].sort());
    for (const name of OVERLAPPING) {
      const key = emulator.keyPair(name);
      expect(privateKeyFileFingerprint(path.join(keysDir, `${name}.pem`))).toBe(key?.fingerprint);
    }
    const state = await pullState(workspace);
    expect(keyPairNamesInState(state)).toEqual([...OVERLAPPING].sort());
    expect(JSON.stringify(state)).not.toContain('"status":"tainted"');
    const plan = await workspace.terraform("plan", "-detailed-exitcode", "-input=false", "-no-color");
    expect(plan.exitCode).toBe(0);

    expect((await workspace.destroy()).exitCode).toBe(0);
    expect(keyNames()).toEqual([]);
  });
});
