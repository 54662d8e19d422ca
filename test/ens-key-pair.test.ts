import "cdktf/lib/testing/adapters/jest";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { App, TerraformStack, TerraformVariable, Testing } from "cdktf";
import { EnsKeyPair, EnsKeyPairProps, KeyPairMode, RemovalPolicy } from "../lib";
import { TerraformData } from "../lib/custom-resource/terraform-data";
import { ED25519_PUBLIC_KEY, RSA_PUBLIC_KEY, RSA_PUBLIC_KEY_MD5 } from "./fixtures/keys";
import { handlerCommandPattern, synthesizedData, synthesizedKeyPair } from "./support/synthesized-key-pair";

function stackWith(props: Partial<EnsKeyPairProps> = {}): { stack: TerraformStack; keyPair: EnsKeyPair } {
  const stack = new TerraformStack(Testing.app(), "stack");
  const keyPair = new EnsKeyPair(stack, "kp", {
    keyPairName: "my-key",
    privateKeyFile: "keys/my-key.pem",
    ...props,
  });
  return { stack, keyPair };
}

function synthError(props: Partial<EnsKeyPairProps>): string {
  try {
    stackWith(props);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error("expected synth to fail");
}

describe("synthesized shape", () => {
  test("a main resource with the delete step, and a create step that depends on it", () => {
    const { stack } = stackWith();
    const kp = synthesizedKeyPair(stack);
    expect(kp.input).toEqual({
      key_pair_name: "my-key",
      mode: "create",
      private_key_file: "keys/my-key.pem",
      removal_policy: "destroy",
      delete_timeout_seconds: "300",
    });
    // The claim: Terraform's apply time, recorded once and never updated (ignore_changes on that map entry only).
    expect(kp.inputExpressions).toEqual({ claimed_at: "timestamp()" });
    expect(kp.resource.lifecycle?.ignore_changes).toEqual(['input["claimed_at"]']);
    expect(kp.triggersReplace).toEqual({ key_pair_name: "my-key", mode: "create" });
    // The main resource has no create-time provisioner, so no failed or interrupted create can taint it.
    expect(kp.resource.provisioner).toHaveLength(1);
    expect(kp.deleteExec.when).toBe("destroy");
    expect(kp.deleteExec.command).toMatch(handlerCommandPattern("delete"));
    expect(kp.deleteExec.environment).toEqual({
      ENS_KEY_PAIR_NAME: '${try(self.input.key_pair_name, "")}',
      ENS_KEY_PAIR_MODE: '${try(self.input.mode, "")}',
      ENS_KEY_PAIR_PRIVATE_KEY_FILE: '${try(self.input.private_key_file, "")}',
      ENS_KEY_PAIR_REMOVAL_POLICY: '${try(self.input.removal_policy, "")}',
      ENS_KEY_PAIR_DELETE_TIMEOUT_SECONDS: '${try(self.input.delete_timeout_seconds, "")}',
      ENS_KEY_PAIR_CLAIMED_AT: '${try(self.input.claimed_at, "")}',
    });
    // The create step: the main resource's input plus the plan time, frozen once created; replaced with it.
    expect(kp.createStep.input).toBe(
      `\${merge(terraform_data.${kp.address}.input, {"planned_at" = plantimestamp()})}`,
    );
    expect(kp.createStep.triggers_replace).toBe(`\${terraform_data.${kp.address}.id}`);
    expect(kp.createStep.lifecycle?.ignore_changes).toEqual(["input"]);
    expect(kp.createStep.provisioner).toHaveLength(1);
    expect(kp.createExec.when).toBeUndefined();
    expect(kp.createExec.command).toBe(kp.deleteExec.command.replace(/delete$/, "create"));
    expect(kp.createExec.environment).toEqual({
      ENS_KEY_PAIR_NAME: "${self.input.key_pair_name}",
      ENS_KEY_PAIR_MODE: "${self.input.mode}",
      ENS_KEY_PAIR_PRIVATE_KEY_FILE: "${self.input.private_key_file}",
      ENS_KEY_PAIR_REMOVAL_POLICY: "${self.input.removal_policy}",
      ENS_KEY_PAIR_DELETE_TIMEOUT_SECONDS: "${self.input.delete_timeout_seconds}",
      ENS_KEY_PAIR_CLAIMED_AT: '${try(self.input.claimed_at, "")}',
      ENS_KEY_PAIR_PLANNED_AT: "${self.input.planned_at}",
    });
  });

  test("the provisioners reference only self, and no command holds an interpolation", () => {
    const { stack } = stackWith({
      endpoint: "https://ens.example.com",
      publicKey: RSA_PUBLIC_KEY,
      privateKeyFile: undefined,
    });
    const kp = synthesizedKeyPair(stack);
    for (const exec of [kp.deleteExec, kp.createExec]) {
      expect(exec.command).not.toContain("${");
      expect(exec.command).not.toMatch(/\$/);
      const references = [...JSON.stringify(exec).matchAll(/\$\{([^}]*)\}/g)].map((m) => m[1]);
      expect(references.length).toBeGreaterThan(0);
      for (const reference of references)
        expect(reference).toMatch(/^(self\.input\.[a-z_]+|try\(self\.input\.[a-z_]+, \\"\\"\))$/);
    }
  });

  test("import mode carries the normalized public key and its fingerprint, and both force a replacement", () => {
    const { stack, keyPair } = stackWith({ publicKey: `  ${RSA_PUBLIC_KEY}\n`, privateKeyFile: undefined });
    const kp = synthesizedKeyPair(stack);
    const normalized = RSA_PUBLIC_KEY.split(" ").slice(0, 2).join(" ");
    expect(keyPair.mode).toBe("import");
    expect(kp.input).toMatchObject({
      mode: "import",
      public_key: normalized,
      fingerprint: RSA_PUBLIC_KEY_MD5,
    });
    expect(kp.input.private_key_file).toBeUndefined();
    expect(kp.triggersReplace).toEqual({
      key_pair_name: "my-key",
      mode: "import",
      public_key: normalized,
      fingerprint: RSA_PUBLIC_KEY_MD5,
    });
    expect(kp.deleteExec.environment).toMatchObject({
      ENS_KEY_PAIR_PUBLIC_KEY: '${try(self.input.public_key, "")}',
      ENS_KEY_PAIR_FINGERPRINT: '${try(self.input.fingerprint, "")}',
    });
  });

  test("endpoint, removal policy and timeout travel in input; only the endpoint forces a replacement", () => {
    const { stack } = stackWith({
      endpoint: "http://127.0.0.1:8080",
      removalPolicy: RemovalPolicy.RETAIN,
      deleteTimeoutSeconds: 60,
    });
    const kp = synthesizedKeyPair(stack);
    expect(kp.input).toMatchObject({
      endpoint: "http://127.0.0.1:8080",
      removal_policy: "retain",
      delete_timeout_seconds: "60",
    });
    expect(kp.triggersReplace).toEqual({
      key_pair_name: "my-key",
      mode: "create",
      endpoint: "http://127.0.0.1:8080",
    });
    expect(kp.createExec.environment.ENS_KEY_PAIR_ENDPOINT).toBe("${self.input.endpoint}");
  });

  test("input values are escaped for HCL: quotes, backslashes, newlines and template sequences stay literal", () => {
    const file = 'keys/we"ird\\${x}%{y}\n\u0001.pem';
    const { stack } = stackWith({ privateKeyFile: file });
    expect(synthesizedKeyPair(stack).input.private_key_file).toBe(file);
  });

  test("all key pairs of a stack share one handler asset; each stack gets its own", () => {
    const app = Testing.app();
    const first = new TerraformStack(app, "first");
    const second = new TerraformStack(app, "second");
    for (const name of ["a1", "a2", "a3"])
      new EnsKeyPair(first, name, { keyPairName: name, privateKeyFile: `${name}.pem` });
    new EnsKeyPair(second, "b1", { keyPairName: "b1", privateKeyFile: "b1.pem" });
    const commands = Object.values(synthesizedData(first)).map((d) => d.provisioner[0]["local-exec"].command);
    expect(commands).toHaveLength(6);
    expect(new Set(commands.map((command) => command.replace(/ (create|delete)$/, ""))).size).toBe(1);
    expect(first.node.findAll().filter((c) => c.node.id === "EnsKeyPairHandler")).toHaveLength(1);
    expect(second.node.tryFindChild("EnsKeyPairHandler")).toBeDefined();
  });

  test("the handler asset is the build's folder (handler.js stays CommonJS), named by the build's content hash", () => {
    const { stack } = stackWith();
    const hash = fs.readFileSync(path.join(__dirname, "..", "dist", "handler.hash"), "utf8").trim();
    expect(synthesizedKeyPair(stack).createExec.command).toMatch(handlerCommandPattern("create", hash));
    const assetDir = path.join(__dirname, "..", "dist", "handler");
    expect(fs.readdirSync(assetDir).sort()).toEqual(["handler.js", "handler.js.map", "package.json"]);
    expect(JSON.parse(fs.readFileSync(path.join(assetDir, "package.json"), "utf8"))).toEqual({
      type: "commonjs",
    });
  });

  test("keyPairName references the create step's input, so users come after the create step", () => {
    const { stack, keyPair } = stackWith();
    new TerraformData(stack, "user", { input: { uses: keyPair.keyPairName } });
    const user = synthesizedData(stack).user.input as Record<string, string>;
    expect(user.uses).toBe(
      `\${terraform_data.${synthesizedKeyPair(stack).createAddress}.input.key_pair_name}`,
    );
  });

  test("no credential from the environment ends up in the synthesized JSON", () => {
    const secrets = {
      ALIBABA_CLOUD_ACCESS_KEY_ID: "LTAI-synth-test-id",
      ALIBABA_CLOUD_ACCESS_KEY_SECRET: "synth-test-secret-value",
      ALICLOUD_SECRET_KEY: "synth-test-alicloud-secret",
      ALIBABA_CLOUD_SECURITY_TOKEN: "synth-test-security-token",
    };
    const saved = { ...process.env };
    Object.assign(process.env, secrets);
    try {
      const { stack } = stackWith({ endpoint: "https://ens.example.com" });
      const json = Testing.synth(stack);
      for (const value of Object.values(secrets)) expect(json).not.toContain(value);
      expect(json).not.toMatch(/ACCESS_KEY|SECRET|SECURITY_TOKEN/);
    } finally {
      process.env = saved;
    }
  });
});

