/**
 * The handler process's configuration: credential sources (the alicloud provider's names, profiles, STS),
 * endpoint resolution, usage and input validation. Everything invalid must fail with exit 2 before any API call.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { EnsEmulator } from "../../lib/testing";
import { HandlerExitCode } from "../../lib/shared/handler-contract";
import { errorLine } from "../support/handler-process";
import { actionsCalled, neverPrint, runAgainst } from "./handler-harness";

const NAME = "configured";
const PROFILE_KEY = { accessKeyId: "profile-access-key-id", accessKeySecret: "profile-access-key-secret" };
const STS_KEY = {
  accessKeyId: "STS.sts-access-key-id",
  accessKeySecret: "sts-access-key-secret",
  securityToken: "sts-security-token-value",
};

let ens: EnsEmulator;
let home: string;

/** The emulator's env without its credentials: tests add the credential source they check. */
function endpointOnly(): Record<string, string> {
  return { ALIBABA_CLOUD_ACCESS_KEY_ID: "", ALIBABA_CLOUD_ACCESS_KEY_SECRET: "", ENS_KEY_PAIR_NAME: NAME };
}

function writeAliyunConfig(file: string, current: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(
    file,
    JSON.stringify({
      current,
      profiles: [
        { name: "unused", mode: "AK", access_key_id: "unused-id", access_key_secret: "unused-secret-value" },
        {
          name: "dev",
          mode: "AK",
          access_key_id: PROFILE_KEY.accessKeyId,
          access_key_secret: PROFILE_KEY.accessKeySecret,
        },
      ],
    }),
  );
}

beforeAll(async () => {
  ens = await EnsEmulator.start({ rsaBits: 1024 });
  ens.addCredential(PROFILE_KEY);
  ens.addCredential(STS_KEY);
  neverPrint(PROFILE_KEY.accessKeySecret);
  neverPrint(STS_KEY.accessKeySecret);
  neverPrint(STS_KEY.securityToken);
});

afterAll(async () => {
  await ens.stop();
});

beforeEach(() => {
  ens.reset();
  ens.addKeyPair({ keyPairName: NAME });
  home = fs.mkdtempSync(path.join(os.tmpdir(), "ens-home-"));
});

afterEach(() => {
  fs.rmSync(home, { recursive: true, force: true });
});

