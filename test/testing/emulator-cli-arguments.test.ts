import { CLI_USAGE, parseCliArguments } from "../../lib/testing/emulator-cli-arguments";
import { EmulatorReadings } from "../../lib/testing";

function readingsFrom(args: string[]): EmulatorReadings | undefined {
  const request = parseCliArguments(args);
  if (request.kind !== "run") throw new Error(`expected a run request, got ${JSON.stringify(request)}`);
  return request.options.readings;
}

describe("ens-emulator arguments: readings", () => {
  it("leaves every reading to its default without flags", () => {
    expect(readingsFrom([])).toEqual({
      fingerprintFormat: undefined,
      missingKeyOnDelete: undefined,
      attachedKeyDelete: undefined,
      privateKeyBody: undefined,
      maxPageSize: undefined,
      nameFilter: undefined,
      creationTimeOffsetSeconds: undefined,
      codeInSuccessBody: false,
    });
  });

  it.each<[string[], EmulatorReadings]>([
    [["--fingerprint-format", "hex"], { fingerprintFormat: "hex" }],
    [["--fingerprint-format", "colon"], { fingerprintFormat: "colon" }],
    [["--missing-key-on-delete", "success"], { missingKeyOnDelete: "success" }],
    [
      ["--missing-key-on-delete", "InvalidParameter.KeyPairName"],
      { missingKeyOnDelete: { code: "InvalidParameter.KeyPairName" } },
    ],
    [
      ["--missing-key-on-delete", "InvalidKeyPairId.NotFound:404"],
      { missingKeyOnDelete: { code: "InvalidKeyPairId.NotFound", statusCode: 404 } },
    ],
    [["--attached-key-delete", "refuses"], { attachedKeyDelete: "refuses" }],
    [["--attached-key-delete", "deletes"], { attachedKeyDelete: "deletes" }],
    [["--private-key-body", "escaped"], { privateKeyBody: "escaped" }],
    [["--max-page-size", "10"], { maxPageSize: 10 }],
    [["--name-filter", "substring"], { nameFilter: "substring" }],
    [["--creation-time-offset-seconds", "-120"], { creationTimeOffsetSeconds: -120 }],
    [["--creation-time-offset-seconds=-0.5"], { creationTimeOffsetSeconds: -0.5 }],
    [["--creation-time-offset-seconds", "30"], { creationTimeOffsetSeconds: 30 }],
    [["--code-in-success-body"], { codeInSuccessBody: true }],
  ])("%j", (args, expected) => {
    expect(readingsFrom(args)).toMatchObject(expected);
  });

  it("keeps the other options next to a negative offset", () => {
    const request = parseCliArguments(["--creation-time-offset-seconds", "-5", "--port", "0", "--quiet"]);
    expect(request).toMatchObject({ kind: "run", quiet: true, options: { port: 0 } });
  });

  it.each<[string[], RegExp]>([
    [["--fingerprint-format", "HEX"], /Invalid --fingerprint-format "HEX": use colon or hex\./],
    [["--attached-key-delete", "ignore"], /Invalid --attached-key-delete "ignore": use deletes or refuses\./],
    [["--private-key-body", "crlf"], /Invalid --private-key-body "crlf": use newlines or escaped\./],
    [["--name-filter", "prefix"], /Invalid --name-filter "prefix": use exact or substring\./],
    [
      ["--missing-key-on-delete", "Code:4o4"],
      /Invalid --missing-key-on-delete "Code:4o4": use success, or an error code/,
    ],
    [["--missing-key-on-delete", "has space"], /Invalid --missing-key-on-delete "has space"/],
    [["--max-page-size", "0"], /Invalid --max-page-size "0": use a positive integer\./],
    [["--max-page-size", "ten"], /Invalid --max-page-size "ten"/],
    [
      ["--creation-time-offset-seconds", "soon"],
      /Invalid --creation-time-offset-seconds "soon": use a number of seconds/,
    ],
    [["--creation-time-offset-seconds"], /argument missing/],
    [["--code-in-success-body=yes"], /does not take an argument/],
  ])("refuses %j as a usage error naming the flag", (args, message) => {
    const request = parseCliArguments(args);
    expect(request.kind).toBe("usage-error");
    expect(request.kind === "usage-error" && request.message).toMatch(message);
  });

  it("documents every reading flag with its default", () => {
    for (const flag of [
      "--fingerprint-format colon|hex",
      "--missing-key-on-delete success|CODE[:STATUS]",
      "--attached-key-delete deletes|refuses",
      "--private-key-body newlines|escaped",
      "--max-page-size N",
      "--name-filter exact|substring",
      "--creation-time-offset-seconds S",
      "--code-in-success-body",
    ]) {
      expect(CLI_USAGE).toContain(flag);
    }
    expect(CLI_USAGE).toContain("(default hex)");
    expect(CLI_USAGE).toContain("(default PubKeyNameNotExist:400)");
    expect(CLI_USAGE).toContain("(default deletes)");
  });
});
