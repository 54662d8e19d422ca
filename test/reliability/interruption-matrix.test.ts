/**
 * Runs cut short, at handler level: every moment × every signal × every kind of key pair, with the real bundled
 * handler process against the emulator, one signal per process. The emulator holds the call at the exact moment
 * (it reports the call before the test sends the signal); the moment it cannot see, after the answer and before
 * the private key file, is the handler's documented test seam.
 *
 * After the interruption, what Terraform would run next is run, and the outcome checked:
 *   - the next apply (the create step again, same claim, a later plan) converges: the key pair exists exactly once,
 *     create mode's private key file holds its private half, and a further run keeps key and file (no rotation);
 *   - a destroy with no apply before it exits 0 and leaves no key pair of this stack (retain aside);
 *   - a key pair that held the name before the claim is never deleted or adopted, whatever follows.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { HandlerExitCode, TEST_HOLD_ENV, TestHoldPoint } from "../../lib/shared/handler-contract";
import { EnsEmulator } from "../../lib/testing";
import { RSA_PUBLIC_KEY, RSA_PUBLIC_KEY_MD5 } from "../fixtures/keys";
import { claimedByEarlierRun, terraformTime } from "../handler/handler-harness";
import { ensureBundles, HANDLER_BUNDLE } from "../support/bundles";
import { useEmulator } from "../support/emulator";
import { runHandler } from "../support/handler-process";
import { RunningProcess, startProcess } from "../support/running-process";
import { privateKeyFileFingerprint } from "./support/private-key-fingerprint";

const NAME = "interrupted";
const SIGNALS = ["SIGINT", "SIGTERM", "SIGKILL"] as const;
type Signal = (typeof SIGNALS)[number];

/** Where a create step is cut short. */
type CreateMoment =
  "before the request reached ENS" | "after ENS committed, before the answer" | "before the key file";
/** Where a delete step is cut short. */
type DeleteMoment = "before the delete reached ENS" | "after ENS deleted, before the answer";

/** The kinds of key pair. */
type Kind =
  | "create, private key file"
  | "create, key discarded"
  | "import"
  | "adoptExisting"
  | "retain"
  | "name held by another";

const CREATE_KINDS: readonly Kind[] = [
  "create, private key file",
  "create, key discarded",
  "import",
  "adoptExisting",
  "retain",
  "name held by another",
];
const DELETE_KINDS: readonly Kind[] = ["create, private key file", "import", "adoptExisting"];

let ens: EnsEmulator;
let scratch: string;

useEmulator((started) => (ens = started));

beforeAll(() => ensureBundles());

beforeEach(() => {
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), "ens-interrupt-"));
});

afterEach(() => fs.rmSync(scratch, { recursive: true, force: true }));

function keyFile(): string {
  return path.join(scratch, "keys", `${NAME}.pem`);
}

/** The provisioners' variables for a kind (the claim comes separately). */
function kindEnv(kind: Kind): Record<string, string> {
  switch (kind) {
    case "create, private key file":
    case "name held by another":
      return { ENS_KEY_PAIR_MODE: "create", ENS_KEY_PAIR_PRIVATE_KEY_FILE: keyFile() };
    case "create, key discarded":
      return { ENS_KEY_PAIR_MODE: "create" };
    case "import":
      return {
        ENS_KEY_PAIR_MODE: "import",
        ENS_KEY_PAIR_PUBLIC_KEY: RSA_PUBLIC_KEY,
        ENS_KEY_PAIR_FINGERPRINT: RSA_PUBLIC_KEY_MD5,
      };
    case "adoptExisting":
      return { ENS_KEY_PAIR_MODE: "create", ENS_KEY_PAIR_ADOPT_EXISTING: "true" };
    case "retain":
      return {
        ENS_KEY_PAIR_MODE: "create",
        ENS_KEY_PAIR_PRIVATE_KEY_FILE: keyFile(),
        ENS_KEY_PAIR_REMOVAL_POLICY: "retain",
      };
  }
}

/** A key pair that held the name an hour before the claim (to be adopted, or left alone). */
function seedOlderKey(): string {
  return ens.addKeyPair({ keyPairName: NAME, creationTime: new Date(Date.now() - 3_600_000) }).keyPairId;
}

/** Runs the handler to its end (the next apply's create step, or a destroy's delete step). */
async function next(command: "create" | "delete", env: Record<string, string>) {
  return runHandler(command, { ...ens.env(), ENS_KEY_PAIR_NAME: NAME, ...env });
}