describe("warnings", () => {
  const warnings = (keyPair: EnsKeyPair) =>
    keyPair.node.metadata.filter((m) => m.type === "@cdktf/warn").map((m) => String(m.data));

  test("create mode without privateKeyFile warns that the private key is discarded", () => {
    const { keyPair } = stackWith({ privateKeyFile: undefined });
    expect(warnings(keyPair)).toEqual([expect.stringContaining("it will be discarded")]);
  });

  test("no warning with privateKeyFile or in import mode", () => {
    expect(warnings(stackWith().keyPair)).toEqual([]);
    expect(warnings(stackWith({ publicKey: RSA_PUBLIC_KEY, privateKeyFile: undefined }).keyPair)).toEqual([]);
  });
});

describe("synth-time validation", () => {
  test.each([["ab", "a".repeat(128), "a:b", "A_b-c:1", "httpkey", "Http-1"]])(
    "accepts valid names at the boundaries",
    (...names) => {
      for (const keyPairName of names) expect(() => stackWith({ keyPairName })).not.toThrow();
    },
  );

  test.each([
    ["a", /must be 2 to 128 characters long, and it is 1/],
    ["a".repeat(129), /must be 2 to 128 characters long, and it is 129/],
    ["1abc", /must start with a letter/],
    ["-abc", /must start with a letter/],
    ["ab$c", /may contain only letters, digits, ":", "_" and "-", but has "\$" at position 3/],
    ["ab c", /but has " " at position 3/],
    ["ab.c", /but has "\." at position 3/],
    ["http://key", /must not start with "http:\/\/" or "https:\/\/"/],
    ["https://key", /must not start with "http:\/\/" or "https:\/\/"/],
  ])("rejects the name %j naming the rule and the value", (keyPairName, message) => {
    const error = synthError({ keyPairName });
    expect(error).toMatch(message);
    expect(error).toContain(`EnsKeyPair at "stack/kp"`);
    expect(error).toContain(
      JSON.stringify(keyPairName.length > 80 ? `${keyPairName.slice(0, 80)}…` : keyPairName),
    );
  });

  test("a name that is a token is left to the handler's run-time check", () => {
    const stack = new TerraformStack(Testing.app(), "stack");
    const name = new TerraformVariable(stack, "name", { type: "string" });
    const keyPair = new EnsKeyPair(stack, "kp", { keyPairName: name.stringValue, privateKeyFile: "k.pem" });
    expect(synthesizedKeyPair(stack).input.key_pair_name).toBe("${var.name}");
    expect(keyPair.keyPairName).toBeDefined();
  });

  test.each([
    [ED25519_PUBLIC_KEY, /accepts only ssh-rsa keys, and this key is of type "ssh-ed25519"/],
    [`${RSA_PUBLIC_KEY}\n${RSA_PUBLIC_KEY}`, /must be a single line/],
    ["-----BEGIN PUBLIC KEY-----\nMIIB\n-----END PUBLIC KEY-----", /single line|PEM block/],
    ["-----BEGIN PUBLIC KEY----- MIIB", /PEM block/],
    ["ssh-rsa", /not base64 key data/],
    ["ssh-rsa not*base64", /not base64 key data/],
    [
      "ssh-rsa AAAAC3NzaC1lZDI1NTE5AAAAIBxPexoz7n/12ckcVwCkZf7SJOknwrZEjeqJ1YDIC6Wq",
      /not an ssh-rsa key blob/,
    ],
    [RSA_PUBLIC_KEY.slice(0, 60), /not an ssh-rsa key blob/],
  ])("rejects the public key %#", (publicKey, message) => {
    expect(synthError({ publicKey, privateKeyFile: undefined })).toMatch(message);
  });

  test.each([
    "ens.aliyuncs.com",
    "ens.aliyuncs.com:443",
    "https://ens.aliyuncs.com",
    "https://ens.aliyuncs.com/",
    "http://127.0.0.1:4567",
    "http://localhost:1",
    "http://[::1]:80",
  ])("accepts the endpoint %j", (endpoint) => {
    expect(() => stackWith({ endpoint })).not.toThrow();
  });

  test.each([
    [
      "http://ens.aliyuncs.com",
      /plain http:\/\/ is allowed only for loopback hosts .* Use https:\/\/ens\.aliyuncs\.com/,
    ],
    ["http://10.0.0.1:8080", /plain http:\/\/ is allowed only for loopback hosts/],
    ["ftp://ens.aliyuncs.com", /only https:\/\/ URLs/],
    ["https://ens.aliyuncs.com/v1", /without user, path, query or fragment/],
    ["https://user:pw@ens.aliyuncs.com", /without user, path, query or fragment/],
    ["", /neither a host name nor a URL|has no host name/],
  ])("rejects the endpoint %j", (endpoint, message) => {
    expect(synthError({ endpoint })).toMatch(message);
  });

  test.each([1, 300, 86400])("accepts deleteTimeoutSeconds %d", (deleteTimeoutSeconds) => {
    expect(() => stackWith({ deleteTimeoutSeconds })).not.toThrow();
  });

  test.each([0, -5, 1.5, 86401, Number.NaN])("rejects deleteTimeoutSeconds %d", (deleteTimeoutSeconds) => {
    expect(synthError({ deleteTimeoutSeconds })).toMatch(
      /deleteTimeoutSeconds must be a whole number of seconds from 1 to 86400/,
    );
  });

  test("rejects an unknown removal policy", () => {
    expect(synthError({ removalPolicy: "keep" as never })).toMatch(
      /removalPolicy must be "destroy" or "retain", and it is "keep"/,
    );
  });

  test("rejects privateKeyFile in import mode and an empty privateKeyFile", () => {
    expect(synthError({ publicKey: RSA_PUBLIC_KEY })).toMatch(
      /an imported key pair has no private key to write/,
    );
    expect(synthError({ privateKeyFile: " " })).toMatch(/privateKeyFile is an empty string/);
  });

  test("a relative privateKeyFile is kept as written (the handler resolves it against the project at run time)", () => {
    const { stack } = stackWith({ privateKeyFile: "../keys/k.pem" });
    expect(synthesizedKeyPair(stack).input.private_key_file).toBe("../keys/k.pem");
  });

  test("the same project synthesized in two folders gives the same resources, byte for byte", () => {
    const synthIn = (folder: string) => {
      const previous = process.cwd();
      process.chdir(folder);
      try {
        const { stack } = stackWith({ privateKeyFile: "keys/k.pem" });
        new EnsKeyPair(stack, "imported", { keyPairName: "imported", publicKey: RSA_PUBLIC_KEY });
        return JSON.stringify(JSON.parse(Testing.synth(stack)).resource);
      } finally {
        process.chdir(previous);
      }
    };
    const [a, b] = ["a", "b"].map((name) => fs.mkdtempSync(path.join(os.tmpdir(), `ens-checkout-${name}-`)));
    try {
      expect(synthIn(a)).toBe(synthIn(b));
      expect(synthIn(a)).not.toContain(a);
      expect(synthIn(a)).not.toContain(os.homedir());
    } finally {
      for (const folder of [a, b]) fs.rmSync(folder, { recursive: true, force: true });
    }
  });

  test("a full app synth (with validations) succeeds", () => {
    const app = new App({ outdir: Testing.app().outdir });
    new EnsKeyPair(new TerraformStack(app, "s"), "kp", { keyPairName: "kp", privateKeyFile: "kp.pem" });
    expect(() => app.synth()).not.toThrow();
  });
});

