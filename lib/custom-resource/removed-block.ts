import { LocalExecProvisioner, TerraformElement } from "cdktf";
import { Construct } from "constructs";

/** Configuration of a {@link RemovedBlock}. */
export interface RemovedBlockConfig {
  /** Resource type of the address that left the configuration, e.g. `terraform_data`. */
  readonly resourceType: string;
  /** Whether Terraform destroys the object (running the provisioners) or only forgets it. */
  readonly destroy: boolean;
  /**
   * Destroy-time provisioners Terraform runs for the removed object (Terraform >= 1.9).
   * @default - none
   */
  readonly provisioners?: LocalExecProvisioner[];
}

/**
 * A top-level Terraform `removed` block (Terraform >= 1.9) for the resource that used to live at this construct's
 * path: constructed with the same scope and id, it gets the same logical ID, so `from` names the old address.
 * cdktf 0.21 has no class for it; the stack merges each element's `removed` list into one.
 */
export class RemovedBlock extends TerraformElement {
  constructor(
    scope: Construct,
    id: string,
    private readonly config: RemovedBlockConfig,
  ) {
    super(scope, id, "removed");
  }

  /** The address the block retires, e.g. `terraform_data.kp_DB7E7756`. */
  public get from(): string {
    return `${this.config.resourceType}.${this.friendlyUniqueId}`;
  }

  public toTerraform(): { [key: string]: unknown } {
    const provisioner = this.config.provisioners?.map(({ type, ...props }) => ({ [type]: props }));
    return {
      removed: [
        {
          from: this.from,
          lifecycle: { destroy: this.config.destroy },
          ...(provisioner ? { provisioner } : {}),
        },
      ],
    };
  }
}
