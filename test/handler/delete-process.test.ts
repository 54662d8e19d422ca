/**
 * `handler.js delete` as a real process against the emulator over HTTP: the plain outcomes, an unreachable endpoint,
 * removal policy, and refusals confirmed with DescribeKeyPairs. Each injected fault (throttling, server errors,
 * resets, lost answers, retry-after, deadline, NoPermission, a key in use) is a row of
 * test/reliability/fault-matrix.test.ts, which checks its calls, attempt lines, message and the next run.
 */
import { EnsEmulator } from "../../lib/testing";
import { HandlerExitCode } from "../../lib/shared/handler-contract";
import { attemptLines, errorLine } from "../support/handler-process";
import { actionsCalled, runAgainst } from "./handler-harness";
import { useEmulator } from "../support/emulator";

const NAME = "delete-me";

let ens: EnsEmulator;

// The key-in-use test needs the reading where ENS refuses such a delete; no other test here attaches an instance.
useEmulator((started) => (ens = started), { rsaBits: 1024, readings: { attachedKeyDelete: "refuses" } });

beforeEach(() => {
  ens.addKeyPair({ keyPairName: NAME });
});

function deleteKeyPair(env: Record<string, string> = {}) {
  return runAgainst(ens, "delete", { ENS_KEY_PAIR_NAME: NAME, ...env });
}

describe("delete", () => {
  test("deletes with exactly one API call and logs one attempt line", async () => {
    const result = await deleteKeyPair();

    expect(result.exitCode).toBe(HandlerExitCode.OK);
    expect(ens.keyPair(NAME)).toBeUndefined();
    expect(actionsCalled(ens)).toEqual(["DeleteKeyPairs"]);
    expect(ens.calls()[0].params).toEqual({ KeyPairName: NAME });
    const [line] = attemptLines(result.stderr, "DeleteKeyPairs");
    expect(line).toBe(
      `ens-key-pair: DeleteKeyPairs key_pair_name="${NAME}" attempt=1 outcome=deleted request_id=${ens.calls()[0].requestId}`,
    );
    expect(result.stderr).toContain(`ens-key-pair: key pair "${NAME}" deleted`);
  });

  test("a key pair that is already gone counts as deleted (PubKeyNameNotExist → exit 0)", async () => {
    ens.deleteKeyPair(NAME);

    const result = await deleteKeyPair();

    expect(result.exitCode).toBe(HandlerExitCode.OK);
    expect(attemptLines(result.stderr, "DeleteKeyPairs")[0]).toContain(
      "outcome=already-deleted code=PubKeyNameNotExist",
    );
    expect(result.stderr).toContain(`key pair "${NAME}" already deleted (PubKeyNameNotExist)`);
    expect(actionsCalled(ens)).toEqual(["DeleteKeyPairs"]);
  });

  test("an unreachable endpoint is retried until the deadline, then reported as a connection failure", async () => {
    const closedPort = await freePort();

    const result = await deleteKeyPair({
      ENS_KEY_PAIR_ENDPOINT: `http://127.0.0.1:${closedPort}`,
      // Long enough that the first retry always fits (its delay is at most 500 ms, plus MIN_ATTEMPT_MS).
      ENS_KEY_PAIR_DELETE_TIMEOUT_SECONDS: "2",
    });

    expect(result.exitCode).toBe(HandlerExitCode.FAILED);
    expect(attemptLines(result.stderr, "DeleteKeyPairs")[0]).toContain("outcome=retrying code=ECONNREFUSED");
    expect(errorLine(result.stderr)).toContain("the endpoint refused the connection");
    expect(ens.calls()).toEqual([]);
  });

  test("removalPolicy retain exits 0 with no API call and no credentials", async () => {
    const result = await runAgainst(ens, "delete", {
      ENS_KEY_PAIR_NAME: NAME,
      ENS_KEY_PAIR_REMOVAL_POLICY: "retain",
      ALIBABA_CLOUD_ACCESS_KEY_ID: "",
      ALIBABA_CLOUD_ACCESS_KEY_SECRET: "",
    });

    expect(result.exitCode).toBe(HandlerExitCode.OK);
    expect(result.stderr).toContain(
      `key pair "${NAME}" retained (removalPolicy retain): left in Alibaba Cloud`,
    );
    expect(ens.calls()).toEqual([]);
    expect(ens.keyPair(NAME)).toBeDefined();
  });
});

