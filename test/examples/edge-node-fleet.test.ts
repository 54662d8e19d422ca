import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import { TerraformAsset, TerraformStack, TerraformVariable, Testing } from "cdktf";
import { AlicloudProvider } from "../../.gen/providers/alicloud/provider";
import { EdgeNodeFleet, EdgeNodeFleetProps } from "../../examples/platform/edge-node-fleet";
import { EdgeFleetStack } from "../../examples/platform/main";
import { parseHclMap } from "../support/synthesized-key-pair";
import { RSA_PUBLIC_KEY } from "../fixtures/keys";

const REPO_ROOT = path.resolve(__dirname, "..", "..");

interface SynthesizedInstance {
  instance_name: string;
  key_pair_name: string;
  [argument: string]: unknown;
}
interface SynthesizedStack {
  resource: {
    alicloud_ens_instance: Record<string, SynthesizedInstance>;
    terraform_data: Record<string, { input: unknown; provisioner: unknown[] }>;
  };
  output: Record<string, { value: unknown }>;
}

const FLEET_PROPS: EdgeNodeFleetProps = {
  keyPairName: "edge-fleet",
  privateKeyFile: "keys/edge-fleet.pem",
  instanceType: "ens.sn1.stiny",
  imageId: "centos_7_9_x64_20G_alibase_20230427",
  ensRegionId: "cn-chenzhou-telecom_unicom_cmcc",
  instanceCount: 3,
};

function newStack(): TerraformStack {
  const stack = new TerraformStack(Testing.app(), "stack");
  new AlicloudProvider(stack, "alicloud", { region: "cn-hangzhou" });
  return stack;
}

/** Synthesizes with validations, as `cdktf synth` does. */
function synthesized(stack: TerraformStack): SynthesizedStack {
  return JSON.parse(Testing.synth(stack, true)) as SynthesizedStack;
}

/** The reference a resource makes to the fleet's key pair when it uses the key pair's token (its create step). */
function keyPairReferenceOf(fleet: EdgeNodeFleet): string {
  return `\${terraform_data.${fleet.keyPair.createStep.friendlyUniqueId}.input.key_pair_name}`;
}

/** The key pair resources of a fleet, by logical ID. */
function keyPairResourcesOf(fleet: EdgeNodeFleet): string[] {
  return [fleet.keyPair.resource.friendlyUniqueId, fleet.keyPair.createStep.friendlyUniqueId];
}

/** The input of the fleet's key pair (its main resource's `${tomap(...)}`, parsed). */
function keyPairInputOf(config: SynthesizedStack, fleet: EdgeNodeFleet): Record<string, string> {
  return parseHclMap(config.resource.terraform_data[fleet.keyPair.resource.friendlyUniqueId].input as string)
    .values;
}

function instancesOf(config: SynthesizedStack, fleet: EdgeNodeFleet): SynthesizedInstance[] {
  return fleet.instances.map((instance) => config.resource.alicloud_ens_instance[instance.friendlyUniqueId]);
}

