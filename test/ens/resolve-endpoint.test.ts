/**
 * Endpoint resolution order and checks.
 */
import { ConfigurationError } from "../../lib/ens/configuration-error";
import { resolveEnsEndpoint } from "../../lib/ens/resolve-endpoint";

const PROP = { value: "https://prop.example:8443", source: "endpoint (ENS_KEY_PAIR_ENDPOINT)" };

describe("resolveEnsEndpoint", () => {
  test("the explicit value wins, then ALIBABA_CLOUD_ENDPOINT_ENS, then ENS_ENDPOINT, then the public endpoint", () => {
    const env = { ALIBABA_CLOUD_ENDPOINT_ENS: "env.example", ENS_ENDPOINT: "http://127.0.0.1:8080" };

    expect(resolveEnsEndpoint(PROP, env)).toEqual({
      protocol: "https",
      host: "prop.example:8443",
      source: PROP.source,
    });
    expect(resolveEnsEndpoint({ ...PROP, value: undefined }, env)).toEqual({
      protocol: "https",
      host: "env.example",
      source: "ALIBABA_CLOUD_ENDPOINT_ENS",
    });
    expect(resolveEnsEndpoint(undefined, { ...env, ALIBABA_CLOUD_ENDPOINT_ENS: "" })).toEqual({
      protocol: "http",
      host: "127.0.0.1:8080",
      source: "ENS_ENDPOINT",
    });
    expect(resolveEnsEndpoint(undefined, {})).toEqual({
      protocol: "https",
      host: "ens.aliyuncs.com",
      source: "default",
    });
  });

  test("an invalid value is an error naming its source, never skipped", () => {
    expect(() =>
      resolveEnsEndpoint(undefined, {
        ALIBABA_CLOUD_ENDPOINT_ENS: "http://ens.example",
        ENS_ENDPOINT: "ok.example",
      }),
    ).toThrow(
      new ConfigurationError(
        'Invalid ALIBABA_CLOUD_ENDPOINT_ENS "http://ens.example": plain http:// is allowed only for loopback hosts (127.0.0.1, localhost, ::1), because credentials-signed requests must not travel unencrypted. Use https://ens.example.',
      ),
    );
  });
});
