/**
 * Which credential sources apply to an environment, in which order, and how inconsistent settings fail.
 * Nothing here fetches remote credentials; sources that read files are covered by the handler process tests
 * (with a temp HOME).
 */
import type { CredentialsProvider } from "@alicloud/credentials";
import { ConfigurationError } from "../../lib/ens/configuration-error";
import { CredentialsChain, ProvidedCredentials } from "../../lib/ens/credentials-chain";
import { credentialSources, credentialsSetup, loadCredentials } from "../../lib/ens/credentials";

function fakeProvider(
  name: string,
  result: Partial<ProvidedCredentials> | Error,
): CredentialsProvider & { calls: number } {
  const provider = {
    calls: 0,
    getProviderName: () => name,
    getCredentials: async () => {
      provider.calls += 1;
      if (result instanceof Error) throw result;
      return result as ProvidedCredentials;
    },
  };
  return provider;
}

describe("CredentialsChain", () => {
  test("uses the first source that yields credentials, and keeps using it", async () => {
    const failing = fakeProvider("first", new Error("no file"));
    const working = fakeProvider("second", { accessKeyId: "id", accessKeySecret: "secret-value" });
    const unused = fakeProvider("third", { accessKeyId: "other" });
    const chain = new CredentialsChain([
      { name: "skipped one", skipped: "not set" },
      { name: "first", provider: failing },
      { name: "second", provider: working },
      { name: "third", provider: unused },
    ]);

    expect((await chain.getCredentials()).accessKeyId).toBe("id");
    expect((await chain.getCredentials()).accessKeyId).toBe("id");
    expect(chain.chosenSource?.name).toBe("second");
    expect(chain.getProviderName()).toBe("second");
    expect([failing.calls, working.calls, unused.calls]).toEqual([1, 2, 0]);
  });

  test("when nothing works, the error lists every source with its reason, in order", async () => {
    const chain = new CredentialsChain([
      { name: "skipped one", skipped: "VAR not set" },
      { name: "first", provider: fakeProvider("first", new Error("no file")) },
    ]);

    await expect(chain.getCredentials()).rejects.toThrow("skipped one: VAR not set; first: no file");
  });
});

describe("credentialSources", () => {
  test("a static access key uses the provider's order of names: ALICLOUD_* first", async () => {
    const chain = credentialSources({
      ALIBABA_CLOUD_ACCESS_KEY_ID: "second-id",
      ALICLOUD_ACCESS_KEY: "first-id",
      ALIBABACLOUD_ACCESS_KEY_SECRET: "third-secret",
    });

    expect(chain.sources.map((s) => s.name)).toEqual([
      "access key from ALICLOUD_ACCESS_KEY, ALIBABACLOUD_ACCESS_KEY_SECRET",
    ]);
    const credentials = await chain.getCredentials();
    expect([credentials.accessKeyId, credentials.accessKeySecret, credentials.securityToken]).toEqual([
      "first-id",
      "third-secret",
      undefined,
    ]);
  });

  test("a security token makes the static key an STS credential", async () => {
    const chain = credentialSources({
      ALIBABA_CLOUD_ACCESS_KEY_ID: "id",
      ALIBABA_CLOUD_ACCESS_KEY_SECRET: "secret-value",
      ALIBABACLOUD_SECURITY_TOKEN: "token-value",
    });

    expect(chain.sources[0].name).toContain("STS token from");
    expect((await chain.getCredentials()).securityToken).toBe("token-value");
  });

  test.each([
    [{ ALICLOUD_ACCESS_KEY: "id" }, "ALICLOUD_ACCESS_KEY is set but no access key secret is"],
    [
      { ALIBABA_CLOUD_ACCESS_KEY_SECRET: "secret-value" },
      "ALIBABA_CLOUD_ACCESS_KEY_SECRET is set but no access key ID is",
    ],
  ])("%j is refused, naming the variable", (env, message) => {
    expect(() => credentialSources(env)).toThrow(ConfigurationError);
    expect(() => credentialSources(env)).toThrow(message);
  });

  test("empty values count as unset", () => {
    const chain = credentialSources({
      ALICLOUD_ACCESS_KEY: "",
      ALICLOUD_SECRET_KEY: "",
      ALICLOUD_PROFILE: "dev",
    });

    expect(chain.sources[0].name).toContain('aliyun CLI profile "dev" (ALICLOUD_PROFILE)');
  });

  test("a named profile uses only that profile: the aliyun CLI file, then the SDK's credentials file", () => {
    const chain = credentialSources({ ALIBABA_CLOUD_PROFILE: "dev" });

    expect(chain.sources.map((s) => s.name)).toEqual([
      expect.stringMatching(
        /^aliyun CLI profile "dev" \(ALIBABA_CLOUD_PROFILE\) in .*\.aliyun\/config\.json$/,
      ),
      expect.stringMatching(/^profile "dev" in .*credentials$/),
    ]);
  });

  test("ALICLOUD_SHARED_CREDENTIALS_FILE replaces the aliyun CLI file path", () => {
    const chain = credentialSources({
      ALICLOUD_PROFILE: "dev",
      ALICLOUD_SHARED_CREDENTIALS_FILE: "/etc/aliyun.json",
    });

    expect(chain.sources.map((s) => s.name)).toEqual([
      'aliyun CLI profile "dev" (ALICLOUD_PROFILE) in /etc/aliyun.json (ALICLOUD_SHARED_CREDENTIALS_FILE)',
    ]);
  });

  test("the default chain uses the metadata service and a credentials URI only when configured", () => {
    const unconfigured = credentialSources({});
    const ecs = unconfigured.sources.find((s) => s.name === "ECS RAM role");
    const uri = unconfigured.sources.find((s) => s.name === "credentials URI");
    expect(ecs).toEqual({ name: "ECS RAM role", skipped: expect.stringContaining("ALICLOUD_ECS_ROLE_NAME") });
    expect(uri).toEqual({
      name: "credentials URI",
      skipped: expect.stringContaining("ALIBABA_CLOUD_CREDENTIALS_URI"),
    });

    const configured = credentialSources({
      ALICLOUD_ECS_ROLE_NAME: "deployer",
      ALICLOUD_CREDENTIALS_URI: "http://127.0.0.1:1/c",
    });
    const names = configured.sources.map((s) => s.name);
    expect(names).toContain(
      'ECS RAM role "deployer" (ALICLOUD_ECS_ROLE_NAME) from the instance metadata service',
    );
    expect(names).toContain("credentials URI (ALICLOUD_CREDENTIALS_URI)");
  });
});

