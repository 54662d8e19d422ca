/**
 * The create command's decisions when the name is taken or an answer is ambiguous, driven in-process against the
 * emulator with an injected clock: which same-named key pair is this stack's (by the claim time, the plan time and
 * this run's own ambiguous attempts), which is kept, which is deleted and created again, and that a run which gives
 * up never leaves a key pair of its own behind.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { StaticAKCredentialsProvider } from "@alicloud/credentials";
import { CreatedKeyPair, EnsClient, KeyPairPage, KeyPairQuery } from "../../lib/ens/ens-client";
import { EnsApiError, EnsTransportError } from "../../lib/ens/ens-errors";
import { EnsLog } from "../../lib/ens/ens-log";
import { RetryClock } from "../../lib/ens/retry";
import { Endpoint, parseEndpoint } from "../../lib/shared/endpoint-value";
import { HandlerExitCode } from "../../lib/shared/handler-contract";
import { KeyPairMode } from "../../lib/shared/key-pair-mode";
import {
  CREATE_FAILURE_CONSEQUENCE,
  CREATE_TIMEOUT_MS,
  runCreateCommand as createCommand,
} from "../../lib/handler/handler-create-command";
import type { HandlerContext } from "../../lib/handler/handler-context";
import type { CreateModeInput } from "../../lib/handler/handler-input";
import { catchAtBoundary } from "../../lib/process/process-boundary";
import { MAX_SKEW_MS, OWN_SKEW_MS } from "../../lib/key-pairs/key-pair-ownership";
import { EnsEmulator } from "../../lib/testing";
import { generateRsaKeyPairSync } from "../../lib/testing/rsa-key-generation";
import { actionsCalled } from "./handler-harness";
import { useEmulator } from "../support/emulator";

const NAME = "contested";

let ens: EnsEmulator;
let scratch: string;

useEmulator((started) => (ens = started));

beforeEach(() => {
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), "ens-create-decisions-"));
});

afterEach(() => fs.rmSync(scratch, { recursive: true, force: true }));

// Every wait here is bounded: a test that hangs fails in seconds, not at the 120 s default.
jest.setTimeout(15_000);

/**
 * More clock reads than any run of the create command makes: a loop that retries without ever sleeping (so the
 * virtual time, and with it every deadline, stands still) fails fast instead of spinning.
 */
const MAX_CLOCK_READS = 10_000;

/**
 * A clock that starts `offsetMs` away from real time and whose sleep only advances it (so a 300 s deadline
 * passes at once); the emulator keeps real time, so CreationTime comparisons see the offset. Reading it more than
 * MAX_CLOCK_READS times throws.
 */
class VirtualClock implements RetryClock {
  private time: number;
  private reads = 0;
  constructor(offsetMs = 0) {
    this.time = Date.now() + offsetMs;
  }
  now(): number {
    this.reads += 1;
    if (this.reads > MAX_CLOCK_READS) {
      throw new Error(`the virtual clock was read ${MAX_CLOCK_READS} times: a loop that never sleeps`);
    }
    return this.time;
  }
  async sleep(ms: number): Promise<void> {
    this.time += ms;
  }
  advanceTo(ms: number): void {
    this.time = Math.max(this.time, ms);
  }
}

const CLIENT_OPTIONS = () => ({
  endpoint: parseEndpoint(ens.endpoint) as Endpoint,
  credentials: StaticAKCredentialsProvider.builder()
    .withAccessKeyId(ens.credentials.accessKeyId)
    .withAccessKeySecret(ens.credentials.accessKeySecret)
    .build(),
});

/**
 * A client whose successful CreateKeyPair answers are lost on the way back (the key pair exists, the caller sees
 * a reset), while error answers such as PubKeyNameExisted arrive: what the emulator's counted faults cannot
 * interleave.
 */
class LosingCreateAnswers extends EnsClient {
  public lost = 0;
  constructor(private readonly afterLoss: (lost: number) => void = () => undefined) {
    super(CLIENT_OPTIONS());
  }
  public override async createKeyPair(keyPairName: string, timeLeftMs: number): Promise<CreatedKeyPair> {
    await super.createKeyPair(keyPairName, timeLeftMs);
    this.lost += 1;
    this.afterLoss(this.lost);
    throw new EnsTransportError("reset", "ECONNRESET", "socket hang up");
  }
}

