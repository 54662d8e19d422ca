/**
 * The pure rules of drift and sweep: how a key pair ENS holds is judged against what the state records (`ok`,
 * `missing`, `changed`, `unknown`), what repairs it, and which listed key pairs sweep may delete and why the others
 * are kept.
 */
import type { EnsKeyPairSummary } from "../../lib/ens/ens-client";
import { judgeByName } from "../../lib/cli/drift-check";
import { driftFix } from "../../lib/cli/drift-fix";
import type { EnsKeyPairInState, KeyPairOwner } from "../../lib/cli/key-pairs-in-state";
import { formatDuration, OwnerInState, planSweep } from "../../lib/cli/sweep-plan";
import { RSA_PUBLIC_KEY_MD5 } from "../fixtures/keys";

const CLAIM = "2026-01-02T03:00:00Z";
const CLAIM_MS = Date.parse(CLAIM);

function inState(overrides: Partial<EnsKeyPairInState> = {}): EnsKeyPairInState {
  return {
    address: "terraform_data.kp_1A2B3C4D",
    createStepAddress: "terraform_data.kp_Create_5E6F7A8B",
    keyPairName: "web-1",
    mode: "create",
    adoptExisting: false,
    claimedAt: CLAIM,
    ...overrides,
  };
}

function listed(overrides: Partial<EnsKeyPairSummary> = {}): EnsKeyPairSummary {
  return {
    keyPairName: "web-1",
    keyPairId: "ssh-abc123",
    fingerprint: "aa:bb:cc:dd:ee:ff:00:11:22:33:44:55:66:77:88:99",
    creationTime: new Date(CLAIM_MS + 2_000).toISOString(),
    ...overrides,
  };
}

const minutes = (n: number) => n * 60_000;

describe("drift: judging what ENS holds under the name", () => {
  test("nothing under the name: missing", () => {
    expect(judgeByName(inState(), undefined).status).toBe("missing");
  });

  describe("import mode compares fingerprints by their hex digits", () => {
    const imported = inState({ mode: "import", fingerprint: RSA_PUBLIC_KEY_MD5 });

    test("the same key, written as plain upper-case hex: ok", () => {
      const plain = RSA_PUBLIC_KEY_MD5.replace(/:/g, "").toUpperCase();
      expect(judgeByName(imported, listed({ fingerprint: plain })).status).toBe("ok");
    });

    test("another key under the name: changed, naming both fingerprints", () => {
      const finding = judgeByName(imported, listed());
      expect(finding.status).toBe("changed");
      expect(finding.reason).toContain(RSA_PUBLIC_KEY_MD5);
      expect(finding.reason).toContain("aa:bb:cc");
    });

    test("even one created long before the claim is ok when the fingerprint matches (a retried import)", () => {
      const old = listed({ fingerprint: RSA_PUBLIC_KEY_MD5, creationTime: "2020-01-01T00:00:00Z" });
      expect(judgeByName(imported, old).status).toBe("ok");
    });

    test("listed without a fingerprint: unknown, not a guess", () => {
      expect(judgeByName(imported, listed({ fingerprint: "" })).status).toBe("unknown");
    });
  });

  describe("create mode goes by the claim", () => {
    test("created after the claim: ok", () => {
      const finding = judgeByName(inState(), listed());
      expect(finding.status).toBe("ok");
      expect(finding.note).toBeUndefined();
    });

    test("created more than 15 minutes before the claim: changed (not the key this stack created)", () => {
      const finding = judgeByName(
        inState(),
        listed({ creationTime: new Date(CLAIM_MS - minutes(60)).toISOString() }),
      );
      expect(finding.status).toBe("changed");
      expect(finding.reason).toContain(`before the stack claimed it at ${CLAIM}`);
    });

    test("created a few minutes before the claim (within the API's clock skew): ok with a note, no false alarm", () => {
      const finding = judgeByName(
        inState(),
        listed({ creationTime: new Date(CLAIM_MS - minutes(5)).toISOString() }),
      );
      expect(finding.status).toBe("ok");
      expect(finding.note).toMatch(/cannot be told/);
    });

    test("adopted: the key that held the name before the claim is the one", () => {
      const adopted = inState({ adoptExisting: true });
      expect(judgeByName(adopted, listed({ creationTime: "2020-01-01T00:00:00Z" })).status).toBe("ok");
    });

    test("release 0.1 state (no claim): ok, with a note that only the name was checked", () => {
      const finding = judgeByName(
        inState({ claimedAt: undefined }),
        listed({ creationTime: "2020-01-01T00:00:00Z" }),
      );
      expect(finding.status).toBe("ok");
      expect(finding.note).toMatch(/release 0\.1/);
    });
  });
});

