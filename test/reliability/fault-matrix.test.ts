/**
 * The handler's fault matrix: every emulator fault, API refusal and credential error, for `create` and for
 * `delete`, one table row each, run as the real bundled process against the emulator over HTTP.
 *
 * Every row asserts the exit status and a message, the emulator's key pairs afterwards and the calls it received,
 * and then the invariant that makes a destroy safe to retry:
 *   - exit 0 ⇒ the desired state holds: after create the key exists (create mode: the private key file holds its
 *     private half, mode 0600; import mode: it has the public key's fingerprint); after delete the key is gone.
 *   - exit ≠ 0 ⇒ nothing is lost: after create no half-created key is left and a key that was there before is
 *     untouched; after delete the key is still there and, once the fault clears, the next run deletes it.
 *     One honest exception, checked precisely: a delete whose answer never arrives (slower than the deadline)
 *     has taken effect although the handler must report failure; the next run then finds it already deleted.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { HandlerExitCode } from "../../lib/shared/handler-contract";
import {
  DEFAULT_READINGS,
  EmulatedKeyPair,
  EmulatorCall,
  EnsEmulator,
  FINGERPRINT_FORMATS,
  FingerprintFormat,
} from "../../lib/testing";
import { RSA_PUBLIC_KEY, RSA_PUBLIC_KEY_MD5 } from "../fixtures/keys";
import { attemptLines, HandlerProcessResult, runHandler } from "../support/handler-process";
import { claimedByThisRun } from "../handler/handler-harness";
import { callLog, describeCall } from "./support/call-log";
import { privateKeyFileFingerprint } from "./support/private-key-fingerprint";
import { rateLimitFromEmpty } from "./support/rate-limit";

const NAME = "faulty-key";
const CREATE = "CreateKeyPair";
const IMPORT = "ImportKeyPair";
const DELETE = "DeleteKeyPairs";
/** Enough counted faults to outlast any deadline used here: "forever" for the handler. */
const FOREVER = 1_000_000;

const STS_CREDENTIAL = {
  accessKeyId: "STS.reliability-access-key-id",
  accessKeySecret: "reliability-sts-access-key-secret",
  securityToken: "reliability-issued-security-token",
};
const WRONG_SECRET = { ALIBABA_CLOUD_ACCESS_KEY_SECRET: "not-the-secret-of-this-access-key" };
const UNKNOWN_ACCESS_KEY = { ALIBABA_CLOUD_ACCESS_KEY_ID: "unknown-access-key-id" };
const WRONG_STS_TOKEN = {
  ALIBABA_CLOUD_ACCESS_KEY_ID: STS_CREDENTIAL.accessKeyId,
  ALIBABA_CLOUD_ACCESS_KEY_SECRET: STS_CREDENTIAL.accessKeySecret,
  ALIBABA_CLOUD_SECURITY_TOKEN: "not-the-token-that-was-issued",
};

/** What a row's fault set-up gets. */
interface ArrangeContext {
  /** The emulator the handler will call. */
  readonly emulator: EnsEmulator;
  /** Where create mode writes the private key. */
  readonly privateKeyFile: string;
}

/** Checks the calls the emulator received. */
type CallsExpectation = (calls: readonly EmulatorCall[]) => void;

/** One row of a fault table. */
interface FaultCase {
  /** What goes wrong (the test title). */
  readonly fault: string;
  /** Injects the fault, and any state it needs. */
  readonly arrange?: (context: ArrangeContext) => unknown;
  /** Variables that override the base environment. @default none */
  readonly env?: Readonly<Record<string, string>>;
  /** The handler's exit status. */
  readonly exitCode: number;
  /** Matched against the handler's stderr. */
  readonly message: RegExp;
  /** The calls the emulator must have received. */
  readonly calls: CallsExpectation;
  /** An upper bound of the run's duration, for a handler that must give up without waiting. @default none */
  readonly maxDurationMs?: number;
}

/** A `delete` row. */
interface DeleteCase extends FaultCase {
  /** Whether the key pair is still in the emulator afterwards. */
  readonly keyAfter: "kept" | "gone";
  /** The DeleteKeyPairs attempt lines on stderr, in order, each matching its pattern. @default not checked */
  readonly attempts?: readonly RegExp[];
  /** What else this row must show. @default nothing */
  readonly also?: (result: HandlerProcessResult, calls: readonly EmulatorCall[]) => void;
}

/** An attempt line that retries after `code`, with its delay. */
const retrying = (code: string, attempt: number) =>
  new RegExp(`attempt=${attempt} outcome=retrying code=${code.replace(/\./g, "\\.")} delay_ms=\\d+ `);
/** The attempt line of the delete that took effect. */
const deletedAt = (attempt: number) => new RegExp(`attempt=${attempt} outcome=deleted `);

