import { TerraformMetaArguments, TerraformResource } from "cdktf";
import { Construct } from "constructs";

/** Configuration of a {@link TerraformData} resource. */
export interface TerraformDataConfig extends TerraformMetaArguments {
  /**
   * Value stored in state and exposed as `self.input` to provisioners (and as `output` after apply).
   * @default - no input
   */
  readonly input?: unknown;
  /**
   * Values whose change replaces the resource (destroy, then create).
   * @default - nothing forces a replacement
   */
  readonly triggersReplace?: unknown;
}

/**
 * Terraform's built-in `terraform_data` resource.
 *
 * A small subclass instead of cdktf's `DataResource`: that class adds a synth-time validation that runs
 * `terraform version`, so synthesizing would fail on machines without the binary.
 */
export class TerraformData extends TerraformResource {
  /** The Terraform resource type. */
  public static readonly tfResourceType = "terraform_data";

  /** What the resource stores in `input`. */
  public readonly input?: unknown;
  /** What forces a replacement. */
  public readonly triggersReplace?: unknown;

  constructor(scope: Construct, id: string, config: TerraformDataConfig = {}) {
    super(scope, id, { ...config, terraformResourceType: TerraformData.tfResourceType });
    this.input = config.input;
    this.triggersReplace = config.triggersReplace;
  }

  /**
   * Whether create_before_destroy is set, through `lifecycle` or an override. Read from the configuration rather
   * than by rendering the resource, which would double the synth cost of every key pair.
   */
  public get createsBeforeDestroy(): boolean {
    return (
      this.lifecycle?.createBeforeDestroy === true ||
      this.rawOverrides?.lifecycle?.create_before_destroy === true
    );
  }

  /** A string token for `input.<key>`: referencing it makes the referrer depend on this resource. */
  public inputAttribute(key: string): string {
    return this.getStringAttribute(`input.${key}`);
  }

  /** The resource's address within its stack, e.g. `terraform_data.kp_DB7E7756` (read at synth: it can change). */
  public get address(): string {
    return `${TerraformData.tfResourceType}.${this.friendlyUniqueId}`;
  }

  protected synthesizeAttributes(): { [name: string]: unknown } {
    return { input: this.input, triggers_replace: this.triggersReplace };
  }
}
