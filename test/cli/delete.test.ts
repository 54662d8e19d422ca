/**
 * `ens-key-pair delete` as a real process against the emulator: by name and by ID with the handler's outcome rules,
 * --dry-run (a lookup, never a delete), refused input before any call, failures and the timeout.
 */
import { EnsEmulator } from "../../lib/testing";
import { actionsCalled, errorLine, runCliAgainst } from "./cli-process";
import { useEmulator } from "../support/emulator";

const NAME = "web-1";

let ens: EnsEmulator;

useEmulator((started) => (ens = started));

describe("delete --name", () => {
  test("deletes with one DeleteKeyPairs call", async () => {
    ens.addKeyPair({ keyPairName: NAME });

    const result = await runCliAgainst(ens, ["delete", "--name", NAME]);

    expect(result.exitCode).toBe(0);
    expect(actionsCalled(ens)).toEqual(["DeleteKeyPairs"]);
    expect(ens.calls()[0].params).toEqual({ KeyPairName: NAME });
    expect(ens.keyPair(NAME)).toBeUndefined();
    expect(result.stderr).toContain(`ens-key-pair: key pair "${NAME}" deleted`);
    expect(result.stdout).toBe("");
  });

  test("a key pair that is already gone counts as done (exit 0)", async () => {
    const result = await runCliAgainst(ens, ["delete", "--name", NAME]);

    expect(result.exitCode).toBe(0);
    expect(result.stderr).toContain(`key pair "${NAME}" already deleted (PubKeyNameNotExist)`);
  });

  test("an invalid name: exit 2 with zero calls", async () => {
    const result = await runCliAgainst(ens, ["delete", "--name", "9lives"]);

    expect(result.exitCode).toBe(2);
    expect(errorLine(result.stderr)).toContain('Invalid key pair name "9lives": it must start with a letter');
    expect(ens.calls()).toEqual([]);
  });

  test("NoPermission: exit 1, the message names ens:DeleteKeyPairs, the key pair stays", async () => {
    ens.addKeyPair({ keyPairName: NAME });
    ens.faults.noPermission("DeleteKeyPairs");

    const result = await runCliAgainst(ens, ["delete", "--name", NAME]);

    expect(result.exitCode).toBe(1);
    expect(errorLine(result.stderr)).toContain("the caller lacks the RAM permission ens:DeleteKeyPairs");
    expect(errorLine(result.stderr)).toMatch(/Nothing was deleted\.$/);
    expect(ens.keyPair(NAME)).toBeDefined();
  });

  test("--timeout bounds the retries: throttled forever, exit 1 after about that long", async () => {
    ens.addKeyPair({ keyPairName: NAME });
    ens.faults.throttle("DeleteKeyPairs", 1_000_000);

    const result = await runCliAgainst(ens, ["delete", "--name", NAME, "--timeout", "1"]);

    expect(result.exitCode).toBe(1);
    expect(result.durationMs).toBeLessThan(5000);
    expect(ens.calls().length).toBeGreaterThan(1);
    expect(errorLine(result.stderr)).toContain("did not succeed within its 1.0 s deadline");
    expect(ens.keyPair(NAME)).toBeDefined();
  });
});

describe("delete --id", () => {
  test("deletes with one DeleteKeyPairs call carrying only the ID", async () => {
    const key = ens.addKeyPair({ keyPairName: NAME });

    const result = await runCliAgainst(ens, ["delete", "--id", key.keyPairId]);

    expect(result.exitCode).toBe(0);
    expect(ens.calls()[0].params).toEqual({ KeyPairId: key.keyPairId });
    expect(ens.keyPair(NAME)).toBeUndefined();
    expect(result.stderr).toContain(`the key pair with KeyPairId ${key.keyPairId} deleted`);
  });

  test("an ID that is gone counts as done, and a key pair that reused the name is untouched", async () => {
    const gone = ens.addKeyPair({ keyPairName: NAME });
    ens.deleteKeyPair(gone.keyPairId);
    const other = ens.addKeyPair({ keyPairName: NAME });

    const result = await runCliAgainst(ens, ["delete", "--id", gone.keyPairId]);

    expect(result.exitCode).toBe(0);
    expect(result.stderr).toContain("already deleted (PubKeyNameNotExist)");
    expect(ens.keyPair(NAME)?.keyPairId).toBe(other.keyPairId);
  });
});

describe("an ENS that answers another code for a missing key pair (readings.missingKeyOnDelete)", () => {
  let other: EnsEmulator;
  useEmulator((started) => (other = started), {
    rsaBits: 1024,
    readings: { missingKeyOnDelete: { code: "InvalidParameter.KeyPairName" } },
  });

  test("--name: DescribeKeyPairs confirms the key pair is gone, exit 0 naming the code", async () => {
    const result = await runCliAgainst(other, ["delete", "--name", NAME]);

    expect(result.exitCode).toBe(0);
    expect(actionsCalled(other)).toEqual(["DeleteKeyPairs", "DescribeKeyPairs"]);
    expect(result.stderr).toContain(
      `key pair "${NAME}" already deleted (DeleteKeyPairs answered InvalidParameter.KeyPairName, and DescribeKeyPairs shows it is gone)`,
    );
  });

  test("--id: the ID is looked up, and a key pair that reused the name is untouched", async () => {
    const gone = other.addKeyPair({ keyPairName: NAME });
    other.deleteKeyPair(gone.keyPairId);
    const reused = other.addKeyPair({ keyPairName: NAME });

    const result = await runCliAgainst(other, ["delete", "--id", gone.keyPairId]);

    expect(result.exitCode).toBe(0);
    expect(other.calls().map((call) => call.params.KeyPairId)).toEqual([gone.keyPairId, gone.keyPairId]);
    expect(result.stderr).toContain(`the key pair with KeyPairId ${gone.keyPairId} already deleted`);
    expect(other.keyPairs()).toEqual([reused]);
  });
});

describe("delete --dry-run", () => {
  test("--name: shows the key pair that would be deleted, with zero DeleteKeyPairs calls", async () => {
    const key = ens.addKeyPair({ keyPairName: NAME });

    const result = await runCliAgainst(ens, ["delete", "--name", NAME, "--dry-run"]);

    expect(result.exitCode).toBe(0);
    expect(actionsCalled(ens)).toEqual(["DescribeKeyPairs"]);
    expect(result.stdout).toContain(key.keyPairId);
    expect(result.stderr).toContain(
      `dry run: would delete key pair "${NAME}" (KeyPairId ${key.keyPairId}); nothing was deleted`,
    );
    expect(ens.keyPair(NAME)).toBeDefined();
  });

  test("--id: looks the ID up (DescribeKeyPairs with KeyPairId), deletes nothing", async () => {
    const key = ens.addKeyPair({ keyPairName: NAME });

    const result = await runCliAgainst(ens, ["delete", "--id", key.keyPairId, "--dry-run"]);

    expect(result.exitCode).toBe(0);
    expect(actionsCalled(ens)).toEqual(["DescribeKeyPairs"]);
    expect(ens.calls()[0].params).toMatchObject({ KeyPairId: key.keyPairId });
    expect(result.stderr).toContain(`would delete key pair "${NAME}"`);
    expect(ens.keyPair(NAME)).toBeDefined();
  });

  test("a key pair that does not exist: exit 0, says delete would find it already deleted", async () => {
    const result = await runCliAgainst(ens, ["delete", "--name", NAME, "--dry-run"]);

    expect(result.exitCode).toBe(0);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain(`dry run: key pair "${NAME}" does not exist`);
    expect(actionsCalled(ens)).toEqual(["DescribeKeyPairs"]);
  });
});