/** A `create` row. */
interface CreateCase extends FaultCase {
  /** CreateKeyPair with a private key file, or ImportKeyPair of the fixture key. */
  readonly mode: "create" | "import";
  /** The emulator's key pairs afterwards: ours, none, or exactly those that were there before. */
  readonly keyPairsAfter: "ours" | "none" | "untouched";
}

/** The calls, described (`Action:Code`), are exactly these. */
function exactly(...expected: string[]): CallsExpectation {
  return (calls) => expect(calls.map(describeCall)).toEqual(expected);
}

/** Every call is `described`, and there are between `min` and `max` of them. */
function repeated(described: string, min: number, max: number): CallsExpectation {
  return (calls) => {
    expect(calls.length).toBeGreaterThanOrEqual(min);
    expect(calls.length).toBeLessThanOrEqual(max);
    expect(new Set(calls.map(describeCall))).toEqual(new Set([described]));
  };
}

/** The drained-bucket call, then at least one `action` refused by the rate limit, then `action` succeeding. */
function rateLimited(action: string): CallsExpectation {
  return (calls) => {
    const described = calls.map(describeCall);
    expect(described[0]).toBe("DescribeKeyPairs:OK");
    expect(described.at(-1)).toBe(`${action}:OK`);
    const between = described.slice(1, -1);
    expect(between.length).toBeGreaterThanOrEqual(1);
    expect(new Set(between)).toEqual(new Set([`${action}:Throttling.User`]));
  };
}

/** Exactly the given calls, and the second came no sooner than `ms` after the first (retry-after honoured). */
function exactlyWithGap(ms: number, ...expected: string[]): CallsExpectation {
  return (calls) => {
    exactly(...expected)(calls);
    expect(calls[1].receivedAt - calls[0].receivedAt).toBeGreaterThanOrEqual(ms);
  };
}

/** Throttling codes besides the emulator's default `Throttling.User` (the variants the SDKs and the provider know). */
const THROTTLING_VARIANTS = ["Throttling", "Throttling.Api", "Rejected.Throttling"];

const DELETED = new RegExp(`key pair "${NAME}" deleted$`, "m");
const ALREADY_DELETED = new RegExp(`key pair "${NAME}" already deleted \\(PubKeyNameNotExist\\)$`, "m");
const NEXT_DESTROY_RETRIES = "Terraform keeps the key pair in state, and the next destroy retries.";