/** The whole environment of a handler process started here: a clean one, the emulator's, the name, then `env`. */
function handlerEnv(env: Record<string, string>): Record<string, string> {
  return {
    PATH: process.env.PATH ?? "/usr/bin:/bin",
    HOME: scratch,
    ALIBABA_CLOUD_ECS_METADATA_DISABLED: "true",
    ...ens.env(),
    ENS_KEY_PAIR_NAME: NAME,
    ...env,
  };
}

/** Resolves once the handler (or the emulator, for the handler's call) has reached the moment. */
type Reached = (handler: RunningProcess) => Promise<void>;

/** Starts the handler, waits for it to reach the moment, and kills it there with `signal`. */
async function interrupt(
  command: "create" | "delete",
  env: Record<string, string>,
  reached: Reached,
  signal: Signal,
): Promise<void> {
  const handler = startProcess(process.execPath, [HANDLER_BUNDLE, command], {
    cwd: scratch,
    env: handlerEnv(env),
  });
  await reached(handler);
  handler.signal(signal);
  const end = await handler.ended(10_000);
  expect(end.signal).toBe(signal);
  // Whatever the emulator still holds goes on now, to a client that is gone.
  ens.releaseHeld();
  expect(end.output).not.toContain(ens.credentials.accessKeySecret);
  expect(end.output).not.toMatch(/PRIVATE KEY/);
}

/** How the interrupted create step is stopped at `moment`: the fault to set, and what to wait for. */
function createMoment(moment: CreateMoment, kind: Kind): { env: Record<string, string>; reached: Reached } {
  const action = kind === "import" ? "ImportKeyPair" : "CreateKeyPair";
  switch (moment) {
    case "before the request reached ENS":
      ens.faults.holdRequest(action, 1);
      return { env: {}, reached: () => ens.waitForHeld(1, action, { timeoutMs: 10_000 }) };
    case "after ENS committed, before the answer":
      ens.faults.holdResponse(action, 1);
      return { env: {}, reached: () => ens.waitForHeld(1, action, { timeoutMs: 10_000 }) };
    case "before the key file":
      return {
        env: { [TEST_HOLD_ENV]: TestHoldPoint.BEFORE_PRIVATE_KEY_FILE },
        reached: (handler) => handler.waitForOutput(/test seam: holding before-private-key-file/, 10_000),
      };
  }
}

const CREATE_MOMENTS: readonly CreateMoment[] = [
  "before the request reached ENS",
  "after ENS committed, before the answer",
  "before the key file",
];

/** The (moment, kind) pairs that exist: the key file moment only where a private key file is written. */
const CREATE_CASES = CREATE_MOMENTS.flatMap((moment) =>
  CREATE_KINDS.filter(
    (kind) => moment !== "before the key file" || kind === "create, private key file" || kind === "retain",
  ).flatMap((kind) => SIGNALS.map((signal) => ({ moment, kind, signal }))),
);

describe.each(["the next apply", "a destroy with no apply before it"] as const)(
  "create step cut short, then %s",
  (then) => {
    test.each(CREATE_CASES)("$moment, $signal, $kind", async ({ moment, kind, signal }) => {
      const heldBefore =
        kind === "adoptExisting" || kind === "name held by another" ? seedOlderKey() : undefined;
      const claimedAt = terraformTime(Date.now());
      const firstRun = {
        ENS_KEY_PAIR_CLAIMED_AT: claimedAt,
        ENS_KEY_PAIR_PLANNED_AT: terraformTime(Date.now() - 1_000),
      };
      const laterRun = {
        ENS_KEY_PAIR_CLAIMED_AT: claimedAt,
        ENS_KEY_PAIR_PLANNED_AT: terraformTime(Date.now() + 1_000),
      };
      const { env, reached } = createMoment(moment, kind);

      await interrupt("create", { ...kindEnv(kind), ...firstRun, ...env }, reached, signal);
      if (moment === "before the key file") {
        expect(fs.existsSync(keyFile())).toBe(false);
        expect(ens.keyPairs()).toHaveLength(1);
      }
      // Every call the handler made is in the log before anything is checked.
      await ens.waitForCalls(1, undefined, { timeoutMs: 10_000 });

      if (then === "the next apply") {
        const apply = await next("create", { ...kindEnv(kind), ...laterRun });
        if (kind === "name held by another") {
          expect(apply.exitCode).toBe(HandlerExitCode.FAILED);
          expect(apply.stderr).toContain(`the name "${NAME}" is already taken by another key pair`);
          expect(ens.keyPairs().map((k) => k.keyPairId)).toEqual([heldBefore]);
          return;
        }
        expect(apply.exitCode).toBe(HandlerExitCode.OK);
        const keys = ens.keyPairs();
        expect(keys.map((k) => k.keyPairName)).toEqual([NAME]);
        if (kind === "adoptExisting") expect(keys[0].keyPairId).toBe(heldBefore);
        if (kind === "import") expect(keys[0].fingerprint).toBe(RSA_PUBLIC_KEY_MD5);
        const withFile = kind === "create, private key file" || kind === "retain";
        if (withFile) expect(privateKeyFileFingerprint(keyFile())).toBe(keys[0].fingerprint);
        // A create that finished is never redone: another run (its exit lost) keeps the key pair and the file.
        const fileBefore = withFile ? fs.readFileSync(keyFile(), "utf8") : undefined;
        const again = await next("create", { ...kindEnv(kind), ...laterRun });
        expect(again.exitCode).toBe(HandlerExitCode.OK);
        expect(ens.keyPairs()).toEqual(keys);
        if (withFile) expect(fs.readFileSync(keyFile(), "utf8")).toBe(fileBefore);
        return;
      }

      const destroy = await next("delete", { ...kindEnv(kind), ENS_KEY_PAIR_CLAIMED_AT: claimedAt });
      expect(destroy.exitCode).toBe(HandlerExitCode.OK);
      const left = ens.keyPairs().map((k) => k.keyPairId);
      if (kind === "name held by another") expect(left).toEqual([heldBefore]);
      else if (kind === "retain") expect(left.length).toBeLessThanOrEqual(1);
      else expect(left).toEqual([]);
    });
  },
);

