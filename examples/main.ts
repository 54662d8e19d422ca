/**
 * Example cdktf app: one stack with a key pair ENS creates (private key saved to a file) and one imported from a
 * public key. `npm run demo` deploys and destroys it against the ENS emulator; with real Alibaba Cloud credentials
 * in the environment the same `cdktf deploy` creates the key pairs in your account.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { App, TerraformOutput, TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { EnsKeyPair } from "../lib";

/** Where the example writes the created key's private key (git-ignored). */
const EXAMPLE_PRIVATE_KEY_FILE = path.join(__dirname, "out", "demo-created.pem");

class EnsKeyPairsStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const prefix = process.env.EXAMPLE_KEY_PAIR_PREFIX ?? "demo";
    const publicKeyFile = process.env.EXAMPLE_PUBLIC_KEY_FILE ?? path.join(__dirname, "keys", "demo_rsa.pub");

    const created = new EnsKeyPair(this, "created", {
      keyPairName: `${prefix}-created`,
      privateKeyFile: EXAMPLE_PRIVATE_KEY_FILE,
    });
    const imported = new EnsKeyPair(this, "imported", {
      keyPairName: `${prefix}:imported`,
      publicKey: fs.readFileSync(publicKeyFile, "utf8"),
    });

    new TerraformOutput(this, "created_key_pair_name", { value: created.keyPairName });
    new TerraformOutput(this, "imported_key_pair_name", { value: imported.keyPairName });
  }
}

const app = new App();
new EnsKeyPairsStack(app, "ens-key-pairs");
app.synth();
