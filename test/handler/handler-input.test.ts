import * as path from "node:path";
import * as os from "node:os";
import * as fs from "node:fs";
/**
 * Reading and re-validating the handler's env input.
 */
import { ConfigurationError } from "../../lib/ens/configuration-error";
import { readCreateInput, readDeleteInput } from "../../lib/handler/handler-input";
import { RSA_PUBLIC_KEY, RSA_PUBLIC_KEY_MD5 } from "../fixtures/keys";

const NAME = { ENS_KEY_PAIR_NAME: "my-key" };

describe("readCreateInput", () => {
  test("create mode with defaults", () => {
    expect(
      readCreateInput({ ...NAME, ENS_KEY_PAIR_MODE: "create", ENS_KEY_PAIR_PRIVATE_KEY_FILE: "" }),
    ).toEqual({
      keyPairName: "my-key",
      mode: "create",
      endpoint: undefined,
      deleteTimeoutMs: 300_000,
      privateKeyFile: undefined,
      onCiRunner: false,
      adoptExisting: false,
      keyPairId: undefined,
    });
  });

  test('adoption: "true" adopts, "" and "false" do not, a KeyPairId comes with it', () => {
    expect(readCreateInput({ ...NAME, ENS_KEY_PAIR_ADOPT_EXISTING: "true" }).adoptExisting).toBe(true);
    expect(readCreateInput({ ...NAME, ENS_KEY_PAIR_ADOPT_EXISTING: "" }).adoptExisting).toBe(false);
    expect(readCreateInput({ ...NAME, ENS_KEY_PAIR_ADOPT_EXISTING: "false" }).adoptExisting).toBe(false);
    expect(
      readCreateInput({ ...NAME, ENS_KEY_PAIR_ADOPT_EXISTING: "true", ENS_KEY_PAIR_ID: "ssh-abc123" }),
    ).toMatchObject({ adoptExisting: true, keyPairId: "ssh-abc123" });
    expect(readCreateInput({ ...NAME, ENS_KEY_PAIR_ID: "" }).keyPairId).toBeUndefined();
  });

  test("import mode normalizes the key (drops the comment) and computes its fingerprint", () => {
    const input = readCreateInput({
      ...NAME,
      ENS_KEY_PAIR_MODE: "import",
      ENS_KEY_PAIR_PUBLIC_KEY: `  ${RSA_PUBLIC_KEY}\n`,
    });

    expect(input).toMatchObject({
      mode: "import",
      publicKey: RSA_PUBLIC_KEY.split(" ").slice(0, 2).join(" "),
      fingerprint: RSA_PUBLIC_KEY_MD5,
    });
  });

  test("without a mode, a public key means import", () => {
    expect(readCreateInput({ ...NAME, ENS_KEY_PAIR_PUBLIC_KEY: RSA_PUBLIC_KEY }).mode).toBe("import");
    expect(readCreateInput(NAME).mode).toBe("create");
  });

  test("the expected fingerprint is compared case-insensitively", () => {
    const env = {
      ...NAME,
      ENS_KEY_PAIR_PUBLIC_KEY: RSA_PUBLIC_KEY,
      ENS_KEY_PAIR_FINGERPRINT: RSA_PUBLIC_KEY_MD5.toUpperCase(),
    };

    expect(readCreateInput(env).mode).toBe("import");
  });

  test.each([
    [{ ENS_KEY_PAIR_MODE: "generate" }, 'Invalid ENS_KEY_PAIR_MODE "generate"'],
    [{ ENS_KEY_PAIR_MODE: "create", ENS_KEY_PAIR_PUBLIC_KEY: RSA_PUBLIC_KEY }, 'set the mode to "import"'],
    [{ ENS_KEY_PAIR_MODE: "import" }, "ENS_KEY_PAIR_PUBLIC_KEY is not set"],
    [
      { ENS_KEY_PAIR_PUBLIC_KEY: RSA_PUBLIC_KEY, ENS_KEY_PAIR_PRIVATE_KEY_FILE: "/tmp/k" },
      "is set in import mode",
    ],
    [{ ENS_KEY_PAIR_PUBLIC_KEY: "-----BEGIN PUBLIC KEY-----" }, "it is a PEM block"],
    [{ ENS_KEY_PAIR_DELETE_TIMEOUT_SECONDS: "-1" }, "whole number of seconds from 1 to 86400"],
    [{ ENS_KEY_PAIR_NAME: "http://x" }, 'must not start with "http://"'],
    [{ ENS_KEY_PAIR_ADOPT_EXISTING: "yes" }, 'Invalid ENS_KEY_PAIR_ADOPT_EXISTING "yes"'],
    [{ ENS_KEY_PAIR_ID: "ssh-abc" }, "is set without ENS_KEY_PAIR_ADOPT_EXISTING=true"],
    [{ ENS_KEY_PAIR_ADOPT_EXISTING: "true", ENS_KEY_PAIR_ID: "abc" }, 'Invalid ENS_KEY_PAIR_ID "abc"'],
    [
      { ENS_KEY_PAIR_ADOPT_EXISTING: "true", ENS_KEY_PAIR_PRIVATE_KEY_FILE: "/tmp/k" },
      "private key is not available",
    ],
  ])("%j is refused", (env, message) => {
    expect(() => readCreateInput({ ...NAME, ...env })).toThrow(ConfigurationError);
    expect(() => readCreateInput({ ...NAME, ...env })).toThrow(message);
  });
});

