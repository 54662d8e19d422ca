/**
 * `ens-key-pair describe` and `list` as real processes against the emulator: tables and JSON on stdout, paging,
 * the prefix filter, exit 3 for a missing key pair, and the handler's endpoint, credential and retry rules.
 */
import { EnsEmulator } from "../../lib/testing";
import { RSA_PUBLIC_KEY } from "../fixtures/keys";
import { actionsCalled, errorLine, runCliAgainst } from "./cli-process";
import { useEmulator } from "../support/emulator";
import { onTheWire } from "../support/fingerprints";

let ens: EnsEmulator;

useEmulator((started) => (ens = started));

/** The table's rows (header first), split into cells. */
function tableRows(stdout: string): string[][] {
  return stdout
    .trimEnd()
    .split("\n")
    .map((line) => line.split(/ {2,}/));
}

describe("describe", () => {
  test("prints an aligned table of the key pair with one DescribeKeyPairs call", async () => {
    const key = ens.addKeyPair({ keyPairName: "web-1" });
    ens.addKeyPair({ keyPairName: "web-10" });

    const result = await runCliAgainst(ens, ["describe", "--name", "web-1"]);

    expect(result.exitCode).toBe(0);
    expect(tableRows(result.stdout)).toEqual([
      ["NAME", "KEY PAIR ID", "FINGERPRINT", "CREATED"],
      ["web-1", key.keyPairId, onTheWire(key.fingerprint), key.creationTime],
    ]);
    const [header, row] = result.stdout.split("\n");
    expect(header.indexOf("KEY PAIR ID")).toBe(row.indexOf(key.keyPairId));
    expect(actionsCalled(ens)).toEqual(["DescribeKeyPairs"]);
    expect(ens.calls()[0].params).toMatchObject({ KeyPairName: "web-1" });
    expect(result.stderr).toContain('DescribeKeyPairs key_pair_name="web-1" attempt=1 outcome=found');
  });

  test("--json prints one machine-readable object", async () => {
    const key = ens.addKeyPair({ keyPairName: "web-1" });

    const result = await runCliAgainst(ens, ["describe", "--name", "web-1", "--json"]);

    expect(result.exitCode).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      keyPairName: "web-1",
      keyPairId: key.keyPairId,
      fingerprint: onTheWire(key.fingerprint),
      creationTime: key.creationTime,
    });
  });

  test("a key pair that does not exist: exit 3, nothing on stdout", async () => {
    ens.addKeyPair({ keyPairName: "web-10" });

    const result = await runCliAgainst(ens, ["describe", "--name", "web-1", "--json"]);

    expect(result.exitCode).toBe(3);
    expect(result.stdout).toBe("");
    expect(errorLine(result.stderr)).toBe('ens-key-pair: error: no key pair named "web-1" exists.');
  });

  test("an invalid name: exit 2 with the name rule's message and zero calls", async () => {
    const result = await runCliAgainst(ens, ["describe", "--name", "https://x"]);

    expect(result.exitCode).toBe(2);
    expect(errorLine(result.stderr)).toContain('must not start with "http://" or "https://"');
    expect(ens.calls()).toEqual([]);
  });
});

