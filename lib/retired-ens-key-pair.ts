import { Construct } from "constructs";
import { handlerScriptOf } from "./custom-resource/handler-asset";
import {
  handlerCommand,
  INPUT_KEY_BY_ENV,
  selfInputEnvironment,
} from "./custom-resource/handler-provisioners";
import { RemovedBlock } from "./custom-resource/removed-block";
import { TerraformData } from "./custom-resource/terraform-data";
import { HandlerCommand } from "./handler-contract";

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
      provisioners: destroy
        ? [
            {
              type: "local-exec",
              when: "destroy",
              command: handlerCommand(handlerScriptOf(this), HandlerCommand.DELETE),
              // The state's input may predate a key (e.g. no endpoint): try() turns a missing key into "unset".
              environment: selfInputEnvironment(Object.values(INPUT_KEY_BY_ENV), true),
            },
          ]
        : undefined,
    });
    this.from = block.from;
  }
}