const DELETE_CASES: readonly DeleteCase[] = [
  {
    fault: "throttled twice, then answered",
    arrange: ({ emulator }) => emulator.faults.throttle(DELETE, 2),
    exitCode: HandlerExitCode.OK,
    message: DELETED,
    keyAfter: "gone",
    calls: exactly(`${DELETE}:Throttling.User`, `${DELETE}:Throttling.User`, `${DELETE}:OK`),
    attempts: [retrying("Throttling.User", 1), retrying("Throttling.User", 2), deletedAt(3)],
  },
  ...THROTTLING_VARIANTS.map((code): DeleteCase => ({
    fault: `throttled once with ${code}, then answered`,
    arrange: ({ emulator }) => emulator.faults.throttle(DELETE, 1, { code }),
    exitCode: HandlerExitCode.OK,
    message: DELETED,
    keyAfter: "gone",
    calls: exactly(`${DELETE}:${code}`, `${DELETE}:OK`),
  })),
  {
    fault: "throttled once with x-acs-retry-after 1 s: the retry waits at least that long",
    arrange: ({ emulator }) => emulator.faults.throttle(DELETE, 1, { retryAfterSeconds: 1 }),
    env: { ENS_KEY_PAIR_DELETE_TIMEOUT_SECONDS: "3" },
    exitCode: HandlerExitCode.OK,
    message: DELETED,
    keyAfter: "gone",
    calls: exactlyWithGap(1000, `${DELETE}:Throttling.User`, `${DELETE}:OK`),
    attempts: [/attempt=1 outcome=retrying code=Throttling\.User delay_ms=\d{4,} /, deletedAt(2)],
  },
  {
    fault: "throttled forever: the 1 s deadline expires",
    arrange: ({ emulator }) => emulator.faults.throttle(DELETE, FOREVER),
    env: { ENS_KEY_PAIR_DELETE_TIMEOUT_SECONDS: "1" },
    exitCode: HandlerExitCode.FAILED,
    message:
      /DeleteKeyPairs for key pair "faulty-key" did not succeed within its 1\.0 s deadline: \d+ attempts over [\d.]+ m?s .*the last one failed with Throttling\.User/,
    maxDurationMs: 5000,
    keyAfter: "kept",
    // Full-jitter backoff from 200 ms: at least a second attempt fits in 1 s; far fewer than 40 can.
    calls: repeated(`${DELETE}:Throttling.User`, 2, 40),
    also: (result, calls) => {
      expect(result.stderr).toContain(`deadline: ${calls.length} attempts over `);
      expect(attemptLines(result.stderr, DELETE).at(-1)).toContain("outcome=failed code=Throttling.User");
    },
  },
  {
    fault: "throttled with a retry-after beyond the deadline: gives up at once instead of sleeping past it",
    arrange: ({ emulator }) => emulator.faults.throttle(DELETE, FOREVER, { retryAfterSeconds: 60 }),
    exitCode: HandlerExitCode.FAILED,
    message: /did not succeed within its [^:]* deadline: 1 attempts /,
    maxDurationMs: 2000,
    keyAfter: "kept",
    calls: exactly(`${DELETE}:Throttling.User`),
  },
  {
    fault: "503 ServiceUnavailable twice, then answered",
    arrange: ({ emulator }) => emulator.faults.serverError(DELETE, 2, 503),
    exitCode: HandlerExitCode.OK,
    message: DELETED,
    keyAfter: "gone",
    calls: exactly(`${DELETE}:ServiceUnavailable`, `${DELETE}:ServiceUnavailable`, `${DELETE}:OK`),
    attempts: [retrying("ServiceUnavailable", 1), retrying("ServiceUnavailable", 2), deletedAt(3)],
  },
  {
    fault: "500 InternalError once, then answered",
    arrange: ({ emulator }) => emulator.faults.serverError(DELETE, 1, 500),
    exitCode: HandlerExitCode.OK,
    message: DELETED,
    keyAfter: "gone",
    calls: exactly(`${DELETE}:InternalError`, `${DELETE}:OK`),
    attempts: [retrying("InternalError", 1), deletedAt(2)],
  },
  {
    fault: "connection reset once, then answered",
    arrange: ({ emulator }) => emulator.faults.resetConnection(DELETE, 1),
    exitCode: HandlerExitCode.OK,
    message: DELETED,
    keyAfter: "gone",
    calls: exactly(`${DELETE}:(reset)`, `${DELETE}:OK`),
    attempts: [retrying("ECONNRESET", 1), deletedAt(2)],
  },
  {
    fault: "answer lost after the delete took effect: the retry finds it already deleted",
    arrange: ({ emulator }) => emulator.faults.loseResponse(DELETE, 1),
    exitCode: HandlerExitCode.OK,
    message: ALREADY_DELETED,
    keyAfter: "gone",
    calls: exactly(`${DELETE}:OK(response-lost)`, `${DELETE}:PubKeyNameNotExist`),
  },
  {
    fault: "answer 300 ms late, below the timeout",
    arrange: ({ emulator }) => emulator.faults.latency(DELETE, 300),
    exitCode: HandlerExitCode.OK,
    message: DELETED,
    keyAfter: "gone",
    calls: exactly(`${DELETE}:OK`),
  },
  {
    fault: "answer slower than the 1 s deadline: the delete took effect, but the handler cannot know it",
    arrange: ({ emulator }) => emulator.faults.latency(DELETE, 2000),
    env: { ENS_KEY_PAIR_DELETE_TIMEOUT_SECONDS: "1" },
    exitCode: HandlerExitCode.FAILED,
    message:
      /did not succeed within its [^:]* deadline: 1 attempts .*no answer arrived within the read timeout/,
    keyAfter: "gone",
    calls: exactly(`${DELETE}:OK(response-lost)`),
  },
  {
    fault: "rate limited (0.5 requests/s, bucket empty): waits for the retry-after, then answered",
    arrange: ({ emulator }) => rateLimitFromEmpty(emulator, 0.5),
    env: { ENS_KEY_PAIR_DELETE_TIMEOUT_SECONDS: "3" },
    exitCode: HandlerExitCode.OK,
    message: DELETED,
    keyAfter: "gone",
    calls: rateLimited(DELETE),
  },
  {
    fault: "NoPermission",
    arrange: ({ emulator }) => emulator.faults.noPermission(DELETE),
    exitCode: HandlerExitCode.FAILED,
    message: /lacks the RAM permission ens:DeleteKeyPairs/,
    keyAfter: "kept",
    calls: exactly(`${DELETE}:NoPermission`),
  },
  {
    fault: "PubKeyAttachedWithInstance",
    arrange: ({ emulator }) => emulator.attachInstance(NAME, "i-still-using-the-key"),
    exitCode: HandlerExitCode.FAILED,
    message: /key pair "faulty-key" is still attached to one or more ENS instances.*Detach the key pair/,
    keyAfter: "kept",
    calls: exactly(`${DELETE}:PubKeyAttachedWithInstance`),
  },
  {
    fault: "wrong access key secret (SignatureDoesNotMatch), not retried",
    env: WRONG_SECRET,
    exitCode: HandlerExitCode.INVALID_INPUT,
    message: /SignatureDoesNotMatch.*the access key secret is wrong.*It was not retried/,
    keyAfter: "kept",
    calls: exactly(`${DELETE}:SignatureDoesNotMatch`),
  },
  {
    fault: "unknown access key ID (InvalidAccessKeyId.NotFound), not retried",
    env: UNKNOWN_ACCESS_KEY,
    exitCode: HandlerExitCode.INVALID_INPUT,
    message: /InvalidAccessKeyId\.NotFound.*the access key ID is unknown/,
    keyAfter: "kept",
    calls: exactly(`${DELETE}:InvalidAccessKeyId.NotFound`),
  },
  {
    fault: "wrong STS security token (InvalidSecurityToken), not retried",
    env: WRONG_STS_TOKEN,
    exitCode: HandlerExitCode.INVALID_INPUT,
    message: /InvalidSecurityToken\.\w+.*the STS security token is invalid or expired/,
    keyAfter: "kept",
    calls: exactly(`${DELETE}:InvalidSecurityToken.Mismatch`),
  },
  {
    fault:
      "gone, but answered InvalidParameter.KeyPairName (no page says which code a missing key gets): DescribeKeyPairs confirms it gone",
    arrange: ({ emulator }) => {
      emulator.deleteKeyPair(NAME);
      emulator.faults.apiError(DELETE, 1, { code: "InvalidParameter.KeyPairName" });
    },
    exitCode: HandlerExitCode.OK,
    message: new RegExp(
      `key pair "${NAME}" already deleted \\(DeleteKeyPairs answered InvalidParameter\\.KeyPairName, and DescribeKeyPairs shows it is gone\\)`,
    ),
    keyAfter: "gone",
    calls: exactly(`${DELETE}:InvalidParameter.KeyPairName`, "DescribeKeyPairs:OK"),
  },
  {
    fault: "CallInterface after the key is gone: DescribeKeyPairs confirms it gone",
    arrange: ({ emulator }) => {
      emulator.deleteKeyPair(NAME);
      emulator.faults.apiError(DELETE, 1, { code: "CallInterface", message: "Call Interface Happen Error" });
    },
    exitCode: HandlerExitCode.OK,
    message:
      /already deleted \(DeleteKeyPairs answered CallInterface, and DescribeKeyPairs shows it is gone\)/,
    keyAfter: "gone",
    calls: exactly(`${DELETE}:CallInterface`, "DescribeKeyPairs:OK"),
  },
  {
    fault:
      "ens.interface.error while the key exists: confirmed still there, fails with code, message and RequestId",
    arrange: ({ emulator }) =>
      emulator.faults.apiError(DELETE, 1, {
        code: "ens.interface.error",
        message: "Call Interface Happen Error",
      }),
    exitCode: HandlerExitCode.FAILED,
    message:
      /DeleteKeyPairs failed for key pair "faulty-key": ens\.interface\.error: Call Interface Happen Error \(HTTP 400, RequestId [-\w]+\)/,
    keyAfter: "kept",
    calls: exactly(`${DELETE}:ens.interface.error`, "DescribeKeyPairs:OK"),
  },
  {
    fault: "an error inside an HTTP 200 answer while the key exists: confirmed still there, fails naming it",
    arrange: ({ emulator }) =>
      emulator.faults.errorInOkAnswer(DELETE, 1, { code: "InvalidOperation.Denied" }),
    exitCode: HandlerExitCode.FAILED,
    message: /InvalidOperation\.Denied: .* \(HTTP 200, RequestId [-\w]+\)/,
    keyAfter: "kept",
    calls: exactly(`${DELETE}:InvalidOperation.Denied`, "DescribeKeyPairs:OK"),
  },
  {
    fault: "already deleted (PubKeyNameNotExist)",
    arrange: ({ emulator }) => emulator.deleteKeyPair(NAME),
    exitCode: HandlerExitCode.OK,
    message: ALREADY_DELETED,
    keyAfter: "gone",
    calls: exactly(`${DELETE}:PubKeyNameNotExist`),
  },
];

