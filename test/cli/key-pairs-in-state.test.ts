/**
 * Reading EnsKeyPairs out of `terraform show -json` documents (pure): the marker in `input`, one key pair per main
 * resource with its create step, states written by release 0.1, modules, deposed objects, other resources that name
 * key pairs, and the construct's input keys held together with the reader's.
 */
import { TerraformStack, Testing } from "cdktf";
import { EnsKeyPair } from "../../lib";
import { keyPairsInState } from "../../lib/cli/key-pairs-in-state";
import { RESOURCE_INPUT_KEYS } from "../../lib/custom-resource/handler-provisioners";
import { InputKey } from "../../lib/shared/handler-contract";
import { RSA_PUBLIC_KEY, RSA_PUBLIC_KEY_MD5 } from "../fixtures/keys";
import { synthesizedKeyPair } from "../support/synthesized-key-pair";

/** A managed resource as `terraform show -json` prints it. */
function resource(address: string, values: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  const [type, name] = address.split(".").slice(-2);
  return {
    address,
    mode: "managed",
    type,
    name,
    provider_name: "terraform.io/builtin/terraform",
    values,
    ...extra,
  };
}

const CLAIM = "2026-01-02T03:04:05Z";

/** The main resource and create step of one current-release key pair. */
function currentKeyPair(id: string, input: Record<string, string>) {
  const main = { ...input, claimed_at: CLAIM, removal_policy: "destroy", delete_timeout_seconds: "300" };
  return [
    resource(`terraform_data.${id}_1A2B3C4D`, {
      id: `id-${id}`,
      input: main,
      output: main,
      triggers_replace: input,
    }),
    resource(`terraform_data.${id}_Create_5E6F7A8B`, {
      id: `step-${id}`,
      input: { ...main, planned_at: CLAIM },
      output: { ...main, planned_at: CLAIM },
      triggers_replace: `id-${id}`,
    }),
  ];
}

function show(resources: unknown[], childModules: unknown[] = []) {
  return { root_module: { resources, child_modules: childModules } };
}

describe("EnsKeyPairs in a state", () => {
  test("counts key pairs, not resources: the create step joins its main resource by its triggers_replace", () => {
    const values = show([
      ...currentKeyPair("web", { key_pair_name: "web-1", mode: "create" }),
      ...currentKeyPair("ops", {
        key_pair_name: "ops-1",
        mode: "import",
        public_key: RSA_PUBLIC_KEY,
        fingerprint: RSA_PUBLIC_KEY_MD5,
      }),
    ]);

    expect(keyPairsInState(values).ensKeyPairs).toEqual([
      {
        address: "terraform_data.web_1A2B3C4D",
        createStepAddress: "terraform_data.web_Create_5E6F7A8B",
        keyPairName: "web-1",
        mode: "create",
        endpoint: undefined,
        fingerprint: undefined,
        keyPairId: undefined,
        adoptExisting: false,
        claimedAt: CLAIM,
      },
      {
        address: "terraform_data.ops_1A2B3C4D",
        createStepAddress: "terraform_data.ops_Create_5E6F7A8B",
        keyPairName: "ops-1",
        mode: "import",
        endpoint: undefined,
        fingerprint: RSA_PUBLIC_KEY_MD5,
        keyPairId: undefined,
        adoptExisting: false,
        claimedAt: CLAIM,
      },
    ]);
  });

  test("a state written by release 0.1: one resource per key pair, no claim, no create step", () => {
    const input = {
      key_pair_name: "old-1",
      mode: "create",
      removal_policy: "destroy",
      delete_timeout_seconds: "300",
    };
    const values = show([
      resource("terraform_data.old_9F8E7D6C", { id: "x", input, output: input, triggers_replace: input }),
    ]);

    expect(keyPairsInState(values).ensKeyPairs).toEqual([
      expect.objectContaining({
        address: "terraform_data.old_9F8E7D6C",
        createStepAddress: undefined,
        keyPairName: "old-1",
        claimedAt: undefined,
      }),
    ]);
  });

  test("adoption by ID, an endpoint, and key pairs inside modules are read", () => {
    const adopted = {
      key_pair_name: "adopted-1",
      mode: "create",
      endpoint: "http://127.0.0.1:1",
      adopt_existing: "true",
      key_pair_id: "ssh-abc123",
    };
    const values = show([], [{ address: "module.keys", resources: currentKeyPair("a", adopted) }]);

    expect(keyPairsInState(values).ensKeyPairs).toEqual([
      expect.objectContaining({
        keyPairName: "adopted-1",
        endpoint: "http://127.0.0.1:1",
        adoptExisting: true,
        keyPairId: "ssh-abc123",
      }),
    ]);
  });

  test("a create step whose main resource is not in the state still counts as its key pair", () => {
    const [, step] = currentKeyPair("lone", { key_pair_name: "lone-1", mode: "create" });

    expect(keyPairsInState(show([step])).ensKeyPairs).toEqual([
      expect.objectContaining({
        address: "terraform_data.lone_Create_5E6F7A8B",
        createStepAddress: "terraform_data.lone_Create_5E6F7A8B",
        keyPairName: "lone-1",
      }),
    ]);
  });

  test("not ours: other terraform_data, a mode that is not create/import, data sources; names are never guessed", () => {
    const values = show([
      resource("terraform_data.kp_1A2B3C4D", { id: "1", input: { note: "key_pair_name" } }),
      resource("terraform_data.web_1A2B3C4D", { id: "2", input: { key_pair_name: "x1", mode: "upload" } }),
      resource("terraform_data.web_Create_1A2B3C4D", { id: "3", input: "a string" }),
      {
        ...resource("data.terraform_data.d", { input: { key_pair_name: "x2", mode: "create" } }),
        mode: "data",
      },
    ]);

    const { ensKeyPairs, owners } = keyPairsInState(values);
    expect(ensKeyPairs).toEqual([]);
    expect(owners).toEqual([]);
  });

  test("recognized by the marker in input whatever the address (hand-written HCL, for_each keys)", () => {
    const input = { key_pair_name: "hcl-1", mode: "import", fingerprint: RSA_PUBLIC_KEY_MD5 };
    const values = show([resource('terraform_data.keys["hcl-1"]', { id: "h", input })]);

    expect(keyPairsInState(values).ensKeyPairs).toEqual([
      expect.objectContaining({
        address: 'terraform_data.keys["hcl-1"]',
        keyPairName: "hcl-1",
        mode: "import",
      }),
    ]);
  });

  test("an empty state (no values) holds nothing", () => {
    expect(keyPairsInState(undefined)).toEqual({ ensKeyPairs: [], owners: [] });
  });
});