describe("a relative private key file is relative to the cdktf project above the stack folder", () => {
  const project = fs.mkdtempSync(path.join(os.tmpdir(), "ens-project-"));
  const stackFolder = path.join(project, "cdktf.out", "stacks", "edge");
  fs.mkdirSync(stackFolder, { recursive: true });
  afterAll(() => fs.rmSync(project, { recursive: true, force: true }));

  test("found through cdktf.json, from the stack folder Terraform runs the handler in", () => {
    fs.writeFileSync(path.join(project, "cdktf.json"), "{}");
    const input = readCreateInput({ ...NAME, ENS_KEY_PAIR_PRIVATE_KEY_FILE: "keys/web.pem" }, stackFolder);
    expect(input).toMatchObject({ privateKeyFile: path.join(project, "keys", "web.pem") });
    fs.rmSync(path.join(project, "cdktf.json"));
  });

  test("an absolute path is used as it is", () => {
    const input = readCreateInput(
      { ...NAME, ENS_KEY_PAIR_PRIVATE_KEY_FILE: "/srv/keys/web.pem" },
      stackFolder,
    );
    expect(input).toMatchObject({ privateKeyFile: "/srv/keys/web.pem" });
  });

  test("with no cdktf.json above the stack folder, refused with the fix", () => {
    const read = () => readCreateInput({ ...NAME, ENS_KEY_PAIR_PRIVATE_KEY_FILE: "./id_rsa" }, stackFolder);
    expect(read).toThrow(ConfigurationError);
    expect(read).toThrow(
      `no cdktf.json was found in ${stackFolder} or above it (Terraform runs the handler in the stack folder`,
    );
    expect(read).toThrow("or give privateKeyFile as an absolute path");
  });
});