/** The create command inside the process boundary, as run-handler.ts runs it: its exit code. */
function runCreateCommand(context: HandlerContext, input: CreateModeInput): Promise<number> {
  return catchAtBoundary(context.log, CREATE_FAILURE_CONSEQUENCE, async () => {
    await createCommand(context, input);
    return HandlerExitCode.OK;
  });
}

function contextWith(
  clock: RetryClock,
  client = new EnsClient(CLIENT_OPTIONS()),
  createTimeoutMs?: number,
): { context: HandlerContext; lines: string[] } {
  const lines: string[] = [];
  return {
    context: {
      client,
      log: new EnsLog((line) => lines.push(line)),
      clock,
      random: () => 0.5,
      createTimeoutMs,
    },
    lines,
  };
}

/** Input of a create step; `claimedAgoMs` before `now`, planned `plannedAgoMs` before `now`. */
function inputAt(
  now: number,
  claim: { claimedAgoMs: number; plannedAgoMs: number } | "unclaimed",
  extra: Partial<CreateModeInput> = {},
): CreateModeInput {
  const times =
    claim === "unclaimed"
      ? {}
      : { claimedAtMs: now - claim.claimedAgoMs, plannedAtMs: now - claim.plannedAgoMs };
  return { mode: KeyPairMode.CREATE, keyPairName: NAME, deleteTimeoutMs: 60_000, ...times, ...extra };
}

/** The claim was made by this very run (the apply that created the main resource, planned a second earlier). */
const THIS_RUN = { claimedAgoMs: 500, plannedAgoMs: 1_500 };
/** The claim was made by an earlier run, ten minutes ago; this run was planned just now. */
const EARLIER_RUN = { claimedAgoMs: 10 * 60_000, plannedAgoMs: 1_000 };

function privateKeyFile(): string {
  return path.join(scratch, "keys", "id_rsa");
}

describe("a PrivateKeyBody the handler cannot write", () => {
  /** A client whose CreateKeyPair answers carry this PrivateKeyBody (the key pair itself is made for real). */
  class GarbledPrivateKey extends EnsClient {
    constructor() {
      super(CLIENT_OPTIONS());
    }
    public override async createKeyPair(keyPairName: string, timeLeftMs: number): Promise<CreatedKeyPair> {
      const created = await super.createKeyPair(keyPairName, timeLeftMs);
      return {
        ...created,
        privateKeyBody: "-----BEGIN RSA PRIVATE KEY-----\\ngarbled\\n-----END RSA PRIVATE KEY-----",
      };
    }
  }

  test("is never written: the key pair is rolled back by its ID, and the run fails saying why", async () => {
    const clock = new VirtualClock();
    const { context, lines } = contextWith(clock, new GarbledPrivateKey());
    const file = privateKeyFile();

    const exitCode = await runCreateCommand(
      context,
      inputAt(clock.now(), THIS_RUN, { privateKeyFile: file }),
    );

    expect(exitCode).toBe(HandlerExitCode.FAILED);
    expect(actionsCalled(ens)).toEqual(["CreateKeyPair", "DeleteKeyPairs"]);
    expect(ens.calls()[1].params).toEqual({ KeyPairId: expect.stringMatching(/^ssh-/) });
    expect(ens.keyPairs()).toEqual([]);
    expect(fs.existsSync(file)).toBe(false);
    expect(lines.at(-1)).toContain(
      "was created, but the CreateKeyPair answer's PrivateKeyBody is not a private key node:crypto can read",
    );
    expect(lines.at(-1)).toContain("it was deleted again (rolled back)");
    expect(lines.join("\n")).not.toContain("garbled");
  });
});

