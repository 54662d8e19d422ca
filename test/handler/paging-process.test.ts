/**
 * The handler's lookup by name against an ENS that sends at most 10 key pairs a page whatever PageSize asks
 * (`readings.maxPageSize: 10`) and whose name filter matches every name containing it (`nameFilter: "substring"`):
 * the key pair named exactly so is on a later page, and only following TotalCount finds it. A lookup that stopped at
 * the first short page would take a stranger's key for gone and delete it.
 */
import { HandlerExitCode } from "../../lib/shared/handler-contract";
import { EnsEmulator } from "../../lib/testing";
import { RSA_PUBLIC_KEY, RSA_PUBLIC_KEY_MD5 } from "../fixtures/keys";
import { attemptLines } from "../support/handler-process";
import { useEmulator } from "../support/emulator";
import { actionsCalled, claimedByEarlierRun, runAgainst } from "./handler-harness";

const NAME = "paged";
/** Key pairs whose names contain NAME, created before it: they fill the first two pages of 10. */
const OTHERS = 23;

let ens: EnsEmulator;

useEmulator((started) => (ens = started), {
  rsaBits: 1024,
  readings: { maxPageSize: 10, nameFilter: "substring" },
});

const IMPORTED = {
  ENS_KEY_PAIR_NAME: NAME,
  ENS_KEY_PAIR_MODE: "import",
  ENS_KEY_PAIR_PUBLIC_KEY: RSA_PUBLIC_KEY,
  ENS_KEY_PAIR_FINGERPRINT: RSA_PUBLIC_KEY_MD5,
};

beforeEach(() => {
  for (let i = 0; i < OTHERS; i++) ens.addKeyPair({ keyPairName: `${NAME}-${String(i).padStart(2, "0")}` });
});

/** The page numbers DescribeKeyPairs was asked for, and that each asked for 50. */
function describedPages(): string[] {
  const describes = ens.calls().filter((call) => call.action === "DescribeKeyPairs");
  for (const call of describes) expect(call.params).toMatchObject({ KeyPairName: NAME, PageSize: "50" });
  return describes.map((call) => call.params.PageNumber);
}

test("the delete guard finds our key on page 3 and deletes it", async () => {
  ens.addKeyPair({ keyPairName: NAME, publicKey: RSA_PUBLIC_KEY });

  const result = await runAgainst(ens, "delete", IMPORTED);

  expect(result.exitCode).toBe(HandlerExitCode.OK);
  expect(describedPages()).toEqual(["1", "2", "3"]);
  expect(
    attemptLines(result.stderr, "DescribeKeyPairs").map((line) => /outcome=\S+/.exec(line)?.[0]),
  ).toEqual(["outcome=next-page", "outcome=next-page", "outcome=found"]);
  expect(ens.keyPair(NAME)).toBeUndefined();
  expect(ens.keyPairs()).toHaveLength(OTHERS);
});

test("the delete guard finds a stranger's key on page 3 and leaves it alone, with zero DeleteKeyPairs", async () => {
  const stranger = ens.addKeyPair({ keyPairName: NAME });

  const result = await runAgainst(ens, "delete", IMPORTED);

  expect(result.exitCode).toBe(HandlerExitCode.OK);
  expect(describedPages()).toEqual(["1", "2", "3"]);
  expect(actionsCalled(ens)).not.toContain("DeleteKeyPairs");
  expect(ens.keyPair(NAME)).toEqual(stranger);
  expect(attemptLines(result.stderr, "DescribeKeyPairs")[2]).toContain("outcome=name-reused");
});

test("no key pair of the name on any page: every page is read, then the one DeleteKeyPairs answers already deleted", async () => {
  const result = await runAgainst(ens, "delete", IMPORTED);

  expect(result.exitCode).toBe(HandlerExitCode.OK);
  expect(describedPages()).toEqual(["1", "2", "3"]);
  expect(attemptLines(result.stderr, "DescribeKeyPairs")[2]).toContain("outcome=not-found");
  expect(actionsCalled(ens).at(-1)).toBe("DeleteKeyPairs");
  expect(ens.keyPairs()).toHaveLength(OTHERS);
});

test("a retried import finds its own key pair on page 3: already imported", async () => {
  ens.addKeyPair({ keyPairName: NAME, publicKey: RSA_PUBLIC_KEY });

  const result = await runAgainst(ens, "create", { ...IMPORTED, ...claimedByEarlierRun() });

  expect(result.exitCode).toBe(HandlerExitCode.OK);
  expect(actionsCalled(ens)).toEqual([
    "ImportKeyPair",
    "DescribeKeyPairs",
    "DescribeKeyPairs",
    "DescribeKeyPairs",
  ]);
  expect(result.stderr).toContain("already imported with the same public key");
});