describe("owners: every resource that names a key pair", () => {
  test("EnsKeyPair resources (deposed objects too, but not as key pairs) and other resources' key_pair_name", () => {
    const [main, step] = currentKeyPair("web", { key_pair_name: "web-1", mode: "create" });
    const deposed = { ...main, deposed_key: "00000001" };
    const values = show([
      main,
      step,
      deposed,
      resource("alicloud_ens_key_pair.legacy", { id: "legacy-1:1", key_pair_name: "legacy-1", version: "1" }),
      resource("alicloud_ens_instance.vm", { id: "i-1", key_pair_name: "web-1" }),
    ]);

    const { ensKeyPairs, owners } = keyPairsInState(values);
    expect(ensKeyPairs.map((k) => k.keyPairName)).toEqual(["web-1"]);
    expect(owners.map((o) => [o.keyPairName, o.address, o.kind, o.secondary])).toEqual([
      ["web-1", "terraform_data.web_1A2B3C4D", "EnsKeyPair", false],
      ["web-1", "terraform_data.web_Create_5E6F7A8B", "EnsKeyPair", true],
      ["web-1", "terraform_data.web_1A2B3C4D (deposed 00000001)", "EnsKeyPair", true],
      ["legacy-1", "alicloud_ens_key_pair.legacy", "other", false],
      ["web-1", "alicloud_ens_instance.vm", "other", false],
    ]);
  });
});

describe("the reader's input keys are the construct's", () => {
  test("every key the construct writes is known, and the marker and create-step keys are the same", () => {
    const stack = new TerraformStack(Testing.app(), "stack");
    new EnsKeyPair(stack, "kp", {
      keyPairName: "my-key",
      publicKey: RSA_PUBLIC_KEY,
      endpoint: "ens.aliyuncs.com",
    });
    const kp = synthesizedKeyPair(stack);

    const known: readonly string[] = Object.values(InputKey);
    expect(kp.input[InputKey.keyPairName]).toBe("my-key");
    expect(kp.input[InputKey.mode]).toBe("import");
    expect(kp.input[InputKey.fingerprint]).toBe(RSA_PUBLIC_KEY_MD5);
    expect(kp.input[InputKey.endpoint]).toBe("ens.aliyuncs.com");
    expect(InputKey.claimedAt).toBe("claimed_at");
    expect(InputKey.plannedAt).toBe("planned_at");
    for (const key of ["key_pair_id", "adopt_existing", "removal_policy"]) {
      expect(RESOURCE_INPUT_KEYS).toContain(key);
      expect(known).toContain(key);
    }
    // The main resource's input never holds the create step's key, which is how the two are told apart.
    expect(RESOURCE_INPUT_KEYS).not.toContain(InputKey.plannedAt);
    expect(Object.keys(kp.input)).not.toContain(InputKey.plannedAt);
  });
});