describe("credentialsSetup", () => {
  const base = { ALICLOUD_ACCESS_KEY: "id", ALICLOUD_SECRET_KEY: "secret-value" };

  test("ALICLOUD_ASSUME_ROLE_ARN assumes the role on top of the base credentials", () => {
    const setup = credentialsSetup({ ...base, ALICLOUD_ASSUME_ROLE_ARN: "acs:ram::1:role/deployer" });

    expect(setup.roleArn).toBe("acs:ram::1:role/deployer");
    expect(setup.provider.getProviderName()).toMatch(/^ram_role_arn\//);
    expect(setup.chain.sources[0].name).toContain("ALICLOUD_ACCESS_KEY");
  });

  test("without a role the chain itself signs", () => {
    const setup = credentialsSetup(base);

    expect(setup.provider).toBe(setup.chain);
    expect(setup.roleArn).toBeUndefined();
  });

  test.each(["899", "43201", "1h", "1000.5"])("a session expiration of %j is refused", (value) => {
    expect(() =>
      credentialsSetup({
        ...base,
        ALICLOUD_ASSUME_ROLE_ARN: "acs:ram::1:role/r",
        ALICLOUD_ASSUME_ROLE_SESSION_EXPIRATION: value,
      }),
    ).toThrow(`Invalid ALICLOUD_ASSUME_ROLE_SESSION_EXPIRATION ${JSON.stringify(value)}`);
  });
});

describe("loadCredentials", () => {
  test("fetches the credentials once and names their source", async () => {
    const loaded = await loadCredentials({
      ALIBABA_CLOUD_ACCESS_KEY_ID: "id",
      ALIBABA_CLOUD_ACCESS_KEY_SECRET: "secret-value",
    });

    expect(loaded.sourceName).toBe(
      "access key from ALIBABA_CLOUD_ACCESS_KEY_ID, ALIBABA_CLOUD_ACCESS_KEY_SECRET",
    );
    expect(loaded.credentials.accessKeySecret).toBe("secret-value");
  });

  test("a failing named profile becomes a configuration error listing what was tried", async () => {
    const error = await loadCredentials({
      ALICLOUD_PROFILE: "dev",
      ALICLOUD_SHARED_CREDENTIALS_FILE: "/nonexistent/aliyun.json",
    }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as Error).message).toContain(
      'No usable Alibaba Cloud credentials. Tried, in order: aliyun CLI profile "dev" (ALICLOUD_PROFILE) in /nonexistent/aliyun.json',
    );
  });
});
