/**
 * findKeyPair's bound: against an API whose pages never reach TotalCount, the lookup stops after its page limit
 * with an error, never with "not found" (which would let a create or delete go ahead on a guess).
 */
import type { EnsClient, KeyPairPage, KeyPairQuery } from "../../lib/ens/ens-client";
import { EnsLog } from "../../lib/ens/ens-log";
import { SYSTEM_CLOCK } from "../../lib/ens/retry";
import { findKeyPair } from "../../lib/key-pairs/find-key-pair";

test("a server that never stops paging: an error after the page limit, not 'not found'", async () => {
  const asked: number[] = [];
  const endless = {
    describeKeyPairs: async (query: KeyPairQuery): Promise<KeyPairPage> => {
      asked.push(query.pageNumber);
      const other = {
        keyPairName: `other-${query.pageNumber}`,
        keyPairId: "ssh-x",
        fingerprint: "",
        creationTime: "",
      };
      return { keyPairs: [other], totalCount: 1_000_000 };
    },
  } as unknown as EnsClient;
  const lines: string[] = [];

  const lookup = findKeyPair(
    { client: endless, log: new EnsLog((line) => lines.push(line)), clock: SYSTEM_CLOCK },
    { keyPairName: "wanted" },
    Date.now() + 60_000,
  );

  await expect(lookup).rejects.toThrow(
    /^DescribeKeyPairs for key pair "wanted" still had more pages after 10000 \(10000 key pairs read of TotalCount 1000000\)/,
  );
  expect(asked).toEqual(Array.from({ length: 10_000 }, (_, i) => i + 1));
  expect(lines.every((line) => line.includes("outcome=next-page"))).toBe(true);
});