describe("list", () => {
  test("lists every key pair as a table, and says how many", async () => {
    const keys = ["web-1", "web-2", "db-main"].map((name) => ens.addKeyPair({ keyPairName: name }));

    const result = await runCliAgainst(ens, ["list"]);

    expect(result.exitCode).toBe(0);
    expect(tableRows(result.stdout)).toEqual([
      ["NAME", "KEY PAIR ID", "FINGERPRINT", "CREATED"],
      ...keys.map((k) => [k.keyPairName, k.keyPairId, onTheWire(k.fingerprint), k.creationTime]),
    ]);
    expect(result.stderr).toContain("ens-key-pair: 3 of 3 key pairs listed");
  });

  test("--prefix keeps only names starting with it; --json prints an array", async () => {
    for (const name of ["web-1", "web-2", "db-main", "webby"]) ens.addKeyPair({ keyPairName: name });

    const result = await runCliAgainst(ens, ["list", "--prefix", "web-", "--json"]);

    expect(result.exitCode).toBe(0);
    expect(JSON.parse(result.stdout).map((k: { keyPairName: string }) => k.keyPairName)).toEqual([
      "web-1",
      "web-2",
    ]);
    expect(result.stderr).toContain('2 of 4 key pairs listed whose name starts with "web-"');
    expect(ens.calls()[0].params.KeyPairName).toBeUndefined();
  });

  test("pages through more than 50 key pairs, 50 per DescribeKeyPairs call, until TotalCount", async () => {
    const names = Array.from({ length: 120 }, (_, i) => `bulk-${String(i).padStart(3, "0")}`);
    for (const name of names) ens.addKeyPair({ keyPairName: name, publicKey: RSA_PUBLIC_KEY });

    const result = await runCliAgainst(ens, ["list", "--json"]);

    expect(result.exitCode).toBe(0);
    expect(JSON.parse(result.stdout).map((k: { keyPairName: string }) => k.keyPairName)).toEqual(names);
    expect(ens.calls().map((call) => [call.action, call.params.PageNumber, call.params.PageSize])).toEqual([
      ["DescribeKeyPairs", "1", "50"],
      ["DescribeKeyPairs", "2", "50"],
      ["DescribeKeyPairs", "3", "50"],
    ]);
  });

  describe("against an ENS that sends at most 10 key pairs a page (readings.maxPageSize: 10)", () => {
    let capped: EnsEmulator;
    useEmulator((started) => (capped = started), { rsaBits: 1024, readings: { maxPageSize: 10 } });

    test("follows TotalCount past the short pages: all 25 listed, in three calls", async () => {
      const names = Array.from({ length: 25 }, (_, i) => `capped-${String(i).padStart(2, "0")}`);
      for (const name of names) capped.addKeyPair({ keyPairName: name, publicKey: RSA_PUBLIC_KEY });

      const result = await runCliAgainst(capped, ["list", "--json"]);

      expect(result.exitCode).toBe(0);
      expect(JSON.parse(result.stdout).map((k: { keyPairName: string }) => k.keyPairName)).toEqual(names);
      expect(capped.calls().map((call) => [call.params.PageNumber, call.params.PageSize])).toEqual([
        ["1", "50"],
        ["2", "50"],
        ["3", "50"],
      ]);
      expect(result.stderr).toContain("ens-key-pair: 25 of 25 key pairs listed");
    });
  });

  test("no key pairs: a table with only its header", async () => {
    const result = await runCliAgainst(ens, ["list"]);

    expect(result.exitCode).toBe(0);
    expect(tableRows(result.stdout)).toEqual([["NAME", "KEY PAIR ID", "FINGERPRINT", "CREATED"]]);
  });

  test("throttling is retried like the handler does: calls = throttles + 1", async () => {
    ens.addKeyPair({ keyPairName: "web-1" });
    ens.faults.throttle("DescribeKeyPairs", 2);

    const result = await runCliAgainst(ens, ["list", "--json"]);

    expect(result.exitCode).toBe(0);
    expect(actionsCalled(ens)).toEqual(["DescribeKeyPairs", "DescribeKeyPairs", "DescribeKeyPairs"]);
    expect(result.stderr).toMatch(
      /DescribeKeyPairs key_pair_name="" attempt=1 outcome=retrying code=Throttling\.User/,
    );
    expect(JSON.parse(result.stdout)).toHaveLength(1);
  });
});

describe("endpoint and credentials, as the handler resolves them", () => {
  test("--endpoint wins over ALIBABA_CLOUD_ENDPOINT_ENS", async () => {
    ens.addKeyPair({ keyPairName: "web-1" });

    const result = await runCliAgainst(ens, ["describe", "--name", "web-1", "--endpoint", ens.endpoint], {
      ALIBABA_CLOUD_ENDPOINT_ENS: "http://127.0.0.1:9",
    });

    expect(result.exitCode).toBe(0);
    expect(result.stderr).toContain(`calling ${ens.endpoint} (set by --endpoint)`);
  });

  test("plain http to a non-loopback host: exit 2, zero calls", async () => {
    const result = await runCliAgainst(ens, ["list", "--endpoint", "http://ens.example.com"]);

    expect(result.exitCode).toBe(2);
    expect(errorLine(result.stderr)).toContain("--endpoint");
    expect(ens.calls()).toEqual([]);
  });

  test("no credentials: exit 2 listing the sources tried, zero calls", async () => {
    const result = await runCliAgainst(ens, ["list"], {
      ALIBABA_CLOUD_ACCESS_KEY_ID: "",
      ALIBABA_CLOUD_ACCESS_KEY_SECRET: "",
    });

    expect(result.exitCode).toBe(2);
    expect(errorLine(result.stderr)).toContain("access key from env");
    expect(ens.calls()).toEqual([]);
  });

  test("a wrong secret is a credential problem: exit 2 after exactly one call", async () => {
    const result = await runCliAgainst(ens, ["list"], { ALIBABA_CLOUD_ACCESS_KEY_SECRET: "not-the-secret" });

    expect(result.exitCode).toBe(2);
    expect(errorLine(result.stderr)).toContain("SignatureDoesNotMatch");
    expect(result.stdout + result.stderr).not.toContain("not-the-secret");
    expect(actionsCalled(ens)).toEqual(["DescribeKeyPairs"]);
  });
});