describe("credentials", () => {
  test("none configured: exit 2 within 2 s, listing every source tried, with zero API calls", async () => {
    const result = await runAgainst(ens, "delete", { ...endpointOnly(), HOME: home });

    expect(result.exitCode).toBe(HandlerExitCode.INVALID_INPUT);
    expect(result.durationMs).toBeLessThan(2000);
    const message = errorLine(result.stderr);
    for (const source of [
      "ALICLOUD_ACCESS_KEY",
      "ALIBABA_CLOUD_ACCESS_KEY_ID",
      "ALICLOUD_PROFILE",
      "OIDC role",
      path.join(home, ".aliyun", "config.json"),
      path.join(home, ".alibabacloud", "credentials"),
      "ECS RAM role",
      "credentials URI",
    ]) {
      expect(message).toContain(source);
    }
    expect(message).toMatch(/Set credentials the way the alicloud Terraform provider reads them/);
    expect(ens.calls()).toEqual([]);
  });

  test("the provider's ALICLOUD_* names work, and win over ALIBABA_CLOUD_*", async () => {
    const result = await runAgainst(ens, "delete", {
      ENS_KEY_PAIR_NAME: NAME,
      ALICLOUD_ACCESS_KEY: ens.credentials.accessKeyId,
      ALICLOUD_SECRET_KEY: ens.credentials.accessKeySecret,
      ALIBABA_CLOUD_ACCESS_KEY_ID: "ignored-id",
      ALIBABA_CLOUD_ACCESS_KEY_SECRET: "ignored-secret-value",
    });

    expect(result.exitCode).toBe(HandlerExitCode.OK);
    expect(ens.calls().map((c) => c.accessKeyId)).toEqual([ens.credentials.accessKeyId]);
    expect(result.stderr).toContain(
      "with credentials from access key from ALICLOUD_ACCESS_KEY, ALICLOUD_SECRET_KEY",
    );
  });

  test("an access key ID without a secret is refused, naming the variable, with zero API calls", async () => {
    const result = await runAgainst(ens, "delete", { ...endpointOnly(), ALICLOUD_ACCESS_KEY: "lonely-id" });

    expect(result.exitCode).toBe(HandlerExitCode.INVALID_INPUT);
    expect(errorLine(result.stderr)).toContain("ALICLOUD_ACCESS_KEY is set but no access key secret is");
    expect(ens.calls()).toEqual([]);
  });

  test("an STS token from env is sent with the request", async () => {
    const result = await runAgainst(ens, "delete", {
      ...endpointOnly(),
      ALIBABA_CLOUD_ACCESS_KEY_ID: STS_KEY.accessKeyId,
      ALIBABA_CLOUD_ACCESS_KEY_SECRET: STS_KEY.accessKeySecret,
      ALICLOUD_SECURITY_TOKEN: STS_KEY.securityToken,
    });

    expect(result.exitCode).toBe(HandlerExitCode.OK);
    expect(ens.calls()[0].accessKeyId).toBe(STS_KEY.accessKeyId);
  });

  test("STS credentials without their token are rejected as a credential problem", async () => {
    const result = await runAgainst(ens, "delete", {
      ...endpointOnly(),
      ALIBABA_CLOUD_ACCESS_KEY_ID: STS_KEY.accessKeyId,
      ALIBABA_CLOUD_ACCESS_KEY_SECRET: STS_KEY.accessKeySecret,
    });

    expect(result.exitCode).toBe(HandlerExitCode.INVALID_INPUT);
    expect(ens.calls()).toHaveLength(1);
    expect(ens.calls()[0].code).toMatch(/^InvalidSecurityToken/);
    expect(errorLine(result.stderr)).toContain("the STS security token is invalid or expired");
  });

  test("a wrong secret fails as a credential problem after exactly one call (never retried)", async () => {
    const result = await runAgainst(ens, "delete", {
      ENS_KEY_PAIR_NAME: NAME,
      ALIBABA_CLOUD_ACCESS_KEY_SECRET: "a-wrong-secret-value",
    });

    expect(result.exitCode).toBe(HandlerExitCode.INVALID_INPUT);
    expect(ens.calls().map((c) => c.code)).toEqual(["SignatureDoesNotMatch"]);
    expect(errorLine(result.stderr)).toContain("the access key secret is wrong for this access key ID");
    expect(result.stderr).not.toContain("a-wrong-secret-value");
    expect(ens.keyPair(NAME)).toBeDefined();
  });

  test("an unknown access key ID fails as a credential problem after exactly one call", async () => {
    const result = await runAgainst(ens, "delete", {
      ENS_KEY_PAIR_NAME: NAME,
      ALIBABA_CLOUD_ACCESS_KEY_ID: "nobody",
    });

    expect(result.exitCode).toBe(HandlerExitCode.INVALID_INPUT);
    expect(ens.calls().map((c) => c.code)).toEqual(["InvalidAccessKeyId.NotFound"]);
    expect(errorLine(result.stderr)).toContain("the access key ID is unknown or disabled");
  });

  test("ALICLOUD_PROFILE selects a profile of ~/.aliyun/config.json (mode AK)", async () => {
    writeAliyunConfig(path.join(home, ".aliyun", "config.json"), "unused");

    const result = await runAgainst(ens, "delete", {
      ...endpointOnly(),
      HOME: home,
      ALICLOUD_PROFILE: "dev",
    });

    expect(result.exitCode).toBe(HandlerExitCode.OK);
    expect(ens.calls().map((c) => c.accessKeyId)).toEqual([PROFILE_KEY.accessKeyId]);
  });

  test("without a profile variable the aliyun CLI's current profile is used", async () => {
    writeAliyunConfig(path.join(home, ".aliyun", "config.json"), "dev");

    const result = await runAgainst(ens, "delete", { ...endpointOnly(), HOME: home });

    expect(result.exitCode).toBe(HandlerExitCode.OK);
    expect(ens.calls().map((c) => c.accessKeyId)).toEqual([PROFILE_KEY.accessKeyId]);
  });

  test("ALICLOUD_SHARED_CREDENTIALS_FILE reads the profile from another path", async () => {
    const file = path.join(home, "elsewhere", "aliyun.json");
    writeAliyunConfig(file, "unused");

    const result = await runAgainst(ens, "delete", {
      ...endpointOnly(),
      HOME: home,
      ALIBABA_CLOUD_PROFILE: "dev",
      ALICLOUD_SHARED_CREDENTIALS_FILE: file,
    });

    expect(result.exitCode).toBe(HandlerExitCode.OK);
    expect(ens.calls().map((c) => c.accessKeyId)).toEqual([PROFILE_KEY.accessKeyId]);
  });

  test("the SDK's ~/.alibabacloud/credentials file is still a source", async () => {
    fs.mkdirSync(path.join(home, ".alibabacloud"));
    fs.writeFileSync(
      path.join(home, ".alibabacloud", "credentials"),
      `[default]\ntype = access_key\naccess_key_id = ${PROFILE_KEY.accessKeyId}\naccess_key_secret = ${PROFILE_KEY.accessKeySecret}\n`,
    );

    const result = await runAgainst(ens, "delete", { ...endpointOnly(), HOME: home });

    expect(result.exitCode).toBe(HandlerExitCode.OK);
    expect(ens.calls().map((c) => c.accessKeyId)).toEqual([PROFILE_KEY.accessKeyId]);
  });

  test("a named profile that does not exist is refused with zero API calls", async () => {
    writeAliyunConfig(path.join(home, ".aliyun", "config.json"), "dev");

    const result = await runAgainst(ens, "delete", {
      ...endpointOnly(),
      HOME: home,
      ALICLOUD_PROFILE: "prod",
    });

    expect(result.exitCode).toBe(HandlerExitCode.INVALID_INPUT);
    expect(errorLine(result.stderr)).toContain('aliyun CLI profile "prod" (ALICLOUD_PROFILE)');
    expect(ens.calls()).toEqual([]);
  });

  test("an invalid assume-role session expiration is refused with zero API calls", async () => {
    const result = await runAgainst(ens, "delete", {
      ENS_KEY_PAIR_NAME: NAME,
      ALICLOUD_ASSUME_ROLE_ARN: "acs:ram::123456789012:role/deployer",
      ALICLOUD_ASSUME_ROLE_SESSION_EXPIRATION: "60",
    });

    expect(result.exitCode).toBe(HandlerExitCode.INVALID_INPUT);
    expect(errorLine(result.stderr)).toContain('Invalid ALICLOUD_ASSUME_ROLE_SESSION_EXPIRATION "60"');
    expect(ens.calls()).toEqual([]);
  });
});