describe("readDeleteInput", () => {
  test("defaults: destroy, 300 s", () => {
    expect(readDeleteInput(NAME)).toEqual({
      keyPairName: "my-key",
      endpoint: undefined,
      deleteTimeoutMs: 300_000,
      removalPolicy: "destroy",
      adoptExisting: false,
    });
  });

  test("accepts a timeout in whole seconds, and the retain policy", () => {
    expect(readDeleteInput({ ...NAME, ENS_KEY_PAIR_DELETE_TIMEOUT_SECONDS: "86400" })).toMatchObject({
      deleteTimeoutMs: 86_400_000,
      removalPolicy: "destroy",
    });
    expect(readDeleteInput({ ...NAME, ENS_KEY_PAIR_REMOVAL_POLICY: "retain" })).toMatchObject({
      removalPolicy: "retain",
    });
  });

  test("ignores create-only values, so a stale one never blocks a destroy", () => {
    expect(() =>
      readDeleteInput({
        ...NAME,
        ENS_KEY_PAIR_PUBLIC_KEY: "not a key",
        ENS_KEY_PAIR_PRIVATE_KEY_FILE: "relative",
      }),
    ).not.toThrow();
  });

  test("the imported key's fingerprint: recorded (kept as written), else computed from the public key", () => {
    expect(
      readDeleteInput({ ...NAME, ENS_KEY_PAIR_FINGERPRINT: RSA_PUBLIC_KEY_MD5.toUpperCase() }),
    ).toMatchObject({ fingerprint: RSA_PUBLIC_KEY_MD5.toUpperCase() });
    const plainHex = RSA_PUBLIC_KEY_MD5.replace(/:/g, "");
    expect(readDeleteInput({ ...NAME, ENS_KEY_PAIR_FINGERPRINT: plainHex })).toMatchObject({
      fingerprint: plainHex,
    });
    expect(
      readDeleteInput({ ...NAME, ENS_KEY_PAIR_MODE: "import", ENS_KEY_PAIR_PUBLIC_KEY: RSA_PUBLIC_KEY }),
    ).toMatchObject({ fingerprint: RSA_PUBLIC_KEY_MD5 });
    expect(
      readDeleteInput({ ...NAME, ENS_KEY_PAIR_MODE: "create", ENS_KEY_PAIR_FINGERPRINT: "" }).fingerprint,
    ).toBeUndefined();
  });

  test("a recorded fingerprint is used as is, without parsing the public key", () => {
    const input = readDeleteInput({
      ...NAME,
      ENS_KEY_PAIR_MODE: "import",
      ENS_KEY_PAIR_PUBLIC_KEY: "a key a later version no longer parses",
      ENS_KEY_PAIR_FINGERPRINT: RSA_PUBLIC_KEY_MD5,
    });

    expect(input.fingerprint).toBe(RSA_PUBLIC_KEY_MD5);
  });

  test("a KeyPairId is read without needing adoption (the delete step deletes by it)", () => {
    expect(readDeleteInput({ ...NAME, ENS_KEY_PAIR_ID: "ssh-abc123" }).keyPairId).toBe("ssh-abc123");
    expect(readDeleteInput({ ...NAME, ENS_KEY_PAIR_ID: "" }).keyPairId).toBeUndefined();
  });

  test.each([
    [{ ENS_KEY_PAIR_FINGERPRINT: "f1:63" }, 'Invalid ENS_KEY_PAIR_FINGERPRINT "f1:63"'],
    [{ ENS_KEY_PAIR_MODE: "import" }, "needs the imported key's fingerprint"],
    [{ ENS_KEY_PAIR_MODE: "import", ENS_KEY_PAIR_PUBLIC_KEY: "ssh-dss AAAA" }, "ssh-rsa"],
    [{ ENS_KEY_PAIR_ID: "ssh-" }, 'Invalid ENS_KEY_PAIR_ID "ssh-"'],
  ])("%j is refused", (env, message) => {
    expect(() => readDeleteInput({ ...NAME, ...env })).toThrow(ConfigurationError);
    expect(() => readDeleteInput({ ...NAME, ...env })).toThrow(message);
  });

  // The synth rule (ens-key-pair.test.ts): whole seconds from 1 to 86400.
  test.each(["0", "1e3", "Infinity", "5s", " ", "0.25", "86401"])("timeout %j is refused", (value) => {
    expect(() => readDeleteInput({ ...NAME, ENS_KEY_PAIR_DELETE_TIMEOUT_SECONDS: value })).toThrow(
      "it must be a whole number of seconds from 1 to 86400",
    );
  });

  test("a retained key pair makes no call, so a timeout the rule refuses does not block forgetting it", () => {
    const env = {
      ...NAME,
      ENS_KEY_PAIR_REMOVAL_POLICY: "retain",
      ENS_KEY_PAIR_DELETE_TIMEOUT_SECONDS: "0.25",
    };
    expect(readDeleteInput(env).removalPolicy).toBe("retain");
  });
});
