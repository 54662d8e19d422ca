import { TerraformOutput, Token } from "cdktf";
import { Construct } from "constructs";
import { EnsInstance } from "../../.gen/providers/alicloud/ens-instance";
import { EnsKeyPair } from "../../lib";

/** Most instances one fleet manages: the provider's own `amount` limit for one RunInstances call. */
export const MAX_FLEET_INSTANCES = 100;

/** Longest instance name ENS accepts (`instance_name`: 2–128 characters). */
const MAX_INSTANCE_NAME_LENGTH = 128;

/** How ENS bills an instance (`payment_type`; the provider accepts exactly these two). */
export type EnsPaymentType = "PayAsYouGo" | "Subscription";

/** Disk categories the provider accepts for `system_disk.category`. */
export type EnsDiskCategory = "cloud_efficiency" | "cloud_ssd" | "local_hdd" | "local_ssd";

/** The system disk of every instance in the fleet (`system_disk`). */
export interface EdgeNodeFleetSystemDisk {
  /**
   * Disk category.
   *
   * @default - chosen by ENS for the instance type
   */
  readonly category?: EnsDiskCategory;

  /**
   * Size in GiB.
   *
   * @default - the image's size
   */
  readonly size?: number;
}

/** Properties of an {@link EdgeNodeFleet}. */
export interface EdgeNodeFleetProps {
  /** Name of the fleet's SSH key pair in ENS (the {@link EnsKeyPair} rules apply and are checked at synth). */
  readonly keyPairName: string;

  /**
   * An existing OpenSSH `ssh-rsa` public key to import as the fleet's key pair.
   *
   * @default - ENS creates a new key pair
   */
  readonly publicKey?: string;

  /**
   * Where the private key of a key pair ENS creates is written (mode 0600). Not allowed with `publicKey`.
   *
   * @default - the private key is discarded and EnsKeyPair warns at synth
   */
  readonly privateKeyFile?: string;

  /** ENS instance type of every instance (`instance_type`), e.g. `ens.sn1.stiny`. */
  readonly instanceType: string;

  /** Image every instance boots from (`image_id`). */
  readonly imageId: string;

  /** ENS node (edge zone) the instances run in (`ens_region_id`), e.g. `cn-chenzhou-telecom_unicom_cmcc`. */
  readonly ensRegionId: string;

  /**
   * How many instances to run: a literal whole number from 1 to {@link MAX_FLEET_INSTANCES}.
   *
   * @default 1
   */
  readonly instanceCount?: number;

  /**
   * How the instances are billed (`payment_type`).
   *
   * @default "PayAsYouGo"
   */
  readonly paymentType?: EnsPaymentType;

  /**
   * Billing granularity (`instance_charge_strategy`): `instance` or `user`; subscriptions do not support `instance`.
   *
   * @default - the account's setting
   */
  readonly instanceChargeStrategy?: string;

  /**
   * How bandwidth is billed (`internet_charge_type`), e.g. `BandwidthByDay` or `95BandwidthByMonth`.
   *
   * @default - the account's first choice
   */
  readonly internetChargeType?: string;

  /**
   * Peak public bandwidth of each instance in Mbit/s (`internet_max_bandwidth_out`).
   *
   * @default - chosen by ENS
   */
  readonly internetMaxBandwidthOut?: number;

  /**
   * System disk of every instance (`system_disk`).
   *
   * @default - chosen by ENS
   */
  readonly systemDisk?: EdgeNodeFleetSystemDisk;

  /**
   * Instance names are `<prefix>-<n>` with n from 1 (`instance_name`).
   *
   * @default - the fleet's construct id
   */
  readonly instanceNamePrefix?: string;

  /**
   * Tags of every instance (`tags`).
   *
   * @default - no tags
   */
  readonly tags?: { readonly [key: string]: string };
}

