/**
 * Example app for a platform module: one stack with the alicloud provider and an {@link EdgeNodeFleet} of three ENS
 * instances sharing one key pair.
 *
 *   npx cdktf synth --app "npx tsx examples/platform/main.ts"
 *
 * Synth needs neither terraform nor network. Deploying needs the alicloud provider (registry access or a mirror) and
 * Alibaba Cloud credentials; replace the instance type, image and ENS node with ones your account can use.
 */
import * as path from "node:path";
import { App, TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { AlicloudProvider } from "../../.gen/providers/alicloud/provider";
import { EdgeNodeFleet } from "./edge-node-fleet";

/** Where the example writes the fleet key's private key (examples/out is git-ignored). */
const FLEET_PRIVATE_KEY_FILE = path.join(__dirname, "..", "out", "edge-fleet.pem");

/** A stack with the alicloud provider (region and CLI profile) and one edge fleet. */
export class EdgeFleetStack extends TerraformStack {
  /** The stack's fleet. */
  public readonly fleet: EdgeNodeFleet;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    new AlicloudProvider(this, "alicloud", { region: "cn-hangzhou", profile: "default" });
    this.fleet = new EdgeNodeFleet(this, "edge", {
      keyPairName: "edge-fleet",
      privateKeyFile: FLEET_PRIVATE_KEY_FILE,
      instanceType: "ens.sn1.stiny",
      imageId: "centos_7_9_x64_20G_alibase_20230427",
      ensRegionId: "cn-chenzhou-telecom_unicom_cmcc",
      instanceCount: 3,
      internetChargeType: "95BandwidthByMonth",
      internetMaxBandwidthOut: 10,
      systemDisk: { category: "cloud_efficiency", size: 40 },
      tags: { team: "edge-platform" },
    });
  }
}

if (require.main === module) {
  const app = new App();
  new EdgeFleetStack(app, "edge-fleet");
  app.synth();
}