describe("the name is taken when the claim was made by this run", () => {
  test("a key pair that was there already is someone else's, however recent: untouched, create fails", async () => {
    const other = ens.addKeyPair({ keyPairName: NAME });
    const clock = new VirtualClock();
    const { context, lines } = contextWith(clock);

    const exitCode = await runCreateCommand(context, inputAt(clock.now(), THIS_RUN));

    expect(exitCode).toBe(HandlerExitCode.FAILED);
    expect(actionsCalled(ens)).toEqual(["CreateKeyPair", "DescribeKeyPairs"]);
    expect(ens.keyPair(NAME)).toEqual(other);
    expect(lines.at(-1)).toContain(
      `the name "${NAME}" is already taken by another key pair in this account (KeyPairId ${other.keyPairId}`,
    );
  });

  test("after an ambiguous attempt of this run, the key pair is this run's: deleted and created again", async () => {
    const client = new LosingCreateAnswers();
    // Only the first answer is lost: later calls go through the real client.
    client.createKeyPair = async function (name, timeLeftMs) {
      if (this.lost > 0) return EnsClient.prototype.createKeyPair.call(this, name, timeLeftMs);
      return LosingCreateAnswers.prototype.createKeyPair.call(this, name, timeLeftMs);
    };
    const clock = new VirtualClock();
    const { context, lines } = contextWith(clock, client);
    const file = privateKeyFile();

    const exitCode = await runCreateCommand(
      context,
      inputAt(clock.now(), THIS_RUN, { privateKeyFile: file }),
    );

    expect(exitCode).toBe(HandlerExitCode.OK);
    expect(actionsCalled(ens)).toEqual([
      "CreateKeyPair",
      "CreateKeyPair",
      "DescribeKeyPairs",
      "DeleteKeyPairs",
      "CreateKeyPair",
    ]);
    expect(ens.keyPairs()).toHaveLength(1);
    expect(lines.join("\n")).toContain("its private key is lost");
    expect(fs.existsSync(file)).toBe(true);
  });
});

describe("the name is taken when the claim was made by an earlier run", () => {
  test("a key pair created since the claim is this stack's; with its private key lost it is made again", async () => {
    const lost = ens.addKeyPair({ keyPairName: NAME });
    const clock = new VirtualClock();
    const { context } = contextWith(clock);
    const file = privateKeyFile();

    const exitCode = await runCreateCommand(
      context,
      inputAt(clock.now(), EARLIER_RUN, { privateKeyFile: file }),
    );

    expect(exitCode).toBe(HandlerExitCode.OK);
    expect(actionsCalled(ens)).toEqual([
      "CreateKeyPair",
      "DescribeKeyPairs",
      "DeleteKeyPairs",
      "CreateKeyPair",
    ]);
    // The lost key pair was deleted by its ID, never by name.
    expect(ens.calls()[2].params).toEqual({ KeyPairId: lost.keyPairId });
    const [made] = ens.keyPairs();
    expect(made.keyPairId).not.toBe(lost.keyPairId);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  });

  test("one that DescribeKeyPairs lists without a KeyPairId is never deleted (not by name either): the run fails", async () => {
    ens.addKeyPair({ keyPairName: NAME });
    /** A client whose DescribeKeyPairs items lack their KeyPairId. */
    class NoIdsListed extends EnsClient {
      constructor() {
        super(CLIENT_OPTIONS());
      }
      public override async describeKeyPairs(query: KeyPairQuery, timeLeftMs: number): Promise<KeyPairPage> {
        const page = await super.describeKeyPairs(query, timeLeftMs);
        return { ...page, keyPairs: page.keyPairs.map((keyPair) => ({ ...keyPair, keyPairId: "" })) };
      }
    }
    const clock = new VirtualClock();
    const { context, lines } = contextWith(clock, new NoIdsListed());

    const exitCode = await runCreateCommand(
      context,
      inputAt(clock.now(), EARLIER_RUN, { privateKeyFile: privateKeyFile() }),
    );

    expect(exitCode).toBe(HandlerExitCode.FAILED);
    expect(actionsCalled(ens)).toEqual(["CreateKeyPair", "DescribeKeyPairs"]);
    expect(ens.keyPair(NAME)).toBeDefined();
    expect(lines.at(-1)).toContain(`KEY PAIR LEAKED: key pair "${NAME}" was created by this stack`);
    expect(lines.at(-1)).toContain("DescribeKeyPairs listed it without a KeyPairId, so it was not deleted");
  });

  test("one whose private key file is in place is kept as it is: a finished create is never redone", async () => {
    const key = generateRsaKeyPairSync(1024);
    const kept = ens.addKeyPair({ keyPairName: NAME, publicKey: key.publicKey });
    const file = privateKeyFile();
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, key.privateKeyPem, { mode: 0o600 });
    const clock = new VirtualClock();
    const { context, lines } = contextWith(clock);

    const exitCode = await runCreateCommand(
      context,
      inputAt(clock.now(), EARLIER_RUN, { privateKeyFile: file }),
    );

    expect(exitCode).toBe(HandlerExitCode.OK);
    expect(actionsCalled(ens)).toEqual(["CreateKeyPair", "DescribeKeyPairs"]);
    expect(ens.keyPairs()).toEqual([kept]);
    expect(fs.readFileSync(file, "utf8")).toBe(key.privateKeyPem);
    expect(lines.at(-1)).toContain("holds its private key (a finished create is not redone)");
  });

  test("without a privateKeyFile there is nothing to deliver: the key pair is kept", async () => {
    const kept = ens.addKeyPair({ keyPairName: NAME });
    const clock = new VirtualClock();
    const { context, lines } = contextWith(clock);

    expect(await runCreateCommand(context, inputAt(clock.now(), EARLIER_RUN))).toBe(HandlerExitCode.OK);
    expect(ens.keyPairs()).toEqual([kept]);
    expect(lines.at(-1)).toContain("kept (no privateKeyFile is set");
  });

  test("one created well before the claim is someone else's: untouched, create fails", async () => {
    const other = ens.addKeyPair({ keyPairName: NAME });
    const clock = new VirtualClock(MAX_SKEW_MS + 60_000);
    const { context, lines } = contextWith(clock);

    const input = inputAt(
      clock.now(),
      { claimedAgoMs: 1_000, plannedAgoMs: 500 },
      { privateKeyFile: privateKeyFile() },
    );
    expect(await runCreateCommand(context, input)).toBe(HandlerExitCode.FAILED);
    expect(ens.keyPairs()).toEqual([other]);
    expect(lines.at(-1)).toContain("created before this stack claimed the name at");
    expect(actionsCalled(ens)).not.toContain("DeleteKeyPairs");
  });

  test("one created a few minutes before the claim cannot be attributed: untouched, create fails and says why", async () => {
    const other = ens.addKeyPair({ keyPairName: NAME });
    const clock = new VirtualClock(OWN_SKEW_MS + 4 * 60_000);
    const { context, lines } = contextWith(clock);

    const input = inputAt(
      clock.now(),
      { claimedAgoMs: 1_000, plannedAgoMs: 500 },
      { privateKeyFile: privateKeyFile() },
    );
    expect(await runCreateCommand(context, input)).toBe(HandlerExitCode.FAILED);
    expect(ens.keyPairs()).toEqual([other]);
    expect(lines.at(-1)).toMatch(
      /cannot attribute: it was created at .*, (249|250) s before this stack claimed/,
    );
    expect(lines.at(-1)).toContain("If it is this stack's key pair, delete it");
  });
});

