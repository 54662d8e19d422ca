/**
 * Pins the synthesized configuration byte for byte: the `input` keys and values, the provisioners' commands and
 * environment. A renamed key or a changed value replaces every deployed key pair, so a refactor of the code that
 * produces them must leave these files unchanged. The handler asset's content hash is masked (it follows the
 * bundle, not the contract). Regenerate deliberately with `UPDATE_SYNTH_FIXTURES=1 npx jest test/synthesized-json`.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { TerraformStack, Testing } from "cdktf";
import { EnsKeyPair, EnsKeyPairProps, RemovalPolicy } from "../lib";
import { RSA_PUBLIC_KEY } from "./fixtures/keys";

const FIXTURES = path.join(__dirname, "fixtures", "synthesized");

const STACKS: Record<string, EnsKeyPairProps> = {
  "create-private-key-file": { keyPairName: "my-key", privateKeyFile: "keys/my-key.pem" },
  import: { keyPairName: "imported-key", publicKey: RSA_PUBLIC_KEY },
  "adopt-by-id": { keyPairName: "adopted-key", adoptExisting: true, keyPairId: "ssh-0123456789abcdef" },
  "retain-endpoint-timeout": {
    keyPairName: "kept-key",
    publicKey: RSA_PUBLIC_KEY,
    removalPolicy: RemovalPolicy.RETAIN,
    endpoint: "https://ens.example.com",
    deleteTimeoutSeconds: 900,
  },
};

function synthesized(props: EnsKeyPairProps): string {
  const stack = new TerraformStack(Testing.app(), "stack");
  new EnsKeyPair(stack, "kp", props);
  const json = JSON.stringify(JSON.parse(Testing.synth(stack)), null, 2);
  return `${json.replace(/(assets\/EnsKeyPairHandler\/)[^/"]+/g, "$1<hash>")}\n`;
}

describe.each(Object.entries(STACKS))("stack %s", (name, props) => {
  test("synthesizes exactly the pinned JSON", () => {
    const file = path.join(FIXTURES, `${name}.json`);
    const actual = synthesized(props);
    if (process.env.UPDATE_SYNTH_FIXTURES === "1") fs.writeFileSync(file, actual);
    expect(actual).toBe(fs.readFileSync(file, "utf8"));
  });
});