const CREATED = new RegExp(
  `key pair "${NAME}" created \\(KeyPairId ssh-\\w+, fingerprint [0-9a-f]{32}\\); private key written`,
);
const IMPORTED = new RegExp(`key pair "${NAME}" imported \\(fingerprint ${RSA_PUBLIC_KEY_MD5}\\)`);

const CREATE_CASES: readonly CreateCase[] = [
  {
    fault: "throttled twice, then answered",
    mode: "create",
    arrange: ({ emulator }) => emulator.faults.throttle(CREATE, 2),
    exitCode: HandlerExitCode.OK,
    message: CREATED,
    keyPairsAfter: "ours",
    calls: exactly(`${CREATE}:Throttling.User`, `${CREATE}:Throttling.User`, `${CREATE}:OK`),
  },
  ...THROTTLING_VARIANTS.map((code): CreateCase => ({
    fault: `throttled once with ${code}, then answered`,
    mode: "create",
    arrange: ({ emulator }) => emulator.faults.throttle(CREATE, 1, { code }),
    exitCode: HandlerExitCode.OK,
    message: CREATED,
    keyPairsAfter: "ours",
    calls: exactly(`${CREATE}:${code}`, `${CREATE}:OK`),
  })),
  {
    // Create's deadline is a fixed 300 s, so "throttled forever" is shown with a retry-after beyond it: the handler
    // gives up as soon as it knows the next attempt could not start in time.
    fault: "throttled forever with a retry-after beyond the 300 s create deadline: gives up at once",
    mode: "create",
    arrange: ({ emulator }) => emulator.faults.throttle(CREATE, FOREVER, { retryAfterSeconds: 301 }),
    exitCode: HandlerExitCode.FAILED,
    message: /CreateKeyPair for key pair "faulty-key" did not succeed within its [^:]* deadline: 1 attempts /,
    maxDurationMs: 2000,
    keyPairsAfter: "none",
    calls: exactly(`${CREATE}:Throttling.User`),
  },
  {
    fault: "503 ServiceUnavailable twice, then answered",
    mode: "create",
    arrange: ({ emulator }) => emulator.faults.serverError(CREATE, 2, 503),
    exitCode: HandlerExitCode.OK,
    message: CREATED,
    keyPairsAfter: "ours",
    calls: exactly(`${CREATE}:ServiceUnavailable`, `${CREATE}:ServiceUnavailable`, `${CREATE}:OK`),
  },
  {
    fault: "500 InternalError once, then answered",
    mode: "create",
    arrange: ({ emulator }) => emulator.faults.serverError(CREATE, 1, 500),
    exitCode: HandlerExitCode.OK,
    message: CREATED,
    keyPairsAfter: "ours",
    calls: exactly(`${CREATE}:InternalError`, `${CREATE}:OK`),
  },
  {
    fault: "connection reset once, then answered",
    mode: "create",
    arrange: ({ emulator }) => emulator.faults.resetConnection(CREATE, 1),
    exitCode: HandlerExitCode.OK,
    message: CREATED,
    keyPairsAfter: "ours",
    calls: exactly(`${CREATE}:(reset)`, `${CREATE}:OK`),
  },
  {
    fault: "answer (with the private key) lost: the orphan made by this run is deleted and created again",
    mode: "create",
    arrange: ({ emulator }) => emulator.faults.loseResponse(CREATE, 1),
    exitCode: HandlerExitCode.OK,
    message: CREATED,
    keyPairsAfter: "ours",
    calls: exactly(
      `${CREATE}:OK(response-lost)`,
      `${CREATE}:PubKeyNameExisted`,
      "DescribeKeyPairs:OK",
      `${DELETE}:OK`,
      `${CREATE}:OK`,
    ),
  },
  {
    fault: "answer 300 ms late, below the timeout",
    mode: "create",
    arrange: ({ emulator }) => emulator.faults.latency(CREATE, 300),
    exitCode: HandlerExitCode.OK,
    message: CREATED,
    keyPairsAfter: "ours",
    calls: exactly(`${CREATE}:OK`),
  },
  {
    fault: "rate limited (0.5 requests/s, bucket empty): waits for the retry-after, then answered",
    mode: "create",
    arrange: ({ emulator }) => rateLimitFromEmpty(emulator, 0.5),
    exitCode: HandlerExitCode.OK,
    message: CREATED,
    keyPairsAfter: "ours",
    calls: rateLimited(CREATE),
  },
  {
    fault: "NoPermission",
    mode: "create",
    arrange: ({ emulator }) => emulator.faults.noPermission(CREATE),
    exitCode: HandlerExitCode.FAILED,
    message: /lacks the RAM permission ens:CreateKeyPair/,
    keyPairsAfter: "none",
    calls: exactly(`${CREATE}:NoPermission`),
  },
  {
    fault: "wrong access key secret (SignatureDoesNotMatch), not retried",
    mode: "create",
    env: WRONG_SECRET,
    exitCode: HandlerExitCode.INVALID_INPUT,
    message: /SignatureDoesNotMatch.*the access key secret is wrong.*It was not retried/,
    keyPairsAfter: "none",
    calls: exactly(`${CREATE}:SignatureDoesNotMatch`),
  },
  {
    fault: "unknown access key ID (InvalidAccessKeyId.NotFound), not retried",
    mode: "create",
    env: UNKNOWN_ACCESS_KEY,
    exitCode: HandlerExitCode.INVALID_INPUT,
    message: /InvalidAccessKeyId\.NotFound.*the access key ID is unknown/,
    keyPairsAfter: "none",
    calls: exactly(`${CREATE}:InvalidAccessKeyId.NotFound`),
  },
  {
    fault: "wrong STS security token (InvalidSecurityToken), not retried",
    mode: "create",
    env: WRONG_STS_TOKEN,
    exitCode: HandlerExitCode.INVALID_INPUT,
    message: /InvalidSecurityToken\.\w+.*the STS security token is invalid or expired/,
    keyPairsAfter: "none",
    calls: exactly(`${CREATE}:InvalidSecurityToken.Mismatch`),
  },
  ...(["KeyPairId", "PrivateKeyBody"] as const).map((omit): CreateCase => ({
    fault: `answered HTTP 200 without ${omit}: the key it made is found by name, deleted by ID and created again`,
    mode: "create",
    arrange: ({ emulator }) => emulator.faults.incompleteCreate(1, { omit }),
    exitCode: HandlerExitCode.OK,
    message: CREATED,
    keyPairsAfter: "ours",
    calls: exactly(
      `${CREATE}:OK`,
      `${CREATE}:PubKeyNameExisted`,
      "DescribeKeyPairs:OK",
      `${DELETE}:OK`,
      `${CREATE}:OK`,
    ),
  })),
  {
    fault:
      "ens.interface.error inside an HTTP 200 answer: not retried, the name is looked up, nothing is left",
    mode: "create",
    arrange: ({ emulator }) => emulator.faults.errorInOkAnswer(CREATE, 1, { code: "ens.interface.error" }),
    exitCode: HandlerExitCode.FAILED,
    message: /CreateKeyPair failed for key pair "faulty-key": ens\.interface\.error: .*\(HTTP 200, RequestId/,
    keyPairsAfter: "none",
    calls: exactly(`${CREATE}:ens.interface.error`, "DescribeKeyPairs:OK"),
  },
  {
    fault: "name taken by a key this run did not create: left untouched",
    mode: "create",
    arrange: ({ emulator }) => emulator.addKeyPair({ keyPairName: NAME }),
    exitCode: HandlerExitCode.FAILED,
    message: /the name "faulty-key" is already taken by another key pair.*left untouched/,
    keyPairsAfter: "untouched",
    calls: exactly(`${CREATE}:PubKeyNameExisted`, "DescribeKeyPairs:OK"),
  },
  {
    fault: "private key file cannot be written: the new key is rolled back",
    mode: "create",
    // A regular file where the key's folder should be: creating the folder fails after CreateKeyPair succeeded.
    arrange: ({ privateKeyFile }) => fs.writeFileSync(path.dirname(privateKeyFile), "not a folder"),
    exitCode: HandlerExitCode.FAILED,
    message: /was created, but writing its private key to .* failed .*it was deleted again \(rolled back\)/,
    keyPairsAfter: "none",
    calls: exactly(`${CREATE}:OK`, `${DELETE}:OK`),
  },
  {
    fault: "503 ServiceUnavailable once, then answered",
    mode: "import",
    arrange: ({ emulator }) => emulator.faults.serverError(IMPORT, 1, 503),
    exitCode: HandlerExitCode.OK,
    message: IMPORTED,
    keyPairsAfter: "ours",
    calls: exactly(`${IMPORT}:ServiceUnavailable`, `${IMPORT}:OK`),
  },
  {
    fault: "answer lost after the import took effect: the retry recognises its own key",
    mode: "import",
    arrange: ({ emulator }) => emulator.faults.loseResponse(IMPORT, 1),
    exitCode: HandlerExitCode.OK,
    message: /already imported with the same public key/,
    keyPairsAfter: "ours",
    calls: exactly(`${IMPORT}:OK(response-lost)`, `${IMPORT}:PubKeyNameExisted`, "DescribeKeyPairs:OK"),
  },
  {
    fault: "NoPermission",
    mode: "import",
    arrange: ({ emulator }) => emulator.faults.noPermission(IMPORT),
    exitCode: HandlerExitCode.FAILED,
    message: /lacks the RAM permission ens:ImportKeyPair/,
    keyPairsAfter: "none",
    calls: exactly(`${IMPORT}:NoPermission`),
  },
  {
    fault: "name taken by a different public key: left untouched",
    mode: "import",
    arrange: ({ emulator }) => emulator.addKeyPair({ keyPairName: NAME }),
    exitCode: HandlerExitCode.FAILED,
    message:
      /the name "faulty-key" is already taken by another key pair in this account with a different public key/,
    keyPairsAfter: "untouched",
    calls: exactly(`${IMPORT}:PubKeyNameExisted`, "DescribeKeyPairs:OK"),
  },
];

/** One emulator per reading of KeyPairFingerPrint: the import rows run under both. */
let emulators: Record<FingerprintFormat, EnsEmulator>;
/** The emulator of the running test: the default reading's, unless its describe block picks another. */
let ens: EnsEmulator;
let scratch: string;
/** Where create mode writes the private key (inside `scratch`). */
let privateKeyFile: string;

beforeAll(async () => {
  const start = async (fingerprintFormat: FingerprintFormat) => {
    // The PubKeyAttachedWithInstance case needs the reading where ENS refuses to delete a key in use.
    const emulator = await EnsEmulator.start({
      rsaBits: 1024,
      readings: { attachedKeyDelete: "refuses", fingerprintFormat },
    });
    emulator.addCredential(STS_CREDENTIAL);
    return emulator;
  };
  emulators = { hex: await start("hex"), colon: await start("colon") };
});

afterAll(async () => {
  await Promise.all(Object.values(emulators).map((emulator) => emulator.stop()));
});

beforeEach(() => {
  ens = emulators[DEFAULT_READINGS.fingerprintFormat];
  ens.reset();
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), "ens-fault-matrix-"));
  privateKeyFile = path.join(scratch, "keys", `${NAME}.pem`);
});