describe("a stack deployed by release 0.1 (no claim recorded)", () => {
  test("its existing key pair is looked up first and kept: no CreateKeyPair, no rotation", async () => {
    const kept = ens.addKeyPair({ keyPairName: NAME });
    const clock = new VirtualClock(60 * 60_000);
    const { context, lines } = contextWith(clock);

    const exitCode = await runCreateCommand(
      context,
      inputAt(clock.now(), "unclaimed", { privateKeyFile: privateKeyFile() }),
    );

    expect(exitCode).toBe(HandlerExitCode.OK);
    expect(actionsCalled(ens)).toEqual(["DescribeKeyPairs"]);
    expect(ens.keyPairs()).toEqual([kept]);
    expect(lines.join("\n")).toContain("The key pair was kept");
  });

  test("with no key pair under the name, it is created", async () => {
    const clock = new VirtualClock();
    const { context } = contextWith(clock);
    const file = privateKeyFile();

    expect(await runCreateCommand(context, inputAt(clock.now(), "unclaimed", { privateKeyFile: file }))).toBe(
      HandlerExitCode.OK,
    );
    expect(actionsCalled(ens)).toEqual(["DescribeKeyPairs", "CreateKeyPair"]);
    expect(fs.existsSync(file)).toBe(true);
  });
});

