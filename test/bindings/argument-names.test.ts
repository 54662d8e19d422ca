import { TerraformOutput, TerraformStack, Testing } from "cdktf";
import { dataAlicloudEnsKeyPairs, ensInstance, ensKeyPair, provider } from "../../.gen/providers/alicloud";
import { ALICLOUD_FQPN, fullConfigOf, readAlicloudSchema } from "./alicloud-schema";

/** The parts of `cdk.tf.json` these tests read. */
interface SynthesizedConfig {
  provider: { alicloud: Array<Record<string, unknown>> };
  resource: Record<string, Record<string, Record<string, unknown>>>;
  data: Record<string, Record<string, Record<string, unknown>>>;
  output: Record<string, { value: string }>;
}

const alicloud = readAlicloudSchema().provider_schemas[ALICLOUD_FQPN];

function newStack(): TerraformStack {
  return new TerraformStack(Testing.app(), "stack");
}

function synthesized(stack: TerraformStack): SynthesizedConfig {
  return JSON.parse(Testing.synth(stack)) as SynthesizedConfig;
}

describe("every argument of the schema reaches cdk.tf.json under the provider's own name", () => {
  test("AlicloudProvider: all top-level arguments and the assume_role, assume_role_with_oidc, endpoints and sign_version blocks", () => {
    const stack = newStack();
    const config = fullConfigOf(alicloud.provider.block);
    new provider.AlicloudProvider(
      stack,
      "alicloud",
      config.camel as unknown as provider.AlicloudProviderConfig,
    );
    expect(synthesized(stack).provider.alicloud).toEqual([config.snake]);
  });

  test("EnsInstance (alicloud_ens_instance): all arguments, data_disk, system_disk and timeouts", () => {
    const stack = newStack();
    new provider.AlicloudProvider(stack, "alicloud");
    const config = fullConfigOf(alicloud.resource_schemas.alicloud_ens_instance.block);
    new ensInstance.EnsInstance(stack, "vm", config.camel as unknown as ensInstance.EnsInstanceConfig);
    expect(synthesized(stack).resource.alicloud_ens_instance.vm).toEqual(config.snake);
  });

  test("EnsKeyPair (alicloud_ens_key_pair): key_pair_name, version and id", () => {
    const stack = newStack();
    new provider.AlicloudProvider(stack, "alicloud");
    const config = fullConfigOf(alicloud.resource_schemas.alicloud_ens_key_pair.block);
    new ensKeyPair.EnsKeyPair(stack, "kp", config.camel as unknown as ensKeyPair.EnsKeyPairConfig);
    expect(synthesized(stack).resource.alicloud_ens_key_pair.kp).toEqual(config.snake);
  });

  test("DataAlicloudEnsKeyPairs (alicloud_ens_key_pairs): all arguments", () => {
    const stack = newStack();
    new provider.AlicloudProvider(stack, "alicloud");
    const config = fullConfigOf(alicloud.data_source_schemas.alicloud_ens_key_pairs.block);
    new dataAlicloudEnsKeyPairs.DataAlicloudEnsKeyPairs(
      stack,
      "pairs",
      config.camel as unknown as dataAlicloudEnsKeyPairs.DataAlicloudEnsKeyPairsConfig,
    );
    expect(synthesized(stack).data.alicloud_ens_key_pairs.pairs).toEqual(config.snake);
  });
});

describe("the arguments this project relies on, spelled out", () => {
  test("the provider's region, profile and endpoints.ens", () => {
    const stack = newStack();
    new provider.AlicloudProvider(stack, "alicloud", {
      region: "cn-hangzhou",
      profile: "edge",
      endpoints: [{ ens: "ens.aliyuncs.com" }],
      assumeRole: { roleArn: "acs:ram::123456789012:role/deployer", sessionName: "cdktf" },
    });
    expect(synthesized(stack).provider.alicloud).toEqual([
      {
        region: "cn-hangzhou",
        profile: "edge",
        endpoints: [{ ens: "ens.aliyuncs.com" }],
        assume_role: { role_arn: "acs:ram::123456789012:role/deployer", session_name: "cdktf" },
      },
    ]);
  });

  test("an instance's key_pair_name, billing fields and disks", () => {
    const stack = newStack();
    new provider.AlicloudProvider(stack, "alicloud");
    new ensInstance.EnsInstance(stack, "vm", {
      instanceType: "ens.sn1.stiny",
      imageId: "centos_7_9_x64_20G_alibase_20230427",
      ensRegionId: "cn-chenzhou-telecom_unicom_cmcc",
      scheduleAreaLevel: "Region",
      paymentType: "PayAsYouGo",
      instanceChargeStrategy: "instance",
      internetChargeType: "95BandwidthByMonth",
      internetMaxBandwidthOut: 10,
      keyPairName: "edge-key",
      systemDisk: { category: "cloud_efficiency", size: 20 },
      dataDisk: [{ category: "cloud_ssd", size: 40 }],
      timeouts: { create: "20m" },
    });
    expect(synthesized(stack).resource.alicloud_ens_instance.vm).toEqual({
      instance_type: "ens.sn1.stiny",
      image_id: "centos_7_9_x64_20G_alibase_20230427",
      ens_region_id: "cn-chenzhou-telecom_unicom_cmcc",
      schedule_area_level: "Region",
      payment_type: "PayAsYouGo",
      instance_charge_strategy: "instance",
      internet_charge_type: "95BandwidthByMonth",
      internet_max_bandwidth_out: 10,
      key_pair_name: "edge-key",
      system_disk: { category: "cloud_efficiency", size: 20 },
      data_disk: [{ category: "cloud_ssd", size: 40 }],
      timeouts: { create: "20m" },
    });
  });

  test("computed attributes of the data source render as references with Terraform's names", () => {
    const stack = newStack();
    new provider.AlicloudProvider(stack, "alicloud");
    const pairs = new dataAlicloudEnsKeyPairs.DataAlicloudEnsKeyPairs(stack, "pairs", {
      version: "2017-11-10",
      keyPairName: "edge-key",
    });
    new TerraformOutput(stack, "fingerprint", { value: pairs.pairs.get(0).keyPairFingerPrint });
    new TerraformOutput(stack, "names", { value: pairs.names });
    const out = synthesized(stack).output;
    expect(out.fingerprint.value).toBe("${data.alicloud_ens_key_pairs.pairs.pairs[0].key_pair_finger_print}");
    expect(out.names.value).toBe("${data.alicloud_ens_key_pairs.pairs.names}");
  });
});
