/**
 * The proof of the mission: real `terraform apply` / `terraform destroy` of synthesized EnsKeyPair stacks against the
 * ENS emulator, asserting the emulator's key pairs, the calls it received, the exit codes and Terraform state.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { EnsKeyPair, RemovalPolicy, RetiredEnsKeyPair } from "../../lib";
import {
  isPublicKeyViolation,
  md5Fingerprint,
  parseSshRsaPublicKey,
  sshRsaPublicKeyOf,
} from "../../lib/shared/public-key";
import { DEFAULT_READINGS, EnsEmulator, FINGERPRINT_FORMATS, FingerprintFormat } from "../../lib/testing";
import { RSA_PUBLIC_KEY, RSA_PUBLIC_KEY_MD5 } from "../fixtures/keys";
import { TerraformWorkspace, terraformAvailable } from "../support/terraform";

const describeWithTerraform = terraformAvailable() ? describe : describe.skip;

function fingerprintOfPrivateKeyFile(file: string): string {
  const parsed = parseSshRsaPublicKey(sshRsaPublicKeyOf(fs.readFileSync(file, "utf8")));
  if (isPublicKeyViolation(parsed)) throw new Error(parsed.message);
  return md5Fingerprint(parsed.blob);
}

describeWithTerraform("terraform apply/destroy against the ENS emulator", () => {
  let emulator: EnsEmulator;
  let workspace: TerraformWorkspace;
  /** The reading of KeyPairFingerPrint the next emulator plays (a describe block below picks each in turn). */
  let fingerprintFormat: FingerprintFormat = DEFAULT_READINGS.fingerprintFormat;

  beforeEach(async () => {
    emulator = await EnsEmulator.start({ rsaBits: 1024, readings: { fingerprintFormat } });
    workspace = new TerraformWorkspace("keys", emulator.env());
  });

  afterEach(async () => {
    await emulator.stop();
    workspace.dispose();
  });

  /** `Action:name:code`; a call by KeyPairId shows `<id>` for the name. */
  const actions = () =>
    emulator
      .calls()
      .map(
        (c) => `${c.action}:${c.params.KeyPairName ?? (c.params.KeyPairId ? "<id>" : "")}:${c.code ?? "ok"}`,
      );

  test("(a) apply creates and imports the keys; destroy deletes them all and empties the state", async () => {
    const keyFile = path.join(workspace.dir, "keys", "web.pem");
    workspace.synth((stack) => {
      new EnsKeyPair(stack, "web", { keyPairName: "web", privateKeyFile: keyFile });
      new EnsKeyPair(stack, "batch", { keyPairName: "batch" });
      new EnsKeyPair(stack, "ops", { keyPairName: "ops", publicKey: RSA_PUBLIC_KEY });
    });

    const apply = await workspace.apply();
    expect(apply.exitCode).toBe(0);
    expect(
      emulator
        .keyPairs()
        .map((k) => k.keyPairName)
        .sort(),
    ).toEqual(["batch", "ops", "web"]);
    expect(emulator.keyPair("ops")?.fingerprint).toBe(RSA_PUBLIC_KEY_MD5);
    expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(fingerprintOfPrivateKeyFile(keyFile)).toBe(emulator.keyPair("web")?.fingerprint);
    // Two resources per key pair: the main one (identity, claim, delete step) and its create step.
    expect((await workspace.stateList()).length).toBe(6);

    const privateKey = fs.readFileSync(keyFile, "utf8");
    const keyBody = privateKey.split("\n")[1];
    const secret = emulator.credentials.accessKeySecret;
    for (const text of [apply.output, fs.readFileSync(workspace.stateFile, "utf8")]) {
      expect(text).not.toContain(keyBody);
      expect(text).not.toContain(secret);
    }

    const destroy = await workspace.destroy();
    expect(destroy.exitCode).toBe(0);
    expect(destroy.output).not.toContain(secret);
    expect(emulator.keyPairs()).toEqual([]);
    expect(await workspace.stateList()).toEqual([]);
    expect(
      actions()
        .filter((a) => a.startsWith("DeleteKeyPairs"))
        .sort(),
    ).toEqual(["DeleteKeyPairs:batch:ok", "DeleteKeyPairs:ops:ok", "DeleteKeyPairs:web:ok"]);
  });

  test("(b) a key deleted out of band is 'already deleted' and destroy succeeds", async () => {
    workspace.synth((stack) => new EnsKeyPair(stack, "kp", { keyPairName: "gone-early" }));
    expect((await workspace.apply()).exitCode).toBe(0);
    expect(emulator.deleteKeyPair("gone-early")).toBe(true);

    const destroy = await workspace.destroy();
    expect(destroy.exitCode).toBe(0);
    expect(destroy.output).toMatch(
      /DeleteKeyPairs key_pair_name="gone-early" attempt=1 outcome=already-deleted code=PubKeyNameNotExist/,
    );
    expect(await workspace.stateList()).toEqual([]);
    expect(actions()).toEqual([
      "CreateKeyPair:gone-early:ok",
      "DescribeKeyPairs:gone-early:ok",
      "DeleteKeyPairs:gone-early:PubKeyNameNotExist",
    ]);
  });

  test("(c) NoPermission fails the destroy and keeps state and key; once granted, destroy succeeds", async () => {
    workspace.synth((stack) => new EnsKeyPair(stack, "kp", { keyPairName: "guarded" }));
    expect((await workspace.apply()).exitCode).toBe(0);
    const main = (await workspace.stateList()).filter((address) => !address.includes("_Create_"));

    emulator.faults.noPermission("DeleteKeyPairs");
    const denied = await workspace.destroy();
    expect(denied.exitCode).not.toBe(0);
    expect(denied.output).toContain("ens:DeleteKeyPairs");
    // The create step (no delete step of its own) is gone; the main resource, which runs the delete, stays.
    expect(await workspace.stateList()).toEqual(main);
    expect(emulator.keyPair("guarded")).toBeDefined();

    emulator.faults.clear();
    const granted = await workspace.destroy();
    expect(granted.exitCode).toBe(0);
    expect(await workspace.stateList()).toEqual([]);
    expect(emulator.keyPairs()).toEqual([]);
  });

  test("(d) a name containing ':' (which breaks the provider's ID) goes through create and delete", async () => {
    workspace.synth((stack) => new EnsKeyPair(stack, "kp", { keyPairName: "team:web:key-1" }));
    expect((await workspace.apply()).exitCode).toBe(0);
    expect(emulator.keyPair("team:web:key-1")).toBeDefined();
    expect((await workspace.destroy()).exitCode).toBe(0);
    expect(emulator.keyPairs()).toEqual([]);
    expect(actions()).toEqual([
      "CreateKeyPair:team:web:key-1:ok",
      "DescribeKeyPairs:team:web:key-1:ok",
      "DeleteKeyPairs:team:web:key-1:ok",
    ]);
  });

  test("(e) renaming a key pair replaces it: the old key is deleted, the new one created", async () => {
    workspace.synth((stack) => new EnsKeyPair(stack, "kp", { keyPairName: "old-name" }));
    expect((await workspace.apply()).exitCode).toBe(0);
    const addressesBefore = await workspace.stateList();

    workspace.synth((stack) => new EnsKeyPair(stack, "kp", { keyPairName: "new-name" }));
    const rename = await workspace.apply();
    expect(rename.exitCode).toBe(0);
    expect(rename.output).toMatch(/2 added, 0 changed, 2 destroyed/);
    expect(emulator.keyPairs().map((k) => k.keyPairName)).toEqual(["new-name"]);
    expect(await workspace.stateList()).toEqual(addressesBefore);
    expect(actions()).toEqual([
      "CreateKeyPair:old-name:ok",
      "DescribeKeyPairs:old-name:ok",
      "DeleteKeyPairs:old-name:ok",
      "CreateKeyPair:new-name:ok",
    ]);
  });

  test("a failed create leaves nothing behind: the key is rolled back, and destroy still runs the delete step", async () => {
    const blocker = path.join(workspace.dir, "not-a-dir");
    fs.writeFileSync(blocker, "");
    workspace.synth(
      (stack) =>
        new EnsKeyPair(stack, "kp", {
          keyPairName: "rolled-back",
          privateKeyFile: path.join(blocker, "k.pem"),
        }),
    );
    const apply = await workspace.apply();
    expect(apply.exitCode).not.toBe(0);
    expect(emulator.keyPairs()).toEqual([]);
    expect(actions()).toEqual(["CreateKeyPair:rolled-back:ok", "DeleteKeyPairs:<id>:ok"]);
    // Only the create step is tainted; the main resource stays in state untainted, so its delete step still runs.
    const show = await workspace.terraform("show", "-no-color");
    expect(show.output).toMatch(/# terraform_data\.kp_Create_[0-9A-F]{8}: \(tainted\)/);
    expect(show.output).toMatch(/# terraform_data\.kp_[0-9A-F]{8}:\n/);
    const destroy = await workspace.destroy();
    expect(destroy.exitCode).toBe(0);
    expect(destroy.output).toContain("outcome=already-deleted code=PubKeyNameNotExist");
    expect(await workspace.stateList()).toEqual([]);
  });

  test("removalPolicy retain: destroy forgets the key and leaves it in the cloud, saying so", async () => {
    workspace.synth(
      (stack) => new EnsKeyPair(stack, "kp", { keyPairName: "kept", removalPolicy: RemovalPolicy.RETAIN }),
    );
    expect((await workspace.apply()).exitCode).toBe(0);
    const destroy = await workspace.destroy();
    expect(destroy.exitCode).toBe(0);
    expect(destroy.output).toMatch(/retained/);
    expect(emulator.keyPair("kept")).toBeDefined();
    expect(await workspace.stateList()).toEqual([]);
  });

  test("removing the construct from code leaks the key (Terraform's hole); RetiredEnsKeyPair closes it", async () => {
    workspace.synth((stack) => {
      new EnsKeyPair(stack, "leaky", { keyPairName: "leaky" });
      new EnsKeyPair(stack, "retired", { keyPairName: "retired", endpoint: emulator.endpoint });
    });
    expect((await workspace.apply()).exitCode).toBe(0);

    workspace.synth((stack) => new RetiredEnsKeyPair(stack, "retired"));
    const apply = await workspace.apply();
    expect(apply.exitCode).toBe(0);
    expect(await workspace.stateList()).toEqual([]);
    // "leaky" was simply deleted from code: Terraform forgot it without running its destroy provisioner.
    expect(emulator.keyPairs().map((k) => k.keyPairName)).toEqual(["leaky"]);
    expect(actions().filter((a) => a.startsWith("DeleteKeyPairs"))).toEqual(["DeleteKeyPairs:retired:ok"]);
  });

  // Import mode compares the recorded fingerprint with DescribeKeyPairs': under both readings of the wire.
  describe.each(FINGERPRINT_FORMATS)("import mode, readings.fingerprintFormat %s", (format) => {
    beforeAll(() => (fingerprintFormat = format));
    afterAll(() => (fingerprintFormat = DEFAULT_READINGS.fingerprintFormat));

    test("an import whose answer was lost is recognised by its fingerprint; destroy finds it and deletes it", async () => {
      workspace.synth(
        (stack) => new EnsKeyPair(stack, "kp", { keyPairName: "ops", publicKey: RSA_PUBLIC_KEY }),
      );
      emulator.faults.loseResponse("ImportKeyPair", 1);

      const apply = await workspace.apply();
      expect(apply.exitCode).toBe(0);
      expect(apply.output).toContain('key pair "ops" already imported with the same public key');
      expect(emulator.keyPair("ops")?.fingerprint).toBe(RSA_PUBLIC_KEY_MD5);

      const destroy = await workspace.destroy();
      expect(destroy.exitCode).toBe(0);
      expect(emulator.keyPairs()).toEqual([]);
      expect(await workspace.stateList()).toEqual([]);
      expect(actions()).toEqual([
        "ImportKeyPair:ops:ok",
        "ImportKeyPair:ops:PubKeyNameExisted",
        "DescribeKeyPairs:ops:ok",
        "DescribeKeyPairs:ops:ok",
        "DeleteKeyPairs:ops:ok",
      ]);
    });

    test("a name reused by another key is left alone on destroy, and the destroy still succeeds", async () => {
      workspace.synth(
        (stack) => new EnsKeyPair(stack, "kp", { keyPairName: "shared-name", publicKey: RSA_PUBLIC_KEY }),
      );
      expect((await workspace.apply()).exitCode).toBe(0);
      emulator.deleteKeyPair("shared-name");
      const stranger = emulator.addKeyPair({ keyPairName: "shared-name" });

      const destroy = await workspace.destroy();
      expect(destroy.exitCode).toBe(0);
      expect(destroy.output).toMatch(/outcome=name-reused/);
      expect(await workspace.stateList()).toEqual([]);
      expect(emulator.keyPair("shared-name")?.fingerprint).toBe(stranger.fingerprint);
      expect(actions().filter((a) => a.startsWith("DeleteKeyPairs"))).toEqual([]);
    });
  });

  test("adoptExisting takes over an existing key (as after moving off alicloud_ens_key_pair); destroy deletes it", async () => {
    // Made an hour before this stack claims the name: someone else's key, as far as the stack can tell.
    const existing = emulator.addKeyPair({
      keyPairName: "legacy-key",
      creationTime: new Date(Date.now() - 3_600_000),
    });
    workspace.synth((stack) => new EnsKeyPair(stack, "kp", { keyPairName: "legacy-key" }));
    const refused = await workspace.apply();
    expect(refused.exitCode).not.toBe(0);
    expect(refused.output).toMatch(/already taken by another key pair/);
    expect((await workspace.destroy()).exitCode).toBe(0);
    expect(emulator.keyPair("legacy-key")?.keyPairId).toBe(existing.keyPairId);

    workspace.synth(
      (stack) => new EnsKeyPair(stack, "kp", { keyPairName: "legacy-key", adoptExisting: true }),
    );
    const adopted = await workspace.apply();
    expect(adopted.exitCode).toBe(0);
    expect(adopted.output).toMatch(/outcome=adopted/);
    expect(emulator.keyPair("legacy-key")?.keyPairId).toBe(existing.keyPairId);
    expect((await workspace.destroy()).exitCode).toBe(0);
    expect(emulator.keyPairs()).toEqual([]);
  });

  test("an adopted key with keyPairId is deleted by ID", async () => {
    const existing = emulator.addKeyPair({ keyPairName: "by-id" });
    workspace.synth(
      (stack) =>
        new EnsKeyPair(stack, "kp", {
          keyPairName: "by-id",
          adoptExisting: true,
          keyPairId: existing.keyPairId,
        }),
    );
    expect((await workspace.apply()).exitCode).toBe(0);
    expect((await workspace.destroy()).exitCode).toBe(0);
    expect(emulator.keyPairs()).toEqual([]);
    const deletes = emulator.calls().filter((c) => c.action === "DeleteKeyPairs");
    expect(deletes.map((c) => c.params)).toEqual([{ KeyPairId: existing.keyPairId }]);
  });

  test('works in a project whose package.json says "type": "module" (the handler asset stays CommonJS)', async () => {
    fs.writeFileSync(path.join(workspace.dir, "package.json"), JSON.stringify({ type: "module" }));
    workspace.synth((stack) => new EnsKeyPair(stack, "kp", { keyPairName: "esm-project" }));
    expect((await workspace.apply()).exitCode).toBe(0);
    expect(emulator.keyPair("esm-project")).toBeDefined();
    expect((await workspace.destroy()).exitCode).toBe(0);
    expect(emulator.keyPairs()).toEqual([]);
  });
});