describe("create_before_destroy is refused at synth", () => {
  function validationErrors(configure: (keyPair: EnsKeyPair) => void): string[] {
    const { keyPair } = stackWith();
    configure(keyPair);
    return keyPair.node.validate();
  }

  test("set through either resource's lifecycle", () => {
    const errors = validationErrors((kp) => (kp.resource.lifecycle = { createBeforeDestroy: true }));
    expect(errors).toEqual([
      expect.stringMatching(
        /create_before_destroy is set on its resource, but Terraform does not run destroy-time/,
      ),
    ]);
    const onCreateStep = validationErrors((kp) => (kp.createStep.lifecycle = { createBeforeDestroy: true }));
    expect(onCreateStep).toEqual([expect.stringMatching(/create_before_destroy is set on its createStep/)]);
  });

  test("set through an override", () => {
    const errors = validationErrors((kp) => kp.resource.addOverride("lifecycle.create_before_destroy", true));
    expect(errors).toEqual([expect.stringContaining("would leave the old key in Alibaba Cloud")]);
    const onCreateStep = validationErrors((kp) =>
      kp.createStep.addOverride("lifecycle.create_before_destroy", true),
    );
    expect(onCreateStep).toEqual([expect.stringContaining("on its createStep")]);
  });

  test("other lifecycle settings pass, and app synth fails with the message when CBD is set", () => {
    expect(validationErrors((kp) => (kp.resource.lifecycle = { preventDestroy: true }))).toEqual([]);
    const app = new App({ outdir: Testing.app().outdir });
    const keyPair = new EnsKeyPair(new TerraformStack(app, "s"), "kp", {
      keyPairName: "kp",
      privateKeyFile: "kp.pem",
    });
    keyPair.resource.lifecycle = { createBeforeDestroy: true };
    expect(() => app.synth()).toThrow(/create_before_destroy is set/);
  });
});