describe("endpoint", () => {
  test("plain http to a non-loopback host is refused with zero API calls", async () => {
    const result = await runAgainst(ens, "delete", {
      ENS_KEY_PAIR_NAME: NAME,
      ENS_KEY_PAIR_ENDPOINT: "http://ens.example.com",
    });

    expect(result.exitCode).toBe(HandlerExitCode.INVALID_INPUT);
    expect(errorLine(result.stderr)).toContain(
      'Invalid ENS_KEY_PAIR_ENDPOINT (the endpoint prop) "http://ens.example.com"',
    );
    expect(ens.calls()).toEqual([]);
  });

  test("an invalid ALIBABA_CLOUD_ENDPOINT_ENS is refused, naming that variable", async () => {
    const result = await runAgainst(ens, "delete", {
      ENS_KEY_PAIR_NAME: NAME,
      ALIBABA_CLOUD_ENDPOINT_ENS: "ftp://x",
    });

    expect(result.exitCode).toBe(HandlerExitCode.INVALID_INPUT);
    expect(errorLine(result.stderr)).toContain('Invalid ALIBABA_CLOUD_ENDPOINT_ENS "ftp://x"');
  });

  test("the construct's endpoint wins over ALIBABA_CLOUD_ENDPOINT_ENS", async () => {
    const result = await runAgainst(ens, "delete", {
      ENS_KEY_PAIR_NAME: NAME,
      ENS_KEY_PAIR_ENDPOINT: ens.endpoint,
      ALIBABA_CLOUD_ENDPOINT_ENS: "http://127.0.0.1:9",
    });

    expect(result.exitCode).toBe(HandlerExitCode.OK);
    expect(actionsCalled(ens)).toEqual(["DeleteKeyPairs"]);
  });

  test("ENS_ENDPOINT is used when nothing else is set", async () => {
    const result = await runAgainst(ens, "delete", {
      ENS_KEY_PAIR_NAME: NAME,
      ALIBABA_CLOUD_ENDPOINT_ENS: "",
      ENS_ENDPOINT: ens.endpoint,
    });

    expect(result.exitCode).toBe(HandlerExitCode.OK);
    expect(result.stderr).toContain(`calling ${ens.endpoint} (set by ENS_ENDPOINT)`);
  });
});

