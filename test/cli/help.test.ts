/**
 * `ens-key-pair --help`, per-command help, `--version` and usage errors: usable without the README, answered
 * without credentials and without any API call.
 */
import { version } from "../../package.json";
import { EnsEmulator } from "../../lib/testing";
import { actionsCalled, errorLine, runCli, runCliAgainst } from "./cli-process";
import { useEmulator } from "../support/emulator";

let ens: EnsEmulator;

useEmulator((started) => (ens = started));

describe("--help", () => {
  test("lists the commands, examples, credential and endpoint variables and every exit code", async () => {
    const result = await runCliAgainst(ens, ["--help"]);

    expect(result.exitCode).toBe(0);
    const help = result.stdout;
    expect(help).toMatch(/^Usage: ens-key-pair <command> \[options\]/);
    for (const command of [
      "describe --name NAME",
      "list [--prefix P]",
      "delete (--name NAME | --id ID)",
      "drift STATE...",
      "sweep --prefix P --state STATE...",
    ]) {
      expect(help).toContain(command);
    }
    expect(help).toContain("Examples:");
    expect(help).toContain("ens-key-pair delete --name web-1 --dry-run");
    for (const variable of [
      "ALICLOUD_ACCESS_KEY",
      "ALIBABA_CLOUD_ACCESS_KEY_ID",
      "ALIBABA_CLOUD_ACCESS_KEY_SECRET",
      "ALIBABA_CLOUD_SECURITY_TOKEN",
      "ALICLOUD_PROFILE",
      "ALICLOUD_ASSUME_ROLE_ARN",
      "ALIBABA_CLOUD_ENDPOINT_ENS",
      "ENS_ENDPOINT",
    ]) {
      expect(help).toContain(variable);
    }
    expect(help).toContain("ens.aliyuncs.com over HTTPS");
    expect(help).toMatch(/^ {2}0 {2}done/m);
    expect(help).toMatch(/^ {2}1 {2}the API refused or failed/m);
    expect(help).toMatch(/^ {2}2 {2}usage or configuration error/m);
    expect(help).toMatch(
      /^ {2}3 {2}describe: no key pair of that name; drift: a key pair is missing or changed/m,
    );
    expect(help).toMatch(/^ {2}1 .*; sweep: a delete failed$/m);
    expect(result.stderr).toBe("");
    expect(ens.calls()).toEqual([]);
  });

  test("-h is the same, and needs no credentials", async () => {
    const [long, short] = await Promise.all([runCli(["--help"], {}), runCli(["-h"], {})]);

    expect(short.exitCode).toBe(0);
    expect(short.stdout).toBe(long.stdout);
  });

  test.each([
    ["describe", ["--json"]],
    ["list", ["--prefix P", "--json"]],
    ["delete", ["--dry-run", "--timeout S", "--id ID", "default 300"]],
    [
      "drift",
      [
        "STATE...",
        "--state STATE",
        "--json",
        "missing",
        "changed",
        "unknown",
        "terraform show -json",
        "-replace",
        "--key-files",
        "key-lost",
        "cdktf.json",
      ],
    ],
    [
      "sweep",
      [
        "--prefix P",
        "--state STATE",
        "--dry-run",
        "--yes",
        "--min-age AGE",
        "default 1h",
        "--timeout S",
        "--json",
      ],
    ],
  ])("%s --help shows that command's options, and the exit codes", async (command, options) => {
    const result = await runCliAgainst(ens, [command, "--help"]);

    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`^Usage: ens-key-pair ${command} `));
    for (const option of options) expect(result.stdout).toContain(option);
    expect(result.stdout).toContain("Exit codes:");
    expect(ens.calls()).toEqual([]);
  });

  test("help wins over a bad flag", async () => {
    const result = await runCliAgainst(ens, ["delete", "--bogus", "--help"]);

    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/^Usage: ens-key-pair delete /);
  });
});

test("--version prints the package version", async () => {
  const result = await runCli(["--version"], {});

  expect(result.exitCode).toBe(0);
  expect(result.stdout).toBe(`ens-key-pair ${version}\n`);
});

describe("usage errors: exit 2, a message naming the problem, zero API calls", () => {
  test.each([
    [[], "No command given: use describe, list, delete, drift or sweep."],
    [["show"], 'Unknown command "show": use describe, list, delete, drift or sweep.'],
    [
      ["list", "--name", "ab"],
      "Unknown option --name for list: it accepts --endpoint, --help, --version, --prefix, --json.",
    ],
    [["describe"], "describe needs --name NAME."],
    [["delete", "--name", "ab", "--id", "ssh-a1"], "delete needs exactly one of --name NAME or --id ID."],
    [["delete", "--id", "key-1"], 'Invalid --id "key-1"'],
    [["delete", "--name", "ab", "--timeout", "soon"], 'Invalid --timeout "soon"'],
    [
      ["delete", "--name", "ab", "--timeout", "0.5"],
      'Invalid --timeout "0.5": give a whole number of seconds from 1 to 86400',
    ],
    [["list", "extra"], 'Unexpected argument "extra".'],
  ])("%j", async (args, message) => {
    const result = await runCliAgainst(ens, args);

    expect(result.exitCode).toBe(2);
    expect(errorLine(result.stderr)).toContain(message);
    expect(errorLine(result.stderr)).toMatch(/Run "ens-key-pair( \w+)? --help" for usage\.$/);
    expect(result.stdout).toBe("");
    expect(actionsCalled(ens)).toEqual([]);
  });
});