describe("adopting an existing key pair", () => {
  test("adoptExisting travels in input (not a replacement trigger) and silences the discarded-key warning", () => {
    const { stack, keyPair } = stackWith({ adoptExisting: true, privateKeyFile: undefined });
    const kp = synthesizedKeyPair(stack);
    expect(kp.input.adopt_existing).toBe("true");
    expect(kp.triggersReplace.adopt_existing).toBeUndefined();
    expect(kp.createExec.environment.ENS_KEY_PAIR_ADOPT_EXISTING).toBe("${self.input.adopt_existing}");
    expect(keyPair.node.metadata.filter((m) => m.type === "@cdktf/warn")).toEqual([]);
  });

  test("keyPairId is part of the identity and reaches the delete step", () => {
    const { stack } = stackWith({
      adoptExisting: true,
      keyPairId: "ssh-5lywanlkih1zo9yl8eg",
      privateKeyFile: undefined,
    });
    const kp = synthesizedKeyPair(stack);
    expect(kp.triggersReplace.key_pair_id).toBe("ssh-5lywanlkih1zo9yl8eg");
    expect(kp.deleteExec.environment.ENS_KEY_PAIR_ID).toBe('${try(self.input.key_pair_id, "")}');
  });

  test.each([
    [{ keyPairId: "ssh-abc", privateKeyFile: undefined }, /keyPairId is set without adoptExisting: true/],
    [
      { adoptExisting: true, keyPairId: "key-1", privateKeyFile: undefined },
      /Invalid keyPairId "key-1": a KeyPairId is "ssh-" followed by letters and digits/,
    ],
    [{ adoptExisting: true }, /privateKeyFile is set together with adoptExisting/],
  ])("rejects %j", (props, message) => {
    expect(synthError(props as Partial<EnsKeyPairProps>)).toMatch(message);
  });
});

