import { TerraformStack, Testing } from "cdktf";
import { dataAlicloudEnsKeyPairs, ensInstance, ensKeyPair, provider } from "../../.gen/providers/alicloud";
import { ALICLOUD_FQPN, readAlicloudSchema } from "./alicloud-schema";

const PINNED_VERSION = readAlicloudSchema().provider_versions[ALICLOUD_FQPN];

/** cdktf's ValidateProviderPresence message (node_modules/cdktf/lib/validations/validate-provider-presence.js). */
const PROVIDER_PRESENCE_MESSAGE =
  "Found resources without a matching provider construct. Please make sure to add provider constructs " +
  "[e.g. new RandomProvider(...)] to your stack 'stack' for the following providers: alicloud";

function stackWithInstance(): TerraformStack {
  const stack = new TerraformStack(Testing.app(), "stack");
  new ensInstance.EnsInstance(stack, "vm", {
    instanceType: "ens.sn1.stiny",
    paymentType: "PayAsYouGo",
    scheduleAreaLevel: "Region",
  });
  return stack;
}

function validationError(stack: TerraformStack): string | undefined {
  try {
    Testing.synth(stack, true);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

describe("required_providers", () => {
  test("the schema pins a single, exact provider release", () => {
    expect(PINNED_VERSION).toMatch(/^\d+\.\d+\.\d+$/);
  });

  test("a stack using the bindings pins source aliyun/alicloud at the schema's version", () => {
    const stack = new TerraformStack(Testing.app(), "stack");
    new provider.AlicloudProvider(stack, "alicloud", { region: "cn-hangzhou" });
    new ensKeyPair.EnsKeyPair(stack, "kp", { keyPairName: "edge-key", version: "2017-11-10" });
    new dataAlicloudEnsKeyPairs.DataAlicloudEnsKeyPairs(stack, "pairs", { version: "2017-11-10" });
    const config = JSON.parse(Testing.synth(stack));
    expect(config.terraform.required_providers).toEqual({
      alicloud: { source: ALICLOUD_FQPN, version: PINNED_VERSION },
    });
  });
});

describe("provider presence", () => {
  test("a stack with an instance but no AlicloudProvider fails synth with cdktf's provider-presence message", () => {
    expect(validationError(stackWithInstance())).toContain(PROVIDER_PRESENCE_MESSAGE);
  });

  test("the same stack with an AlicloudProvider passes validation", () => {
    const stack = stackWithInstance();
    new provider.AlicloudProvider(stack, "alicloud", { region: "cn-hangzhou" });
    expect(validationError(stack)).toBeUndefined();
  });
});
