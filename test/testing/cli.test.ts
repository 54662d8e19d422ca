import { ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { EnsEmulator } from "../../lib/testing";
import { callEns, sdkError } from "./sdk-client";

const CLI = join(__dirname, "..", "..", "lib", "testing", "cli.ts");

interface RunningCli {
  readonly child: ChildProcessWithoutNullStreams;
  readonly stdout: () => string;
  readonly stderr: () => string;
  /** Resolves when stdout or stderr (as chosen) contains `text`. */
  readonly waitFor: (stream: "stdout" | "stderr", text: string | RegExp) => Promise<void>;
  readonly exit: Promise<number | null>;
}

let home: string;
beforeAll(() => {
  home = mkdtempSync(join(tmpdir(), "ens-cli-"));
});
afterAll(() => rmSync(home, { recursive: true, force: true }));

function startCli(args: string[]): RunningCli {
  const child = spawn(process.execPath, ["--import", "tsx", CLI, ...args], {
    cwd: join(__dirname, "..", ".."),
    env: { PATH: process.env.PATH ?? "", HOME: home, ALIBABA_CLOUD_ECS_METADATA_DISABLED: "true" },
  });
  const output = { stdout: "", stderr: "" };
  const listeners: (() => void)[] = [];
  for (const stream of ["stdout", "stderr"] as const) {
    child[stream].setEncoding("utf8");
    child[stream].on("data", (chunk: string) => {
      output[stream] += chunk;
      for (const listener of [...listeners]) listener();
    });
  }
  const exit = once(child, "exit").then(([code]) => code as number | null);
  const waitFor = (stream: "stdout" | "stderr", text: string | RegExp) =>
    new Promise<void>((resolve, reject) => {
      const check = () => {
        const found = typeof text === "string" ? output[stream].includes(text) : text.test(output[stream]);
        if (found) {
          listeners.splice(listeners.indexOf(check), 1);
          resolve();
        }
      };
      listeners.push(check);
      void exit.then(() =>
        reject(new Error(`CLI exited before printing ${String(text)}; stderr: ${output.stderr}`)),
      );
      check();
    });
  return { child, stdout: () => output.stdout, stderr: () => output.stderr, waitFor, exit };
}

describe("ens-emulator command", () => {
  it("prints the endpoint and export lines, serves calls, logs them, and exits 0 on SIGTERM", async () => {
    const cli = startCli(["--port", "0", "--access-key-id", "cli-id", "--access-key-secret", "cli secret"]);
    await cli.waitFor("stdout", /ALIBABA_CLOUD_ENDPOINT_ENS=.*\n/);
    const [endpoint, ...exports] = cli.stdout().trim().split("\n");
    expect(endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(exports).toEqual([
      "export ALIBABA_CLOUD_ACCESS_KEY_ID=cli-id",
      "export ALIBABA_CLOUD_ACCESS_KEY_SECRET='cli secret'",
      `export ALIBABA_CLOUD_ENDPOINT_ENS=${endpoint}`,
    ]);
    const port = Number(new URL(endpoint).port);
    const target = { port, credentials: { accessKeyId: "cli-id", accessKeySecret: "cli secret" } };
    await callEns(target, "CreateKeyPair", { KeyPairName: "from-cli" });
    const { body } = await callEns(target, "DescribeKeyPairs");
    expect(body).toMatchObject({ TotalCount: 1, KeyPairs: { KeyPair: [{ KeyPairName: "from-cli" }] } });
    await cli.waitFor("stderr", /DescribeKeyPairs .*-> 200 OK/);
    expect(cli.stderr()).toMatch(/CreateKeyPair from-cli -> 200 OK [0-9A-F-]{36}/);
    expect(cli.stderr()).not.toContain("PRIVATE KEY");
    cli.child.kill("SIGTERM");
    expect(await cli.exit).toBe(0);
    expect(cli.stderr()).toContain("stopped (SIGTERM)");
  });

  it("exits 0 on SIGINT, and --quiet logs no calls", async () => {
    const cli = startCli(["--quiet"]);
    await cli.waitFor("stdout", /ALIBABA_CLOUD_ENDPOINT_ENS=.*\n/);
    const port = Number(new URL(cli.stdout().split("\n")[0]).port);
    await callEns(
      { port, credentials: { accessKeyId: "test-access-key-id", accessKeySecret: "test-access-key-secret" } },
      "DescribeKeyPairs",
    );
    cli.child.kill("SIGINT");
    expect(await cli.exit).toBe(0);
    expect(cli.stderr()).not.toContain("DescribeKeyPairs");
  });

  it("plays the readings its flags choose", async () => {
    const cli = startCli([
      "--quiet",
      "--fingerprint-format",
      "hex",
      "--missing-key-on-delete",
      "InvalidKeyPairId.NotFound:404",
      "--attached-key-delete",
      "refuses",
      "--private-key-body",
      "escaped",
      "--max-page-size",
      "1",
      "--name-filter",
      "substring",
      "--creation-time-offset-seconds",
      "-3600",
      "--code-in-success-body",
    ]);
    await cli.waitFor("stdout", /ALIBABA_CLOUD_ENDPOINT_ENS=.*\n/);
    const port = Number(new URL(cli.stdout().split("\n")[0]).port);
    const target = {
      port,
      credentials: { accessKeyId: "test-access-key-id", accessKeySecret: "test-access-key-secret" },
    };
    const created = await callEns(target, "CreateKeyPair", { KeyPairName: "from-cli" });
    expect(created.body).toMatchObject({
      Code: 0,
      KeyPairFingerPrint: expect.stringMatching(/^[0-9a-f]{32}$/),
    });
    expect(String(created.body.PrivateKeyBody)).toMatch(/^-----BEGIN RSA PRIVATE KEY-----\\n/);
    await callEns(target, "CreateKeyPair", { KeyPairName: "also-from-cli" });
    const { body } = await callEns(target, "DescribeKeyPairs", { KeyPairName: "from-cli", PageSize: "50" });
    expect(body).toMatchObject({ PageSize: 1, TotalCount: 2 });
    const [item] = (body.KeyPairs as { KeyPair: { CreationTime: string }[] }).KeyPair;
    expect((Date.now() - Date.parse(item.CreationTime)) / 1000).toBeGreaterThanOrEqual(3599);
    expect(await sdkError(callEns(target, "DeleteKeyPairs", { KeyPairName: "ghost" }))).toMatchObject({
      code: "InvalidKeyPairId.NotFound",
      statusCode: 404,
    });
    cli.child.kill("SIGTERM");
    expect(await cli.exit).toBe(0);
  });

  it.each([
    [["--host", "10.0.0.1"], /loopback only/],
    [["--host", "0.0.0.0"], /loopback only/],
    [["--port", "http"], /Invalid --port "http"/],
    [["--port", "65536"], /Invalid --port/],
    [["--verbose"], /Unknown option '--verbose'/],
    [["extra"], /Unexpected argument 'extra'/],
    [["--fingerprint-format", "upper"], /Invalid --fingerprint-format "upper": use colon or hex/],
    [["--max-page-size=-1"], /Invalid --max-page-size "-1"/],
    [["--missing-key-on-delete", "Gone:200"], /readings.missingKeyOnDelete .*from 400 to 599/],
  ])("refuses %j with exit code 2 and a clear message", async (args, message) => {
    const cli = startCli(args);
    expect(await cli.exit).toBe(2);
    expect(cli.stderr()).toMatch(message);
    expect(cli.stdout()).toBe("");
  });

  it("exits 1 when the port is in use", async () => {
    const busy = await EnsEmulator.start();
    try {
      const cli = startCli(["--port", String(busy.port)]);
      expect(await cli.exit).toBe(1);
      expect(cli.stderr()).toContain("EADDRINUSE");
    } finally {
      await busy.stop();
    }
  });

  it("prints usage for --help and exits 0", async () => {
    const cli = startCli(["--help"]);
    expect(await cli.exit).toBe(0);
    expect(cli.stdout()).toContain("Usage: ens-emulator [--port N]");
  });
});