afterEach(() => {
  fs.rmSync(scratch, { recursive: true, force: true });
});

/** Runs the handler against the emulator with its credentials, the key pair name and `env`. */
function runAgainstEmulator(
  command: string,
  env: Readonly<Record<string, string>>,
): Promise<HandlerProcessResult> {
  return runHandler(command, {
    ...ens.env(),
    ENS_KEY_PAIR_NAME: NAME,
    ENS_KEY_PAIR_DELETE_TIMEOUT_SECONDS: "2",
    ...env,
  });
}

/**
 * Waits until the emulator has logged a call for every attempt the handler logged. A call whose answer is delayed
 * past the handler's timeout is logged only when the delay ends, after the handler has exited.
 */
async function everyAttemptLogged(stderr: string): Promise<void> {
  const attempts = new Map<string, number>();
  for (const [, action] of stderr.matchAll(/^ens-key-pair: (\w+) key_pair_name=/gm)) {
    attempts.set(action, (attempts.get(action) ?? 0) + 1);
  }
  await Promise.all([...attempts].map(([action, count]) => ens.waitForCalls(count, action)));
}

/** The output never carries a secret or a private key. */
function expectNothingSecret(result: HandlerProcessResult): void {
  const output = result.stdout + result.stderr;
  for (const secret of [
    ens.credentials.accessKeySecret,
    STS_CREDENTIAL.accessKeySecret,
    WRONG_SECRET.ALIBABA_CLOUD_ACCESS_KEY_SECRET,
  ]) {
    expect(output).not.toContain(secret);
  }
  expect(output).not.toMatch(/PRIVATE KEY/);
}

