/**
 * Secrets stay out of everything Terraform and the handler write: with STS credentials in the environment and a
 * create-mode private key, the access key secret, the security token and the private key body appear in none of
 * cdk.tf.json, terraform.tfstate (and its backup), any other file of the project, terraform's output or the
 * handler's own output. Real `terraform apply` and `terraform destroy` against the emulator.
 */
import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { EnsKeyPair } from "../../lib";
import { HandlerExitCode } from "../../lib/shared/handler-contract";
import { EnsEmulator } from "../../lib/testing";
import { runHandler } from "../support/handler-process";
import { TerraformWorkspace, terraformAvailable } from "../support/terraform";

const describeWithTerraform = terraformAvailable() ? describe : describe.skip;

const NAME = "secret-keeper";

/** Random, so a match can only be a leak. */
const STS_CREDENTIAL = {
  accessKeyId: `STS.${randomBytes(8).toString("hex")}`,
  accessKeySecret: randomBytes(24).toString("base64url"),
  securityToken: randomBytes(48).toString("base64url"),
};

const STS_ENV = {
  ALIBABA_CLOUD_ACCESS_KEY_ID: STS_CREDENTIAL.accessKeyId,
  ALIBABA_CLOUD_ACCESS_KEY_SECRET: STS_CREDENTIAL.accessKeySecret,
  ALIBABA_CLOUD_SECURITY_TOKEN: STS_CREDENTIAL.securityToken,
};

/** The secret pieces of a PEM private key: its whole base64 body and each full line of it (a short last line could match by chance). */
function privateKeyPieces(pem: string): string[] {
  const lines = pem.split("\n").filter((line) => line !== "" && !line.startsWith("-----"));
  return [lines.join(""), ...lines.filter((line) => line.length >= 32)];
}

/** Every regular file under `dir` except `excluded`, with its text. */
function filesUnder(dir: string, excluded: string): Array<{ file: string; text: string }> {
  return fs
    .readdirSync(dir, { recursive: true, encoding: "utf8" })
    .map((entry) => path.join(dir, entry))
    .filter((file) => file !== excluded && fs.statSync(file).isFile())
    .map((file) => ({ file, text: fs.readFileSync(file, "latin1") }));
}

/** The secrets found in `text` (reported by kind, never by value, so a failure does not print them). */
function leaksIn(text: string, secrets: Readonly<Record<string, readonly string[]>>): string[] {
  return Object.entries(secrets)
    .filter(([, values]) => values.some((value) => text.includes(value)))
    .map(([kind]) => kind);
}

describeWithTerraform("secrets never leave the environment and the private key file", () => {
  let emulator: EnsEmulator;
  let workspace: TerraformWorkspace;

  beforeAll(async () => {
    emulator = await EnsEmulator.start({ rsaBits: 1024 });
    emulator.addCredential(STS_CREDENTIAL);
    workspace = new TerraformWorkspace("secrets", {
      ALIBABA_CLOUD_ENDPOINT_ENS: emulator.endpoint,
      ...STS_ENV,
    });
  });

  afterAll(async () => {
    await emulator.stop();
    workspace.dispose();
  });

  test("terraform apply + destroy: not in cdk.tf.json, state, any project file, or any output", async () => {
    const privateKeyFile = path.join(workspace.dir, "keys", `${NAME}.pem`);
    workspace.synth((stack) => new EnsKeyPair(stack, "kp", { keyPairName: NAME, privateKeyFile }));

    const apply = await workspace.apply();
    expect(apply.exitCode).toBe(0);
    const privateKey = fs.readFileSync(privateKeyFile, "utf8");
    expect(privateKey).toMatch(/^-----BEGIN RSA PRIVATE KEY-----\n/);
    const secrets = {
      "access key secret": [STS_CREDENTIAL.accessKeySecret],
      "security token": [STS_CREDENTIAL.securityToken],
      "private key": privateKeyPieces(privateKey),
    };
    // Control: the search finds the key where it belongs.
    expect(leaksIn(privateKey, secrets)).toEqual(["private key"]);
    const stateAfterApply = fs.readFileSync(workspace.stateFile, "utf8");
    expect(stateAfterApply).toContain(NAME);

    const destroy = await workspace.destroy();
    expect(destroy.exitCode).toBe(0);
    expect(emulator.keyPairs()).toEqual([]);

    // The calls really were signed with the STS credential whose secrets are searched for.
    expect(new Set(emulator.calls().map((call) => call.accessKeyId))).toEqual(
      new Set([STS_CREDENTIAL.accessKeyId]),
    );
    expect(leaksIn(fs.readFileSync(path.join(workspace.stackDir, "cdk.tf.json"), "utf8"), secrets)).toEqual(
      [],
    );
    expect(leaksIn(stateAfterApply, secrets)).toEqual([]);
    expect(leaksIn(apply.output, secrets)).toEqual([]);
    expect(leaksIn(destroy.output, secrets)).toEqual([]);
    const leakingFiles = filesUnder(workspace.dir, privateKeyFile)
      .filter(({ text }) => leaksIn(text, secrets).length > 0)
      .map(({ file }) => path.relative(workspace.dir, file));
    expect(leakingFiles).toEqual([]);
  });

  test("the handler's own stdout and stderr, for create and delete", async () => {
    const privateKeyFile = path.join(workspace.dir, "handler", `${NAME}.pem`);
    const env = { ALIBABA_CLOUD_ENDPOINT_ENS: emulator.endpoint, ...STS_ENV, ENS_KEY_PAIR_NAME: `${NAME}-2` };

    const create = await runHandler("create", { ...env, ENS_KEY_PAIR_PRIVATE_KEY_FILE: privateKeyFile });
    const remove = await runHandler("delete", env);

    expect([create.exitCode, remove.exitCode]).toEqual([HandlerExitCode.OK, HandlerExitCode.OK]);
    const secrets = {
      "access key secret": [STS_CREDENTIAL.accessKeySecret],
      "security token": [STS_CREDENTIAL.securityToken],
      "private key": privateKeyPieces(fs.readFileSync(privateKeyFile, "utf8")),
    };
    for (const output of [create.stdout, create.stderr, remove.stdout, remove.stderr]) {
      expect(leaksIn(output, secrets)).toEqual([]);
      expect(output).not.toContain("PRIVATE KEY");
    }
  });
});