function constructionError(props: Partial<EdgeNodeFleetProps>): string {
  try {
    new EdgeNodeFleet(newStack(), "fleet", { ...FLEET_PROPS, ...props });
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error("expected the fleet to refuse these props");
}

describe("instances depend on the key pair through its token", () => {
  test("every instance's key_pair_name references the fleet's own terraform_data", () => {
    const stack = newStack();
    const fleet = new EdgeNodeFleet(stack, "fleet", FLEET_PROPS);
    const config = synthesized(stack);

    expect(Object.keys(config.resource.terraform_data).sort()).toEqual(keyPairResourcesOf(fleet).sort());
    const instances = instancesOf(config, fleet);
    expect(instances).toHaveLength(3);
    for (const instance of instances) expect(instance.key_pair_name).toBe(keyPairReferenceOf(fleet));
  });

  test("the key pair keeps the given name, and the instances get the fleet's settings", () => {
    const stack = newStack();
    const fleet = new EdgeNodeFleet(stack, "fleet", {
      ...FLEET_PROPS,
      instanceCount: 2,
      paymentType: "Subscription",
      instanceChargeStrategy: "user",
      internetChargeType: "BandwidthByDay",
      internetMaxBandwidthOut: 20,
      systemDisk: { category: "cloud_ssd", size: 40 },
      instanceNamePrefix: "cdn-edge",
      tags: { team: "edge" },
    });
    const config = synthesized(stack);

    expect(keyPairInputOf(config, fleet).key_pair_name).toBe("edge-fleet");
    expect(instancesOf(config, fleet)).toEqual(
      ["cdn-edge-1", "cdn-edge-2"].map((name) => ({
        instance_name: name,
        instance_type: "ens.sn1.stiny",
        image_id: "centos_7_9_x64_20G_alibase_20230427",
        ens_region_id: "cn-chenzhou-telecom_unicom_cmcc",
        schedule_area_level: "Region",
        payment_type: "Subscription",
        instance_charge_strategy: "user",
        internet_charge_type: "BandwidthByDay",
        internet_max_bandwidth_out: 20,
        system_disk: { category: "cloud_ssd", size: 40 },
        tags: { team: "edge" },
        key_pair_name: keyPairReferenceOf(fleet),
      })),
    );
  });

  test("defaults: one PayAsYouGo instance named after the construct id", () => {
    const stack = newStack();
    const fleet = new EdgeNodeFleet(stack, "web", { ...FLEET_PROPS, instanceCount: undefined });
    const [instance, ...others] = instancesOf(synthesized(stack), fleet);
    expect(others).toEqual([]);
    expect(instance).toMatchObject({ instance_name: "web-1", payment_type: "PayAsYouGo" });
  });

  test("with publicKey the fleet imports that key instead of creating one", () => {
    const stack = newStack();
    const fleet = new EdgeNodeFleet(stack, "fleet", {
      ...FLEET_PROPS,
      privateKeyFile: undefined,
      publicKey: RSA_PUBLIC_KEY,
    });
    const input = keyPairInputOf(synthesized(stack), fleet);
    // EnsKeyPair keeps the key's type and body, not its comment.
    const [type, body] = RSA_PUBLIC_KEY.split(" ");
    expect(input).toMatchObject({
      key_pair_name: "edge-fleet",
      mode: "import",
      public_key: `${type} ${body}`,
    });
  });

  test("outputs carry the instance IDs and the key pair name", () => {
    const stack = newStack();
    const fleet = new EdgeNodeFleet(stack, "fleet", FLEET_PROPS);
    const outputs = synthesized(stack).output;
    expect(outputs[fleet.instanceIdsOutput.friendlyUniqueId].value).toEqual(
      fleet.instances.map((instance) => `\${alicloud_ens_instance.${instance.friendlyUniqueId}.id}`),
    );
    expect(outputs[fleet.keyPairNameOutput.friendlyUniqueId].value).toBe(keyPairReferenceOf(fleet));
  });
});

describe("validation surfaces at synth, from inside the module", () => {
  test.each([
    ["1edge", 'Invalid key pair name "1edge": it must start with a letter'],
    ["https://edge", 'Invalid key pair name "https://edge": it must not start with "http://" or "https://"'],
    ["edge fleet", 'Invalid key pair name "edge fleet": it may contain only letters'],
    ["e", 'Invalid key pair name "e": it must be 2 to 128 characters long'],
  ])("keyPairName %j is refused by the fleet's EnsKeyPair", (keyPairName, expected) => {
    const message = constructionError({ keyPairName });
    expect(message).toContain('EnsKeyPair at "stack/fleet/key-pair": ');
    expect(message).toContain(expected);
  });

  test("a name with ':' (legal in ENS) is accepted", () => {
    const stack = newStack();
    const fleet = new EdgeNodeFleet(stack, "fleet", { ...FLEET_PROPS, keyPairName: "team:edge-fleet" });
    expect(keyPairInputOf(synthesized(stack), fleet)).toMatchObject({ key_pair_name: "team:edge-fleet" });
  });

  test.each([0, 101, 2.5, -1, Number.NaN])(
    "instanceCount %p is refused with the value and the range",
    (count) => {
      expect(constructionError({ instanceCount: count })).toBe(
        `EdgeNodeFleet at "stack/fleet": instanceCount must be a whole number from 1 to 100, and it is ${count}. ` +
          "Use a count in that range, or split the instances into several fleets.",
      );
    },
  );

  test.each([1, 100])("instanceCount %p is accepted", (count) => {
    const stack = newStack();
    const fleet = new EdgeNodeFleet(stack, "fleet", { ...FLEET_PROPS, instanceCount: count });
    expect(Object.keys(synthesized(stack).resource.alicloud_ens_instance)).toHaveLength(count);
    expect(fleet.instances).toHaveLength(count);
  });

  test("an instanceCount token is refused: the number of constructs must be known at synth", () => {
    let message = "";
    const stack = newStack();
    const count = new TerraformVariable(stack, "count", { type: "number" });
    try {
      new EdgeNodeFleet(stack, "fleet", { ...FLEET_PROPS, instanceCount: count.numberValue });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('EdgeNodeFleet at "stack/fleet": instanceCount is a token');
  });

  test("an instanceNamePrefix that makes names longer than 128 characters is refused", () => {
    // With three instances, "<prefix>-3" is 128 characters for a 126-character prefix, 129 for 127.
    expect(constructionError({ instanceNamePrefix: "n".repeat(127) })).toContain(
      "but ENS instance names are 2 to 128 characters",
    );
    expect(constructionError({ instanceNamePrefix: "" })).toContain("Use a non-empty, shorter prefix.");
  });
});

describe("two fleets in one stack", () => {
  test("get distinct key pairs, instances and outputs, and share the stack's single handler asset", () => {
    const stack = newStack();
    const web = new EdgeNodeFleet(stack, "web", {
      ...FLEET_PROPS,
      keyPairName: "web-fleet",
      instanceCount: 2,
    });
    const cache = new EdgeNodeFleet(stack, "cache", {
      ...FLEET_PROPS,
      keyPairName: "cache-fleet",
      instanceCount: 2,
    });
    const config = synthesized(stack);

    expect(Object.keys(config.resource.terraform_data).sort()).toEqual(
      [...keyPairResourcesOf(web), ...keyPairResourcesOf(cache)].sort(),
    );
    expect(
      Object.values(config.resource.alicloud_ens_instance)
        .map((i) => i.instance_name)
        .sort(),
    ).toEqual(["cache-1", "cache-2", "web-1", "web-2"]);
    for (const instance of instancesOf(config, web))
      expect(instance.key_pair_name).toBe(keyPairReferenceOf(web));
    for (const instance of instancesOf(config, cache))
      expect(instance.key_pair_name).toBe(keyPairReferenceOf(cache));
    expect(Object.keys(config.output)).toHaveLength(4);

    const assets = stack.node.findAll().filter((construct) => construct instanceof TerraformAsset);
    expect(assets).toHaveLength(1);
    const [webProvisioners, cacheProvisioners] = [web, cache].map((fleet) =>
      keyPairResourcesOf(fleet).map((id) => config.resource.terraform_data[id].provisioner),
    );
    // Identity reaches the handler through self.input, so both key pairs run the very same commands.
    expect(cacheProvisioners).toEqual(webProvisioners);
    expect(JSON.stringify(webProvisioners)).toContain(
      `node ${(assets[0] as TerraformAsset).path}/handler.js create`,
    );
  });
});

describe("the example app (examples/platform/main.ts)", () => {
  test("its stack passes cdktf's validations, including provider presence", () => {
    const stack = new EdgeFleetStack(Testing.app(), "edge-fleet");
    const config = synthesized(stack);
    expect(Object.keys(config.resource.alicloud_ens_instance)).toHaveLength(3);
  });

  test("synthesizes as a program with no terraform binary on PATH", async () => {
    const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "edge-fleet-synth-"));
    try {
      const outDir = path.join(scratch, "cdktf.out");
      fs.mkdirSync(path.join(scratch, "home"));
      await promisify(execFile)(
        path.join(REPO_ROOT, "node_modules", ".bin", "tsx"),
        [path.join(REPO_ROOT, "examples", "platform", "main.ts")],
        {
          cwd: scratch,
          env: {
            PATH: pathWithoutTerraform(),
            HOME: path.join(scratch, "home"),
            CDKTF_OUTDIR: outDir,
            CHECKPOINT_DISABLE: "1",
            ALIBABA_CLOUD_ECS_METADATA_DISABLED: "true",
          },
        },
      );
      const config = JSON.parse(
        fs.readFileSync(path.join(outDir, "stacks", "edge-fleet", "cdk.tf.json"), "utf8"),
      ) as SynthesizedStack & { provider: { alicloud: unknown[] } };
      expect(config.provider.alicloud).toEqual([{ region: "cn-hangzhou", profile: "default" }]);
      expect(Object.keys(config.resource.alicloud_ens_instance)).toHaveLength(3);
      expect(Object.keys(config.resource.terraform_data)).toHaveLength(2);
    } finally {
      fs.rmSync(scratch, { recursive: true, force: true });
    }
  });
});

/** The current PATH minus every folder that holds a terraform executable, so synth cannot lean on one. */
function pathWithoutTerraform(): string {
  const folders = (process.env.PATH ?? "").split(path.delimiter).filter((folder) => folder !== "");
  const withoutTerraform = folders.filter((folder) => !fs.existsSync(path.join(folder, "terraform")));
  return [path.dirname(process.execPath), ...withoutTerraform].join(path.delimiter);
}