const DELETE_MOMENTS: readonly DeleteMoment[] = [
  "before the delete reached ENS",
  "after ENS deleted, before the answer",
];
const DELETE_CASES = DELETE_MOMENTS.flatMap((moment) =>
  DELETE_KINDS.flatMap((kind) => SIGNALS.map((signal) => ({ moment, kind, signal }))),
);

describe("delete step cut short, then the next destroy", () => {
  test.each(DELETE_CASES)("$moment, $signal, $kind", async ({ moment, kind, signal }) => {
    if (kind === "adoptExisting") seedOlderKey();
    else ens.addKeyPair({ keyPairName: NAME, publicKey: kind === "import" ? RSA_PUBLIC_KEY : undefined });
    const claim = claimedByEarlierRun();
    const env = { ...kindEnv(kind), ENS_KEY_PAIR_CLAIMED_AT: claim.ENS_KEY_PAIR_CLAIMED_AT };
    if (moment === "before the delete reached ENS") ens.faults.holdRequest("DeleteKeyPairs", 1);
    else ens.faults.holdResponse("DeleteKeyPairs", 1);

    await interrupt("delete", env, () => ens.waitForHeld(1, "DeleteKeyPairs", { timeoutMs: 10_000 }), signal);
    await ens.waitForCalls(1, "DeleteKeyPairs", { timeoutMs: 10_000 });
    expect(ens.keyPairs()).toHaveLength(moment === "before the delete reached ENS" ? 1 : 0);

    const destroy = await next("delete", env);
    expect(destroy.exitCode).toBe(HandlerExitCode.OK);
    expect(destroy.stderr).toMatch(
      moment === "before the delete reached ENS"
        ? new RegExp(`key pair "${NAME}" deleted$`, "m")
        : new RegExp(`key pair "${NAME}" already deleted \\(PubKeyNameNotExist\\)$`, "m"),
    );
    expect(ens.keyPairs()).toEqual([]);
  });
});

describe("a handler whose terraform was killed without it", () => {
  test("stops at once instead of going on unseen, so it cannot race the next run", async () => {
    ens.faults.holdRequest("CreateKeyPair", 1);
    // A parent that waits for the handler (no exec): killing it alone orphans the handler, as SIGKILL of terraform
    // alone does.
    const parent = startProcess("/bin/sh", ["-c", `"${process.execPath}" "${HANDLER_BUNDLE}" create; true`], {
      cwd: scratch,
      env: handlerEnv({ ...kindEnv("create, private key file"), ...claimedByEarlierRun() }),
    });
    await ens.waitForHeld(1, "CreateKeyPair", { timeoutMs: 10_000 });

    parent.signal("SIGKILL");

    // The handler, orphaned, says why it stops, and its end closes the output it shared with its parent.
    await parent.waitForOutput(/the process that started the handler \(terraform\) is gone; stopping/, 5_000);
    await parent.ended(5_000);
    ens.releaseHeld();
    await ens.waitForCalls(1, "CreateKeyPair", { timeoutMs: 5_000 });
    expect(ens.calls().map((call) => call.outcome)).toEqual(["dropped"]);
    expect(ens.keyPairs()).toEqual([]);
  });
});