// RemovalPolicy and KeyPairMode became enums for jsii. Their values land in `input` and `triggers_replace`, which
// deployed stacks hold in state: a changed string would replace (and so delete and re-create) every key pair.
describe("the jsii enums synthesize the strings release 0.1 did", () => {
  function synthesized(removalPolicy?: RemovalPolicy): string {
    const stack = new TerraformStack(Testing.app(), "stack");
    new EnsKeyPair(stack, "kp", { keyPairName: "my-key", privateKeyFile: "keys/my-key.pem", removalPolicy });
    new EnsKeyPair(stack, "imp", { keyPairName: "my:imported", publicKey: RSA_PUBLIC_KEY, removalPolicy });
    return Testing.synth(stack);
  }

  test("the enum values are the strings 0.1 synthesized", () => {
    expect({ ...RemovalPolicy }).toEqual({ DESTROY: "destroy", RETAIN: "retain" });
    expect({ ...KeyPairMode }).toEqual({ CREATE: "create", IMPORT: "import" });
    expect(stackWith().keyPair.mode).toBe("create");
    expect(stackWith({ publicKey: RSA_PUBLIC_KEY, privateKeyFile: undefined }).keyPair.mode).toBe("import");
  });

  test("a JavaScript caller's plain string and the enum give the same stack, byte for byte", () => {
    expect(synthesized(RemovalPolicy.RETAIN)).toBe(synthesized("retain" as never));
    expect(synthesized(RemovalPolicy.DESTROY)).toBe(synthesized("destroy" as never));
    expect(synthesized(RemovalPolicy.DESTROY)).toBe(synthesized());
  });

  test("input and triggers_replace are the ones the code before the enums rendered, byte for byte", () => {
    // Captured from the code before this change (string constants), for the same two key pairs.
    const data = JSON.parse(synthesized(RemovalPolicy.RETAIN)).resource.terraform_data;
    const keyLine = RSA_PUBLIC_KEY.split(" ").slice(0, 2).join(" "); // normalized: the comment is dropped
    expect(data.kp_DB7E7756.input).toBe(
      '${tomap({"key_pair_name" = "my-key", "mode" = "create", "removal_policy" = "retain", ' +
        '"delete_timeout_seconds" = "300", "private_key_file" = "keys/my-key.pem", "claimed_at" = timestamp()})}',
    );
    expect(data.kp_DB7E7756.triggers_replace).toEqual({ key_pair_name: "my-key", mode: "create" });
    expect(data.imp_C5BA870C.input).toBe(
      `\${tomap({"key_pair_name" = "my:imported", "mode" = "import", "public_key" = "${keyLine}", ` +
        `"fingerprint" = "${RSA_PUBLIC_KEY_MD5}", "removal_policy" = "retain", "delete_timeout_seconds" = "300", ` +
        '"claimed_at" = timestamp()})}',
    );
    expect(data.imp_C5BA870C.triggers_replace).toEqual({
      fingerprint: RSA_PUBLIC_KEY_MD5,
      key_pair_name: "my:imported",
      mode: "import",
      public_key: keyLine,
    });
  });
});
