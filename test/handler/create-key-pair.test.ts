/**
 * The create command's decisions after ambiguous attempts, driven in-process against the emulator with an
 * injected clock: which same-named key is ours (created during this run) and may be deleted, and that a run
 * which gives up never leaves a key pair of its own behind.
 */
import { StaticAKCredentialsProvider } from "@alicloud/credentials";
import { CreatedKeyPair, EnsClient } from "../../lib/ens/ens-client";
import { EnsTransportError } from "../../lib/ens/ens-errors";
import { EnsLog } from "../../lib/ens/ens-log";
import { RetryClock } from "../../lib/ens/retry";
import { Endpoint, parseEndpoint } from "../../lib/endpoint";
import { HandlerExitCode } from "../../lib/handler-contract";
import {
  CREATE_TIMEOUT_MS,
  CREATION_TIME_SKEW_MS,
  runCreateCommand,
} from "../../lib/handler/create-key-pair";
import type { HandlerContext } from "../../lib/handler/handler-context";
import type { CreateModeInput } from "../../lib/handler/handler-input";
import { EnsEmulator } from "../../lib/testing";
import { actionsCalled } from "./handler-harness";
import { useEmulator } from "../support/emulator";

const NAME = "contested";
const INPUT: CreateModeInput = { mode: "create", keyPairName: NAME, deleteTimeoutMs: 60_000 };

let ens: EnsEmulator;

useEmulator((started) => (ens = started));

/**
 * A clock that starts `offsetMs` away from real time and whose sleep only advances it (so a 300 s deadline
 * passes at once); the emulator keeps real time, so CreationTime comparisons see the offset.
 */
class VirtualClock implements RetryClock {
  private time: number;
  constructor(offsetMs = 0) {
    this.time = Date.now() + offsetMs;
  }
  now(): number {
    return this.time;
  }
  async sleep(ms: number): Promise<void> {
    this.time += ms;
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
  constructor(private readonly afterFirstLoss: () => void = () => undefined) {
    super(CLIENT_OPTIONS());
  }
  public override async createKeyPair(keyPairName: string, timeLeftMs: number): Promise<CreatedKeyPair> {
    await super.createKeyPair(keyPairName, timeLeftMs);
    this.lost += 1;
    if (this.lost === 1) this.afterFirstLoss();
    throw new EnsTransportError("reset", "ECONNRESET", "socket hang up");
  }
}

function contextWith(
  clock: RetryClock,
  client = new EnsClient(CLIENT_OPTIONS()),
): { context: HandlerContext; lines: string[] } {
  const lines: string[] = [];
  return {
    context: { client, log: new EnsLog((line) => lines.push(line)), clock, random: () => 0.5 },
    lines,
  };
}

test("after an ambiguous attempt, a same-named key created before this run is never touched", async () => {
  const other = ens.addKeyPair({ keyPairName: NAME });
  ens.faults.serverError("CreateKeyPair", 1, 503);
  // This run "starts" well after the key's CreationTime, beyond the clock-skew allowance.
  const { context, lines } = contextWith(new VirtualClock(CREATION_TIME_SKEW_MS + 10 * 60_000));

  const exitCode = await runCreateCommand(context, INPUT);

  expect(exitCode).toBe(HandlerExitCode.FAILED);
  expect(actionsCalled(ens)).toEqual(["CreateKeyPair", "CreateKeyPair", "DescribeKeyPairs"]);
  expect(ens.keyPair(NAME)).toEqual(other);
  expect(lines.at(-1)).toContain(
    `the name "${NAME}" is already taken by another key pair in this account (KeyPairId ${other.keyPairId}`,
  );
});

test("a key pair created within the skew allowance before the run counts as this run's", async () => {
  ens.addKeyPair({ keyPairName: NAME });
  ens.faults.serverError("CreateKeyPair", 1, 503);
  const { context } = contextWith(new VirtualClock(CREATION_TIME_SKEW_MS - 10_000));

  const exitCode = await runCreateCommand(context, INPUT);

  expect(exitCode).toBe(HandlerExitCode.OK);
  expect(actionsCalled(ens)).toEqual([
    "CreateKeyPair",
    "CreateKeyPair",
    "DescribeKeyPairs",
    "DeleteKeyPairs",
    "CreateKeyPair",
  ]);
});

test("reclaims are bounded: when answers keep getting lost, the run deletes its key and fails", async () => {
  const client = new LosingCreateAnswers();
  const { context, lines } = contextWith(new VirtualClock(), client);

  const exitCode = await runCreateCommand(context, INPUT);

  expect(exitCode).toBe(HandlerExitCode.FAILED);
  expect(ens.keyPairs()).toEqual([]);
  // Three rounds of (lost create, PubKeyNameExisted, lookup, delete): two reclaims, then the rollback.
  expect(client.lost).toBe(3);
  expect(actionsCalled(ens).filter((a) => a === "DeleteKeyPairs")).toHaveLength(3);
  expect(lines.at(-1)).toContain("it was deleted again (rolled back), so nothing was left behind");
});

test("giving up at the deadline after a lost answer deletes the key pair that answer created", async () => {
  const client = new LosingCreateAnswers(() => ens.faults.throttle("CreateKeyPair", 1_000_000));
  const clock = new VirtualClock();
  const startedAt = clock.now();
  const { context, lines } = contextWith(clock, client);

  const exitCode = await runCreateCommand(context, INPUT);

  expect(exitCode).toBe(HandlerExitCode.FAILED);
  expect(clock.now() - startedAt).toBeLessThan(CREATE_TIMEOUT_MS);
  expect(actionsCalled(ens).slice(-2)).toEqual(["DescribeKeyPairs", "DeleteKeyPairs"]);
  expect(ens.keyPairs()).toEqual([]);
  expect(lines.at(-1)).toContain("this run gave up creating it; it was deleted again (rolled back)");
});

test("giving up without any ambiguous attempt makes no lookup", async () => {
  ens.faults.throttle("CreateKeyPair", 1_000_000);
  const { context, lines } = contextWith(new VirtualClock());

  const exitCode = await runCreateCommand(context, INPUT);

  expect(exitCode).toBe(HandlerExitCode.FAILED);
  expect(new Set(actionsCalled(ens))).toEqual(new Set(["CreateKeyPair"]));
  expect(lines.at(-1)).toContain(
    'CreateKeyPair for key pair "contested" did not succeed within its 300.0 s deadline',
  );
  expect(lines.at(-1)).toMatch(
    /Terraform marks the resource as failed \(tainted\), and the next apply creates it again\.$/,
  );
});

test("when deleting a lost key pair for a new attempt fails, the run names the leaked key", async () => {
  ens.faults.noPermission("DeleteKeyPairs");
  const { context, lines } = contextWith(new VirtualClock(), new LosingCreateAnswers());

  const exitCode = await runCreateCommand(context, INPUT);

  expect(exitCode).toBe(HandlerExitCode.FAILED);
  const keyPairId = ens.keyPair(NAME)?.keyPairId;
  expect(lines.at(-1)).toContain(
    `KEY PAIR LEAKED: key pair "${NAME}" (KeyPairId ${keyPairId}) was created by this run`,
  );
  expect(lines.at(-1)).toContain("ens:DeleteKeyPairs");
});
