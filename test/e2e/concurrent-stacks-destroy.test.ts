/**
 * Several stacks destroyed at once, as separate terraform processes, against one account (one emulator, one
 * credential) under one account-wide rate limit: every delete must still succeed. `npm run bench` runs the full
 * 3 stacks × 50 key pairs and reports the wall time against the ideal (README, Performance).
 */
import { EnsKeyPair } from "../../lib";
import { EnsEmulator } from "../../lib/testing";
import { useEmulator } from "../support/emulator";
import { TerraformWorkspace, terraformAvailable } from "../support/terraform";

const describeWithTerraform = terraformAvailable() ? describe : describe.skip;

const STACKS = ["alpha", "beta", "gamma"];
const KEY_PAIRS_PER_STACK = 10;
/**
 * Account-wide, with a bucket of one token, so the limit bites: the three processes start 30 handlers at once, and
 * none would be throttled only if their first calls spread over more than 29 / 4 ≈ 7 s (they arrive within about
 * 2 s on an idle 2-core machine; a trial of 3 × 12 deletes at 10 calls/s with a full bucket was never throttled). The
 * benchmark runs 10 calls/s with 150 key pairs.
 */
const RATE_LIMIT_PER_SECOND = 4;
const RATE_LIMIT_BURST = 1;
/** Also throttled, whatever the timing: the first calls the rate limit lets through, so a throttled retry is certain. */
const COUNTED_THROTTLES = 3;
const PARALLELISM = "-parallelism=10";

describeWithTerraform("concurrent destroy of several stacks under one rate limit", () => {
  let emulator: EnsEmulator;
  useEmulator((started) => (emulator = started));

  let workspaces: TerraformWorkspace[] = [];
  afterEach(() => workspaces.splice(0).forEach((workspace) => workspace.dispose()));

  test(`${STACKS.length} stacks × ${KEY_PAIRS_PER_STACK} key pairs at ${RATE_LIMIT_PER_SECOND} req/s: 0 failures, nothing left`, async () => {
    const names = (stack: string) =>
      Array.from({ length: KEY_PAIRS_PER_STACK }, (_, index) => `${stack}-key-${index}`);
    workspaces = STACKS.map((stackName) => {
      const workspace = new TerraformWorkspace(stackName, emulator.env());
      workspace.synth((stack) => {
        for (const name of names(stackName)) new EnsKeyPair(stack, name, { keyPairName: name });
      });
      return workspace;
    });
    const all = STACKS.flatMap(names).sort();

    const applies = await Promise.all(
      workspaces.map((workspace) =>
        workspace.terraform("apply", "-auto-approve", "-input=false", "-no-color", PARALLELISM),
      ),
    );
    expect(applies.map((run) => run.exitCode)).toEqual([0, 0, 0]);
    expect(
      emulator
        .keyPairs()
        .map((k) => k.keyPairName)
        .sort(),
    ).toEqual(all);

    const callsBefore = emulator.calls().length;
    emulator.faults.rateLimit(RATE_LIMIT_PER_SECOND, RATE_LIMIT_BURST);
    emulator.faults.throttle("DeleteKeyPairs", COUNTED_THROTTLES);
    const destroys = await Promise.all(
      workspaces.map((workspace) =>
        workspace.terraform("destroy", "-auto-approve", "-input=false", "-no-color", PARALLELISM),
      ),
    );
    emulator.faults.clear();

    for (const run of destroys) {
      expect({ exitCode: run.exitCode, output: run.exitCode === 0 ? "" : run.output }).toEqual({
        exitCode: 0,
        output: "",
      });
      // Each key pair is its main resource and its create step.
      expect(run.output).toMatch(
        new RegExp(`Destroy complete! Resources: ${2 * KEY_PAIRS_PER_STACK} destroyed\\.`),
      );
    }
    expect(emulator.keyPairs()).toEqual([]);
    for (const workspace of workspaces) expect(await workspace.stateList()).toEqual([]);

    const calls = emulator.calls().slice(callsBefore);
    // Only throttling was refused, and it happened (at least the counted throttles; the rate limit adds more).
    const refused = calls.filter((c) => c.code !== undefined);
    expect(new Set(refused.map((c) => c.code))).toEqual(new Set(["Throttling.User"]));
    expect(refused.length).toBeGreaterThanOrEqual(COUNTED_THROTTLES);
    // Per key pair exactly one successful ownership check and one successful DeleteKeyPairs, and nothing else.
    for (const action of ["DescribeKeyPairs", "DeleteKeyPairs"]) {
      expect(
        calls
          .filter((c) => c.action === action && c.code === undefined)
          .map((c) => c.params.KeyPairName)
          .sort(),
      ).toEqual(all);
    }
    expect(new Set(calls.map((c) => c.action))).toEqual(new Set(["DescribeKeyPairs", "DeleteKeyPairs"]));
  });
});