describe("usage and input", () => {
  test.each([[[]], [["destroy"]], [["delete", "extra"]]])(
    "arguments %j: usage message, exit 2",
    async (args) => {
      const result = await runAgainst(ens, args, { ENS_KEY_PAIR_NAME: NAME });

      expect(result.exitCode).toBe(HandlerExitCode.INVALID_INPUT);
      expect(errorLine(result.stderr)).toContain("usage: node handler.js create|delete");
      expect(ens.calls()).toEqual([]);
    },
  );

  test.each([
    ["1starts-with-digit", "it must start with a letter"],
    ["https://looks-like-a-url", 'must not start with "http://" or "https://"'],
    ["has space", "may contain only letters"],
    ["x", "2 to 128 characters"],
  ])("key pair name %j is re-checked: exit 2 with the rule's message, zero calls", async (name, rule) => {
    for (const command of ["create", "delete"]) {
      const result = await runAgainst(ens, command, { ENS_KEY_PAIR_NAME: name });

      expect(result.exitCode).toBe(HandlerExitCode.INVALID_INPUT);
      expect(errorLine(result.stderr)).toContain(rule);
    }
    expect(ens.calls()).toEqual([]);
  });

  test("a missing key pair name: exit 2, zero calls", async () => {
    const result = await runAgainst(ens, "delete", { ENS_KEY_PAIR_NAME: "" });

    expect(result.exitCode).toBe(HandlerExitCode.INVALID_INPUT);
    expect(errorLine(result.stderr)).toContain("ENS_KEY_PAIR_NAME is not set");
    expect(ens.calls()).toEqual([]);
  });

  test("a relative private key file outside any cdktf project: exit 2 naming the fix, zero calls", async () => {
    const result = await runAgainst(ens, "create", {
      ENS_KEY_PAIR_NAME: "new-key",
      ENS_KEY_PAIR_PRIVATE_KEY_FILE: "keys/id_rsa",
    });

    expect(result.exitCode).toBe(HandlerExitCode.INVALID_INPUT);
    expect(errorLine(result.stderr)).toContain("no cdktf.json was found in");
    expect(errorLine(result.stderr)).toContain("or give privateKeyFile as an absolute path");
    expect(ens.calls()).toEqual([]);
  });

  test("an invalid public key: exit 2 with the key rule's message, zero calls", async () => {
    const result = await runAgainst(ens, "create", {
      ENS_KEY_PAIR_NAME: "new-key",
      ENS_KEY_PAIR_MODE: "import",
      ENS_KEY_PAIR_PUBLIC_KEY:
        "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBxPexoz7n/12ckcVwCkZf7SJOknwrZEjeqJ1YDIC6Wq e",
    });

    expect(result.exitCode).toBe(HandlerExitCode.INVALID_INPUT);
    expect(errorLine(result.stderr)).toContain("accepts only ssh-rsa keys");
    expect(ens.calls()).toEqual([]);
  });

  test.each([
    ["ENS_KEY_PAIR_DELETE_TIMEOUT_SECONDS", "0"],
    ["ENS_KEY_PAIR_DELETE_TIMEOUT_SECONDS", "soon"],
    ["ENS_KEY_PAIR_REMOVAL_POLICY", "keep"],
  ])("%s=%j: exit 2, zero calls", async (name, value) => {
    const result = await runAgainst(ens, "delete", { ENS_KEY_PAIR_NAME: NAME, [name]: value });

    expect(result.exitCode).toBe(HandlerExitCode.INVALID_INPUT);
    expect(errorLine(result.stderr)).toContain(`Invalid ${name} ${JSON.stringify(value)}`);
    expect(ens.calls()).toEqual([]);
  });
});