describe("drift: the repair", () => {
  const source = { label: "cdktf.out/stacks/keys", stackName: "keys", values: undefined };
  const missing = { kind: "missing" } as const;

  test("missing: replace the create step, run in the stack folder", () => {
    expect(driftFix(source, inState(), missing)).toEqual({
      command: "terraform apply -replace=terraform_data.kp_Create_5E6F7A8B",
      workingDirectory: "cdktf.out/stacks/keys",
      cdktf: expect.stringContaining("cdktf.out/stacks/keys"),
    });
  });

  test("no create step in state (release 0.1): replace the main resource", () => {
    expect(driftFix(source, inState({ createStepAddress: undefined }), missing).command).toBe(
      "terraform apply -replace=terraform_data.kp_1A2B3C4D",
    );
  });

  test("an address with an index is quoted for the shell", () => {
    const indexed = inState({ createStepAddress: 'terraform_data.kp["a b"]' });
    expect(driftFix(source, indexed, missing).command).toBe(
      `terraform apply -replace='terraform_data.kp["a b"]'`,
    );
  });

  test("changed: the key pair holding the name must go first, by its ID", () => {
    expect(driftFix(source, inState(), { kind: "changed", holder: listed() }).before).toContain(
      "ens-key-pair delete --id ssh-abc123",
    );
  });

  describe("key-lost", () => {
    const keyLost = { kind: "key-lost", path: "/project/keys/web-1.pem" } as const;

    test("replace the create step (it deletes the key pair by ID and creates it again), or copy the key back", () => {
      const fix = driftFix(source, inState(), keyLost);
      expect(fix.command).toBe("terraform apply -replace=terraform_data.kp_Create_5E6F7A8B");
      expect(fix.before).toBeUndefined();
      expect(fix.instead).toContain("copy it to /project/keys/web-1.pem instead: nothing is replaced");
    });

    test("no claim recorded (deployed by release 0.1): the create step would keep the key, so replace the main resource", () => {
      expect(driftFix(source, inState({ claimedAt: undefined }), keyLost).command).toBe(
        "terraform apply -replace=terraform_data.kp_1A2B3C4D",
      );
    });
  });
});

describe("sweep: what may be deleted", () => {
  const NOW = Date.parse("2026-06-01T12:00:00Z");
  const HOUR = minutes(60);
  const old = (name: string, overrides: Partial<EnsKeyPairSummary> = {}) =>
    listed({
      keyPairName: name,
      keyPairId: `ssh-${name}`,
      creationTime: new Date(NOW - 2 * HOUR).toISOString(),
      ...overrides,
    });
  const owner = (keyPairName: string, overrides: Partial<KeyPairOwner> = {}): OwnerInState => ({
    state: "terraform.keys.tfstate",
    owner: {
      keyPairName,
      address: "terraform_data.kp_1A2B3C4D",
      kind: "EnsKeyPair",
      type: "terraform_data",
      secondary: false,
      ...overrides,
    },
  });

  test("orphans under the prefix are deleted; owned, young, unidentified and out-of-prefix key pairs are not", () => {
    const plan = planSweep(
      [
        old("ci-orphan"),
        old("ci-owned"),
        old("ci-used"),
        old("ci-young", { creationTime: new Date(NOW - HOUR + 1000).toISOString() }),
        old("ci-noid", { keyPairId: "" }),
        old("ci-notime", { creationTime: "" }),
        old("prod-1"),
        old("ci-at-age", { creationTime: new Date(NOW - HOUR).toISOString() }),
      ],
      [
        owner("ci-owned"),
        owner("ci-owned", { address: "terraform_data.kp_Create_5E6F7A8B", secondary: true }),
        owner("ci-used", {
          address: "alicloud_ens_instance.vm",
          kind: "other",
          type: "alicloud_ens_instance",
        }),
      ],
      "ci-",
      HOUR,
      NOW,
    );

    expect(plan.outsidePrefix).toBe(1);
    expect(plan.items.map((item) => [item.keyPair.keyPairName, item.action])).toEqual([
      ["ci-at-age", "delete"],
      ["ci-noid", "keep"],
      ["ci-notime", "keep"],
      ["ci-orphan", "delete"],
      ["ci-owned", "keep"],
      ["ci-used", "keep"],
      ["ci-young", "keep"],
    ]);
    const reason = (name: string) => plan.items.find((item) => item.keyPair.keyPairName === name)?.reason;
    // One line per key pair: the main resource stands for its create step.
    expect(reason("ci-owned")).toBe(
      "named by EnsKeyPair terraform_data.kp_1A2B3C4D in terraform.keys.tfstate",
    );
    expect(reason("ci-used")).toBe(
      "named by alicloud_ens_instance alicloud_ens_instance.vm in terraform.keys.tfstate",
    );
    expect(reason("ci-young")).toContain("less than the minimum age (1h) ago");
    expect(reason("ci-noid")).toContain("deletes by ID only");
    expect(reason("ci-notime")).toContain("no usable CreationTime");
  });

  test("a name in a state is kept even when the state records another KeyPairId, and says so", () => {
    const plan = planSweep([old("ci-1")], [owner("ci-1", { keyPairId: "ssh-other" })], "ci-", HOUR, NOW);

    expect(plan.items[0].action).toBe("keep");
    expect(plan.items[0].reason).toContain("records KeyPairId ssh-other, not this one: run drift");
  });

  test("durations read as people write them", () => {
    expect([3_600_000, 5_400_000, 90_000, 86_400_000, 1_500, 0].map(formatDuration)).toEqual([
      "1h",
      "90m",
      "90s",
      "1d",
      "2s",
      "0s",
    ]);
  });
});
