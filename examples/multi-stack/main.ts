/**
 * Example multi-stack cdktf app: the `keys` stack owns the ENS key pairs; the `web` and `batch` stacks use them
 * through cdktf cross-stack references (`keyPair.keyPairName` passed to another stack: cdktf adds an output to
 * `keys` and a `terraform_remote_state` to the consumer, and deploys `keys` first and destroys it last).
 *
 *   cd examples/multi-stack && npx cdktf deploy '*' --auto-approve && npx cdktf destroy '*' --auto-approve
 *
 * The consumers' servers are `terraform_data` stand-ins for `alicloud_ens_instance` (which needs the alicloud
 * provider binary): each logs the key pair it was given when it is created and destroyed, and appends that line
 * to the file `EXAMPLE_SERVER_LOG` names, if set. `test/e2e/multi-stack-cdktf.test.ts` deploys and destroys this
 * app with the real cdktf CLI against the ENS emulator.
 */
import { App, TerraformResource, TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { EnsKeyPair } from "../../lib";

/** The stack that owns the key pairs; each private key goes to `out/<name>.pem` in the folder cdktf runs in. */
export class KeysStack extends TerraformStack {
  /** One key pair per consumer. */
  public readonly keyPairs: Readonly<Record<string, EnsKeyPair>>;

  constructor(scope: Construct, id: string, consumers: readonly string[]) {
    super(scope, id);
    const prefix = process.env.EXAMPLE_KEY_PAIR_PREFIX ?? "multi";
    this.keyPairs = Object.fromEntries(
      consumers.map((consumer) => {
        const keyPairName = `${prefix}-${consumer}`;
        return [
          consumer,
          new EnsKeyPair(this, consumer, { keyPairName, privateKeyFile: `out/${keyPairName}.pem` }),
        ];
      }),
    );
  }
}

/** A line the stand-in server logs; its values reach the shell only through the environment. */
const logLine = (event: "created" | "destroyed") =>
  `line="${event} server=$SERVER key_pair=$KEY_PAIR_NAME"; echo "$line"; ` +
  `if [ -n "$EXAMPLE_SERVER_LOG" ]; then echo "$line" >> "$EXAMPLE_SERVER_LOG"; fi`;

/** Stands in for an `alicloud_ens_instance` whose `key_pair_name` comes from another stack. */
class StandInServer extends TerraformResource {
  constructor(
    scope: Construct,
    id: string,
    private readonly keyPairName: string,
  ) {
    const environment = { SERVER: "${self.input.server}", KEY_PAIR_NAME: "${self.input.key_pair_name}" };
    super(scope, id, {
      terraformResourceType: "terraform_data",
      provisioners: [
        { type: "local-exec", command: logLine("created"), environment },
        { type: "local-exec", when: "destroy", command: logLine("destroyed"), environment },
      ],
    });
  }

  protected synthesizeAttributes(): Record<string, unknown> {
    return { input: { server: this.node.id, key_pair_name: this.keyPairName } };
  }
}

/** A consumer stack: one server using a key pair of the `keys` stack. */
export class ServersStack extends TerraformStack {
  constructor(scope: Construct, id: string, keyPair: EnsKeyPair) {
    super(scope, id);
    new StandInServer(this, id, keyPair.keyPairName);
  }
}

const CONSUMERS = ["web", "batch"];
const app = new App();
const keys = new KeysStack(app, "keys", CONSUMERS);
for (const consumer of CONSUMERS) new ServersStack(app, consumer, keys.keyPairs[consumer]);
app.synth();