/** The fields that identify a key pair: any change means it was replaced. */
function identities(keyPairs: readonly EmulatedKeyPair[]): string[] {
  return keyPairs.map((k) => `${k.keyPairName} ${k.keyPairId} ${k.fingerprint}`);
}

describe("delete", () => {
  // The outcome table of DeleteKeyPairs itself, as a stack deployed by release 0.1 runs it (one call, no ownership
  // check); the check that precedes it for a stack with a claim is in test/handler/delete-guard-process.test.ts.
  const baseEnv = { ENS_KEY_PAIR_MODE: "create" };

  test.each(DELETE_CASES)("$fault", async (row) => {
    ens.addKeyPair({ keyPairName: NAME });
    await row.arrange?.({ emulator: ens, privateKeyFile });

    const result = await runAgainstEmulator("delete", { ...baseEnv, ...row.env });
    await everyAttemptLogged(result.stderr);

    expect(result.exitCode).toBe(row.exitCode);
    expect(result.stderr).toMatch(row.message);
    expect(ens.keyPairs().map((k) => k.keyPairName)).toEqual(row.keyAfter === "kept" ? [NAME] : []);
    row.calls(ens.calls());
    if (row.maxDurationMs !== undefined) expect(result.durationMs).toBeLessThan(row.maxDurationMs);
    if (row.attempts !== undefined) {
      const lines = attemptLines(result.stderr, DELETE);
      expect(lines).toHaveLength(row.attempts.length);
      row.attempts.forEach((pattern, i) => expect(lines[i]).toMatch(pattern));
    }
    row.also?.(result, ens.calls());
    expectNothingSecret(result);

    // The invariant.
    const keyExists = ens.keyPair(NAME) !== undefined;
    if (result.exitCode === HandlerExitCode.OK) {
      expect(keyExists).toBe(false);
      return;
    }
    expect(result.stderr).toContain(NEXT_DESTROY_RETRIES);
    if (!keyExists) {
      // Only a delete whose answer never reached the handler may have taken effect behind a failure.
      const lastDelete = ens
        .calls()
        .filter((c) => c.action === DELETE)
        .at(-1);
      expect(lastDelete && describeCall(lastDelete)).toBe(`${DELETE}:OK(response-lost)`);
    }
    ens.faults.clear();
    if (keyExists) ens.detachInstances(NAME);
    const nextRun = await runAgainstEmulator("delete", baseEnv);
    expect(nextRun.exitCode).toBe(HandlerExitCode.OK);
    expect(nextRun.stderr).toMatch(keyExists ? DELETED : ALREADY_DELETED);
    expect(ens.keyPairs()).toEqual([]);
  });
});