describe("a refusal whose code does not say whether the key pair exists is confirmed with DescribeKeyPairs", () => {
  /** Codes ENS might answer for a missing key pair (none is documented), and ENS's generic errors. */
  const UNEXPLAINED: readonly [string, number][] = [
    ["InvalidParameter.KeyPairName", 400],
    ["MissingParameter", 400],
    ["InvalidKeyPairId.NotFound", 404],
    ["ens.interface.error", 400],
    ["CallInterface", 400],
    ["SomethingUndocumented", 400],
  ];

  test.each(UNEXPLAINED)(
    "%s (HTTP %d) for a key pair that is gone: DescribeKeyPairs shows it gone, exit 0, logged with the code",
    async (code, statusCode) => {
      ens.deleteKeyPair(NAME);
      ens.faults.apiError("DeleteKeyPairs", 1, { code, statusCode });

      const result = await deleteKeyPair();

      expect(result.exitCode).toBe(HandlerExitCode.OK);
      expect(ens.calls().map((c) => `${c.action}:${c.code ?? "OK"}`)).toEqual([
        `DeleteKeyPairs:${code}`,
        "DescribeKeyPairs:OK",
      ]);
      expect(ens.calls()[1].params).toMatchObject({ KeyPairName: NAME });
      expect(attemptLines(result.stderr, "DeleteKeyPairs")).toEqual([
        expect.stringContaining(
          `attempt=1 outcome=failed code=${code} request_id=${ens.calls()[0].requestId}`,
        ),
      ]);
      expect(attemptLines(result.stderr, "DescribeKeyPairs")[0]).toContain("outcome=not-found");
      expect(result.stderr).toContain(
        `key pair "${NAME}" is gone, as DescribeKeyPairs shows, although DeleteKeyPairs answered ${code}: ${code}: ` +
          `an error injected by faults.apiError. (HTTP ${statusCode}, RequestId ${ens.calls()[0].requestId}): ` +
          "counted as already deleted.",
      );
      expect(result.stderr).toContain(
        `key pair "${NAME}" already deleted (DeleteKeyPairs answered ${code}, and DescribeKeyPairs shows it is gone)`,
      );
      expect(errorLine(result.stderr)).toBeUndefined();
    },
  );

  test.each(UNEXPLAINED)(
    "%s (HTTP %d) for a key pair that still exists: fails as before, the key pair is kept",
    async (code, statusCode) => {
      ens.faults.apiError("DeleteKeyPairs", 1, { code, statusCode });

      const result = await deleteKeyPair();

      expect(result.exitCode).toBe(HandlerExitCode.FAILED);
      expect(actionsCalled(ens)).toEqual(["DeleteKeyPairs", "DescribeKeyPairs"]);
      expect(attemptLines(result.stderr, "DescribeKeyPairs")[0]).toContain("outcome=found");
      expect(result.stderr).toContain(
        `key pair "${NAME}" still exists (KeyPairId ${ens.keyPair(NAME)?.keyPairId}), as DescribeKeyPairs shows, ` +
          `so the answer ${code} to DeleteKeyPairs counts as a failure.`,
      );
      const message = errorLine(result.stderr);
      expect(message).toContain(code);
      expect(message).toContain(`RequestId ${ens.calls()[0].requestId}`);
      if (code === "InvalidParameter.KeyPairName")
        expect(message).toContain("rejected parameter KeyPairName");
      expect(message).toMatch(/Terraform keeps the key pair in state, and the next destroy retries\.$/);
      expect(ens.keyPair(NAME)).toBeDefined();
    },
  );

  test("an error inside an HTTP 200 answer, key pair still there: confirmed, fails naming the code", async () => {
    ens.faults.errorInOkAnswer("DeleteKeyPairs", 1, {
      code: "OperationDenied",
      message: "denied inside a 200",
    });

    const result = await deleteKeyPair();

    expect(result.exitCode).toBe(HandlerExitCode.FAILED);
    expect(actionsCalled(ens)).toEqual(["DeleteKeyPairs", "DescribeKeyPairs"]);
    expect(errorLine(result.stderr)).toContain("OperationDenied: denied inside a 200 (HTTP 200, RequestId");
    expect(ens.keyPair(NAME)).toBeDefined();
  });

  test("by KeyPairId: the confirmation looks the ID up, never the name", async () => {
    const gone = ens.keyPair(NAME);
    ens.deleteKeyPair(NAME);
    // Another key pair took the name: only the ID can tell that ours is gone.
    ens.addKeyPair({ keyPairName: NAME });
    ens.faults.apiError("DeleteKeyPairs", 1, { code: "InvalidParameter.KeyPairId" });

    const result = await deleteKeyPair({ ENS_KEY_PAIR_ID: gone?.keyPairId ?? "" });

    expect(result.exitCode).toBe(HandlerExitCode.OK);
    expect(ens.calls().map((c) => [c.action, c.params])).toEqual([
      ["DeleteKeyPairs", { KeyPairId: gone?.keyPairId }],
      ["DescribeKeyPairs", { KeyPairId: gone?.keyPairId, PageNumber: "1", PageSize: "50" }],
    ]);
    expect(result.stderr).toContain(
      `already deleted (DeleteKeyPairs answered InvalidParameter.KeyPairId for KeyPairId ${gone?.keyPairId}, and ` +
        "DescribeKeyPairs shows it is gone)",
    );
    expect(ens.keyPair(NAME)).toBeDefined();
  });

  test("when the confirming lookup fails too, the refusal stands and a warning says why", async () => {
    ens.deleteKeyPair(NAME);
    ens.faults.apiError("DeleteKeyPairs", 1, { code: "InvalidParameter.KeyPairName" });
    ens.faults.noPermission("DescribeKeyPairs");

    const result = await deleteKeyPair();

    expect(result.exitCode).toBe(HandlerExitCode.FAILED);
    expect(actionsCalled(ens)).toEqual(["DeleteKeyPairs", "DescribeKeyPairs"]);
    expect(result.stderr).toMatch(
      /warning: could not tell whether key pair "delete-me" is gone after DeleteKeyPairs answered InvalidParameter\.KeyPairName: .*: DescribeKeyPairs failed too \(NoPermission/,
    );
    expect(errorLine(result.stderr)).toContain("rejected parameter KeyPairName");
  });

  test.each([
    ["NoPermission", () => ens.faults.noPermission("DeleteKeyPairs")],
    ["PubKeyAttachedWithInstance", () => ens.attachInstance(NAME)],
    ["SignatureDoesNotMatch", () => undefined],
  ])("%s explains itself: no DescribeKeyPairs after it", async (code, inject) => {
    inject();

    const result = await deleteKeyPair(
      code === "SignatureDoesNotMatch"
        ? { ALIBABA_CLOUD_ACCESS_KEY_SECRET: "not-the-secret-of-this-key" }
        : {},
    );

    expect(result.exitCode).not.toBe(HandlerExitCode.OK);
    expect(ens.calls().map((c) => `${c.action}:${c.code}`)).toEqual([`DeleteKeyPairs:${code}`]);
  });
});

/** A loopback port with nothing listening on it. */
async function freePort(): Promise<number> {
  const net = await import("node:net");
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
