/**
 * Where requests may go and what signs them: plain http:// endpoints that are not loopback are refused at synth
 * (the construct prop) and at run time (the prop as passed to the handler, ALIBABA_CLOUD_ENDPOINT_ENS, ENS_ENDPOINT)
 * before any connection is attempted; and missing credentials fail fast, listing every source that was tried.
 *
 * A connection spy preloaded into the handler process records every TCP connection attempt, so "no connection"
 * is observed directly, not inferred from timing. 192.0.2.1 (TEST-NET-1) must never be contacted.
 */
import { App, TerraformStack } from "cdktf";
import { EnsKeyPair } from "../../lib";
import { HandlerExitCode } from "../../lib/shared/handler-contract";
import { EnsEmulator } from "../../lib/testing";
import { RSA_PUBLIC_KEY } from "../fixtures/keys";
import { errorLine, HandlerProcessResult, runHandler } from "../support/handler-process";
import { ConnectionSpy } from "./support/connection-spy";

const NAME = "endpoint-checked";
const UNREACHABLE_PLAIN_HTTP = "http://192.0.2.1:1";
const PLAIN_HTTP_REFUSED = "plain http:// is allowed only for loopback hosts (127.0.0.1, localhost, ::1)";
/** A refusal before any request is a matter of milliseconds; 2 s leaves room for a loaded machine. */
const FAST_FAILURE_MS = 2000;

function synthWithEndpoint(endpoint: string): void {
  const stack = new TerraformStack(new App(), "endpoint");
  new EnsKeyPair(stack, "kp", { keyPairName: NAME, publicKey: RSA_PUBLIC_KEY, endpoint });
}

describe("at synth, the endpoint prop", () => {
  test.each([
    UNREACHABLE_PLAIN_HTTP,
    "http://example.com",
    "http://10.0.0.8:8080",
    "http://[2001:db8::1]:443",
  ])("refuses plain http to a host that is not loopback: %s", (endpoint) => {
    expect(() => synthWithEndpoint(endpoint)).toThrow(
      `Invalid endpoint ${JSON.stringify(endpoint)}: ${PLAIN_HTTP_REFUSED}`,
    );
  });

  test.each([
    "http://127.0.0.1:9",
    "http://localhost:9",
    "http://[::1]:9",
    "https://ens.example.com",
    "ens.aliyuncs.com",
  ])("accepts loopback http and https: %s", (endpoint) => {
    expect(() => synthWithEndpoint(endpoint)).not.toThrow();
  });
});

describe("at run time", () => {
  let ens: EnsEmulator;
  let spy: ConnectionSpy;

  beforeAll(async () => {
    ens = await EnsEmulator.start({ rsaBits: 1024 });
  });

  afterAll(async () => {
    await ens.stop();
  });

  beforeEach(() => {
    ens.reset();
    ens.addKeyPair({ keyPairName: NAME });
    spy = new ConnectionSpy();
  });

  afterEach(() => {
    spy.dispose();
  });

  function run(command: string, env: Readonly<Record<string, string>>): Promise<HandlerProcessResult> {
    return runHandler(command, {
      ENS_KEY_PAIR_NAME: NAME,
      ENS_KEY_PAIR_MODE: "create",
      ...spy.env(),
      ...env,
    });
  }

  /** The process stopped before any request: no attempt line, no connection, no call, and quickly. */
  function expectStoppedBeforeAnyRequest(result: HandlerProcessResult): void {
    expect(result.exitCode).toBe(HandlerExitCode.INVALID_INPUT);
    expect(result.stderr).not.toMatch(/^ens-key-pair: \w+ key_pair_name=/m);
    expect(spy.attempts()).toEqual([]);
    expect(ens.calls()).toEqual([]);
    expect(result.durationMs).toBeLessThan(FAST_FAILURE_MS);
  }

  test("control: the spy records the connection of a normal run", async () => {
    const result = await run("delete", ens.env());

    expect(result.exitCode).toBe(HandlerExitCode.OK);
    expect(spy.attempts()).toEqual([`127.0.0.1:${ens.port}`]);
  });

  // The prop wins over the env variables, and an invalid prop is an error, never skipped in favour of the (valid)
  // emulator endpoint in ALIBABA_CLOUD_ENDPOINT_ENS; for ENS_ENDPOINT the higher-priority variable is left empty.
  test.each([
    ["create", "ENS_KEY_PAIR_ENDPOINT", {}],
    ["delete", "ENS_KEY_PAIR_ENDPOINT", {}],
    ["create", "ALIBABA_CLOUD_ENDPOINT_ENS", {}],
    ["delete", "ALIBABA_CLOUD_ENDPOINT_ENS", {}],
    ["create", "ENS_ENDPOINT", { ALIBABA_CLOUD_ENDPOINT_ENS: "" }],
    ["delete", "ENS_ENDPOINT", { ALIBABA_CLOUD_ENDPOINT_ENS: "" }],
  ])(
    "%s with %s=http://192.0.2.1:1 → exit 2 naming the variable, no connection attempted",
    async (command, variable, extra) => {
      const result = await run(command, { ...ens.env(), [variable]: UNREACHABLE_PLAIN_HTTP, ...extra });

      expectStoppedBeforeAnyRequest(result);
      const error = errorLine(result.stderr);
      expect(error).toMatch(new RegExp(`^ens-key-pair: error: Invalid [^"]*\\b${variable}\\b`));
      expect(error).toContain(`"${UNREACHABLE_PLAIN_HTTP}": ${PLAIN_HTTP_REFUSED}`);
      expect(error).toContain("Use https://192.0.2.1:1.");
    },
  );

  test.each(["create", "delete"])(
    "%s with no credentials anywhere → exit 2 within 2 s, listing every source tried",
    async (command) => {
      const result = await run(command, { ALIBABA_CLOUD_ENDPOINT_ENS: ens.endpoint });

      expectStoppedBeforeAnyRequest(result);
      expect(result.stderr).toMatch(/No usable Alibaba Cloud credentials\. Tried, in order: /);
      for (const source of [
        "ALICLOUD_ACCESS_KEY",
        "ALIBABA_CLOUD_ACCESS_KEY_ID",
        "ALICLOUD_SECRET_KEY",
        "ALIBABA_CLOUD_ACCESS_KEY_SECRET",
        "ALICLOUD_PROFILE",
        "ALIBABA_CLOUD_PROFILE",
        "OIDC role",
        ".aliyun/config.json",
        ".alibabacloud/credentials",
        "ECS RAM role",
        "credentials URI",
      ]) {
        expect(result.stderr).toContain(source);
      }
    },
  );
});