describe("bounded retries and rollback", () => {
  test("re-creates are bounded: when answers keep getting lost, the run deletes its key and fails", async () => {
    const client = new LosingCreateAnswers();
    const clock = new VirtualClock();
    const { context, lines } = contextWith(clock, client);

    const exitCode = await runCreateCommand(
      context,
      inputAt(clock.now(), THIS_RUN, { privateKeyFile: privateKeyFile() }),
    );

    expect(exitCode).toBe(HandlerExitCode.FAILED);
    expect(ens.keyPairs()).toEqual([]);
    // Three rounds of (lost create, PubKeyNameExisted, lookup, delete): two re-creates, then giving up.
    expect(client.lost).toBe(3);
    expect(actionsCalled(ens).filter((a) => a === "DeleteKeyPairs")).toHaveLength(3);
    expect(lines.at(-1)).toContain("the last one was deleted again, so nothing was left behind");
  });

  test("giving up at the deadline after a lost answer deletes the key pair that answer created", async () => {
    const client = new LosingCreateAnswers(() => ens.faults.throttle("CreateKeyPair", 1_000_000));
    const clock = new VirtualClock();
    const startedAt = clock.now();
    const { context, lines } = contextWith(clock, client);

    const exitCode = await runCreateCommand(context, inputAt(clock.now(), THIS_RUN));

    expect(exitCode).toBe(HandlerExitCode.FAILED);
    expect(clock.now() - startedAt).toBeLessThan(CREATE_TIMEOUT_MS);
    expect(actionsCalled(ens).slice(-2)).toEqual(["DescribeKeyPairs", "DeleteKeyPairs"]);
    expect(ens.keyPairs()).toEqual([]);
    expect(lines.at(-1)).toContain("this run gave up creating it; it was deleted again (rolled back)");
  });

  test("when only the last attempt before the deadline is ambiguous, its key pair is still found and rolled back", async () => {
    const createTimeoutMs = 20_000;
    const clock = new VirtualClock();
    const deadline = clock.now() + createTimeoutMs;
    // Two throttled attempts, then one that creates the key pair and times out reading the answer just before the
    // deadline, so that no attempt follows it: only the last failure is ambiguous.
    class ThrottledThenTimedOut extends EnsClient {
      public attempts = 0;
      public override async createKeyPair(name: string, timeLeftMs: number): Promise<CreatedKeyPair> {
        this.attempts += 1;
        if (this.attempts <= 2) {
          throw new EnsApiError({ code: "Throttling.User", statusCode: 400, apiMessage: "flow control" });
        }
        await super.createKeyPair(name, timeLeftMs);
        clock.advanceTo(deadline - 100);
        throw new EnsTransportError("read-timeout", "ReadTimeout", "ReadTimeout(20000)");
      }
    }
    const client = new ThrottledThenTimedOut(CLIENT_OPTIONS());
    const { context, lines } = contextWith(clock, client, createTimeoutMs);

    const exitCode = await runCreateCommand(context, inputAt(clock.now(), THIS_RUN));

    expect(exitCode).toBe(HandlerExitCode.FAILED);
    expect(client.attempts).toBe(3);
    expect(actionsCalled(ens)).toEqual(["CreateKeyPair", "DescribeKeyPairs", "DeleteKeyPairs"]);
    expect(ens.keyPairs()).toEqual([]);
    expect(lines.at(-1)).toContain("this run gave up creating it; it was deleted again (rolled back)");
  });

  test("giving up without any ambiguous attempt makes no lookup", async () => {
    ens.faults.throttle("CreateKeyPair", 1_000_000);
    const clock = new VirtualClock();
    const { context, lines } = contextWith(clock);

    const exitCode = await runCreateCommand(context, inputAt(clock.now(), THIS_RUN));

    expect(exitCode).toBe(HandlerExitCode.FAILED);
    expect(new Set(actionsCalled(ens))).toEqual(new Set(["CreateKeyPair"]));
    expect(lines.at(-1)).toContain(
      'CreateKeyPair for key pair "contested" did not succeed within its 300.0 s deadline',
    );
    expect(lines.at(-1)).toMatch(
      /Terraform marks the resource as failed \(tainted\), and the next apply creates it again\.$/,
    );
  });

  test("when deleting a lost key pair for a new attempt fails, the run names the key left behind", async () => {
    ens.faults.noPermission("DeleteKeyPairs");
    const clock = new VirtualClock();
    const { context, lines } = contextWith(clock, new LosingCreateAnswers());

    const exitCode = await runCreateCommand(
      context,
      inputAt(clock.now(), THIS_RUN, { privateKeyFile: privateKeyFile() }),
    );

    expect(exitCode).toBe(HandlerExitCode.FAILED);
    const keyPairId = ens.keyPair(NAME)?.keyPairId;
    expect(lines.at(-1)).toContain(
      `KEY PAIR LEAKED: key pair "${NAME}" (KeyPairId ${keyPairId}) was created by this stack`,
    );
    expect(lines.at(-1)).toContain("ens:DeleteKeyPairs");
  });
});
