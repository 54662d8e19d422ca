import { TerraformStack, Testing } from "cdktf";
import { EnsKeyPair, RetiredEnsKeyPair } from "../lib";
import { handlerCommandPattern } from "./support/synthesized-key-pair";

interface RemovedBlockJson {
  from: string;
  lifecycle: { destroy: boolean };
  provisioner?: Array<{
    "local-exec": { when: string; command: string; environment: Record<string, string> };
  }>;
}

function synthesized(build: (stack: TerraformStack) => void): {
  removed?: RemovedBlockJson[];
  resource?: { terraform_data?: Record<string, unknown> };
} {
  const stack = new TerraformStack(Testing.app(), "stack");
  build(stack);
  return JSON.parse(Testing.synth(stack));
}

describe("RetiredEnsKeyPair", () => {
  test("retires exactly the address of the main resource of the EnsKeyPair of the same scope and id", () => {
    const before = synthesized(
      (stack) => new EnsKeyPair(stack, "kp", { keyPairName: "kp", privateKeyFile: "k.pem" }),
    );
    // The create step has no destroy-time provisioner: Terraform simply destroys it once its block is gone.
    const address = Object.keys(before.resource?.terraform_data ?? {}).find(
      (name) => !name.includes("_Create_"),
    );

    const after = synthesized((stack) => new RetiredEnsKeyPair(stack, "kp"));
    expect(after.resource).toBeUndefined();
    expect(after.removed).toHaveLength(1);
    expect(after.removed?.[0].from).toBe(`terraform_data.${address}`);
    expect(after.removed?.[0].lifecycle).toEqual({ destroy: true });
  });

  test("runs the handler's delete step with self-only, missing-key-tolerant references", () => {
    const after = synthesized((stack) => new RetiredEnsKeyPair(stack, "kp"));
    const [{ "local-exec": exec }] = after.removed?.[0].provisioner ?? [];
    expect(exec.when).toBe("destroy");
    expect(exec.command).toMatch(handlerCommandPattern("delete"));
    expect(exec.environment.ENS_KEY_PAIR_NAME).toBe('${try(self.input.key_pair_name, "")}');
    for (const value of Object.values(exec.environment))
      expect(value).toMatch(/^\$\{try\(self\.input\.[a-z_]+, ""\)\}$/);
  });

  test("several retirements and live key pairs share one stack", () => {
    const out = synthesized((stack) => {
      new RetiredEnsKeyPair(stack, "old1");
      new RetiredEnsKeyPair(stack, "old2", { keepInCloud: true });
      new EnsKeyPair(stack, "live", { keyPairName: "live", privateKeyFile: "k.pem" });
    });
    expect(out.removed).toHaveLength(2);
    const kept = out.removed?.find((r) => !r.lifecycle.destroy);
    expect(kept?.provisioner).toBeUndefined();
    expect(Object.keys(out.resource?.terraform_data ?? {})).toHaveLength(2);
  });
});