describe("create", () => {
  /** The create step of a first apply (the run made the claim) in either mode. */
  function modeEnv(mode: CreateCase["mode"]): Record<string, string> {
    const claim = claimedByThisRun();
    return mode === "create"
      ? { ...claim, ENS_KEY_PAIR_MODE: "create", ENS_KEY_PAIR_PRIVATE_KEY_FILE: privateKeyFile }
      : {
          ...claim,
          ENS_KEY_PAIR_MODE: "import",
          ENS_KEY_PAIR_PUBLIC_KEY: RSA_PUBLIC_KEY,
          ENS_KEY_PAIR_FINGERPRINT: RSA_PUBLIC_KEY_MD5,
        };
  }

  async function runCreateCase(row: CreateCase): Promise<void> {
    await row.arrange?.({ emulator: ens, privateKeyFile });
    const before = identities(ens.keyPairs());

    const result = await runAgainstEmulator("create", { ...modeEnv(row.mode), ...row.env });
    await everyAttemptLogged(result.stderr);

    expect(result.exitCode).toBe(row.exitCode);
    expect(result.stderr).toMatch(row.message);
    const after = identities(ens.keyPairs());
    if (row.keyPairsAfter === "untouched") expect(after).toEqual(before);
    else expect(ens.keyPairs().map((k) => k.keyPairName)).toEqual(row.keyPairsAfter === "ours" ? [NAME] : []);
    row.calls(ens.calls());
    if (row.maxDurationMs !== undefined) expect(result.durationMs).toBeLessThan(row.maxDurationMs);
    expectNothingSecret(result);

    // The invariant.
    if (result.exitCode !== HandlerExitCode.OK) {
      expect(after).toEqual(before);
      expect(fs.existsSync(privateKeyFile)).toBe(false);
      return;
    }
    const key = ens.keyPair(NAME);
    expect(key).toBeDefined();
    if (row.mode === "import") {
      expect(key?.fingerprint).toBe(RSA_PUBLIC_KEY_MD5);
      return;
    }
    expect(fs.statSync(privateKeyFile).mode & 0o777).toBe(0o600);
    expect(privateKeyFileFingerprint(privateKeyFile)).toBe(key?.fingerprint);
  }

  test.each(CREATE_CASES.filter((row) => row.mode === "create"))("create mode: $fault", runCreateCase);

  // Import mode compares fingerprints (the recorded one with DescribeKeyPairs'): under both readings of the wire.
  describe.each(FINGERPRINT_FORMATS)("readings.fingerprintFormat %s", (fingerprintFormat) => {
    beforeEach(() => {
      ens = emulators[fingerprintFormat];
      ens.reset();
    });

    test.each(CREATE_CASES.filter((row) => row.mode === "import"))("import mode: $fault", runCreateCase);
  });

  test("the one failure that leaves a key: the rollback itself is refused, and the message says so loudly", async () => {
    fs.writeFileSync(path.dirname(privateKeyFile), "not a folder");
    ens.faults.noPermission(DELETE);

    const result = await runAgainstEmulator("create", modeEnv("create"));

    expect(result.exitCode).toBe(HandlerExitCode.FAILED);
    expect(result.stderr).toMatch(
      /KEY PAIR LEAKED: key pair "faulty-key" \(KeyPairId ssh-\w+\) was created.*NoPermission.*delete it yourself \(`ens-key-pair delete --name faulty-key`/,
    );
    expect(ens.keyPairs().map((k) => k.keyPairName)).toEqual([NAME]);
    expect(callLog(ens)).toEqual([`${CREATE}:OK`, `${DELETE}:NoPermission`]);
    expectNothingSecret(result);
  });
});