/**
 * A fleet of ENS edge instances that share one SSH key pair: an example of a platform module a team would write on
 * top of {@link EnsKeyPair}.
 *
 * It lives in `examples/` rather than in the library because it uses the alicloud provider bindings, which every
 * project generates for itself (`cdktf get`, or `npm run gen:providers` here) instead of getting them from this
 * package.
 *
 * Every instance's `key_pair_name` is the key pair's token, which references the key pair's `terraform_data`
 * resource: Terraform creates the instances after the key pair and destroys them before it, so the key is never
 * deleted while an instance still uses it.
 */
export class EdgeNodeFleet extends Construct {
  /** The fleet's SSH key pair. */
  public readonly keyPair: EnsKeyPair;

  /** The instances, in name order. */
  public readonly instances: readonly EnsInstance[];

  /** Output: the instance IDs, in name order. */
  public readonly instanceIdsOutput: TerraformOutput;

  /** Output: the key pair name the instances log in with. */
  public readonly keyPairNameOutput: TerraformOutput;

  constructor(scope: Construct, id: string, props: EdgeNodeFleetProps) {
    super(scope, id);
    const instanceCount = checkedInstanceCount(this.node.path, props.instanceCount ?? 1);
    const namePrefix = checkedNamePrefix(this.node.path, props.instanceNamePrefix ?? id, instanceCount);

    this.keyPair = new EnsKeyPair(this, "key-pair", {
      keyPairName: props.keyPairName,
      publicKey: props.publicKey,
      privateKeyFile: props.privateKeyFile,
    });

    this.instances = Array.from(
      { length: instanceCount },
      (_, index) =>
        new EnsInstance(this, `instance-${index + 1}`, {
          instanceName: `${namePrefix}-${index + 1}`,
          instanceType: props.instanceType,
          imageId: props.imageId,
          ensRegionId: props.ensRegionId,
          // Node-level scheduling: the instances go to exactly the ENS node named by ensRegionId.
          scheduleAreaLevel: "Region",
          paymentType: props.paymentType ?? "PayAsYouGo",
          instanceChargeStrategy: props.instanceChargeStrategy,
          internetChargeType: props.internetChargeType,
          internetMaxBandwidthOut: props.internetMaxBandwidthOut,
          systemDisk: props.systemDisk,
          tags: props.tags,
          keyPairName: this.keyPair.keyPairName,
        }),
    );

    this.instanceIdsOutput = new TerraformOutput(this, "instance-ids", {
      value: this.instances.map((instance) => instance.id),
      description: `IDs of the ${namePrefix} instances`,
    });
    this.keyPairNameOutput = new TerraformOutput(this, "key-pair-name", {
      value: this.keyPair.keyPairName,
      description: `SSH key pair of the ${namePrefix} instances`,
    });
  }
}

/** The count decides how many constructs exist, so it must be known at synth: a token cannot be used. */
function checkedInstanceCount(where: string, count: number): number {
  if (Token.isUnresolved(count)) {
    throw new Error(
      `EdgeNodeFleet at "${where}": instanceCount is a token, but the fleet needs the number at synth to create ` +
        "one instance construct each. Pass a literal number.",
    );
  }
  if (!Number.isInteger(count) || count < 1 || count > MAX_FLEET_INSTANCES) {
    throw new Error(
      `EdgeNodeFleet at "${where}": instanceCount must be a whole number from 1 to ${MAX_FLEET_INSTANCES}, ` +
        `and it is ${count}. Use a count in that range, or split the instances into several fleets.`,
    );
  }
  return count;
}

/** The generated names must fit ENS's instance_name length; checked here so the mistake shows at synth. */
function checkedNamePrefix(where: string, prefix: string, instanceCount: number): string {
  if (Token.isUnresolved(prefix)) return prefix;
  const longestName = `${prefix}-${instanceCount}`;
  if (prefix.length === 0 || longestName.length > MAX_INSTANCE_NAME_LENGTH) {
    throw new Error(
      `EdgeNodeFleet at "${where}": instanceNamePrefix ${JSON.stringify(prefix)} gives instance names like ` +
        `${JSON.stringify(longestName)}, but ENS instance names are 2 to ${MAX_INSTANCE_NAME_LENGTH} characters. ` +
        "Use a non-empty, shorter prefix.",
    );
  }
  return prefix;
}
