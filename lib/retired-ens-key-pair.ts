import { Construct } from "constructs";
import { handlerScriptOf } from "./custom-resource/handler-asset";
import { deleteStep, RESOURCE_INPUT_KEYS } from "./custom-resource/handler-provisioners";
import { RemovedBlock } from "./custom-resource/removed-block";
import { TerraformData } from "./custom-resource/terraform-data";

/** Properties of a {@link RetiredEnsKeyPair}. */
export interface RetiredEnsKeyPairProps {
  /**
   * Leave the key pair in Alibaba Cloud and only make Terraform forget it.
   *
   * @default false - the next apply deletes the key pair (honouring the removalPolicy recorded in state)
   */
  readonly keepInCloud?: boolean;
}

/**
 * Retires an {@link EnsKeyPair} whose code was removed, so that the next `cdktf deploy` still deletes its key.
 *
 * Terraform does not run a resource's destroy provisioner when its block disappears from the configuration, so
 * simply deleting an `EnsKeyPair` from code would leak the key. Replace it with a `RetiredEnsKeyPair` of the same
 * scope and id: it renders a Terraform `removed` block (Terraform >= 1.9) for the old address with the handler's
 * delete step, which runs with the identity recorded in state. After that deploy, the retirement can be removed.
 */
export class RetiredEnsKeyPair extends Construct {
  /** The Terraform address being retired, e.g. `terraform_data.kp_DB7E7756`. */
  public readonly from: string;

  constructor(scope: Construct, id: string, props: RetiredEnsKeyPairProps = {}) {
    super(scope, id);
    const destroy = !props.keepInCloud;
    const block = new RemovedBlock(this, "Resource", {
      resourceType: TerraformData.tfResourceType,
      destroy,
      // The delete step reads the state's input, whatever keys it holds (it tolerates missing ones).
      provisioners: destroy ? [deleteStep(handlerScriptOf(this), RESOURCE_INPUT_KEYS)] : undefined,
    });
    this.from = block.from;
  }
}
