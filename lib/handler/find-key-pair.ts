/**
 * Looks a key pair up by exact name with DescribeKeyPairs. The API does not document whether its
 * `KeyPairName` filter matches exactly, so results are filtered here and pages are followed (bounded).
 */
import { EnsAction } from "../ens/ens-actions";
import type { EnsClient, EnsKeyPairSummary } from "../ens/ens-client";
import { ActionRun, runLoggedAction } from "../ens/logged-action";

const PAGE_SIZE = 50;
/** 100 pages of 50: far beyond any real account, and a bound on a misbehaving API. */
const MAX_PAGES = 100;

/**
 * The key pair named exactly `run.keyPairName`, or `undefined` when none exists.
 *
 * @throws ActionFailedError when DescribeKeyPairs gives up
 */
export async function findKeyPair(
  client: EnsClient,
  run: Omit<ActionRun, "action">,
): Promise<EnsKeyPairSummary | undefined> {
  for (let pageNumber = 1; pageNumber <= MAX_PAGES; pageNumber++) {
    const page = await runLoggedAction(
      { ...run, action: EnsAction.DESCRIBE_KEY_PAIRS },
      async ({ timeLeftMs }) => {
        const answer = await client.describeKeyPairs(
          { keyPairName: run.keyPairName, pageNumber, pageSize: PAGE_SIZE },
          timeLeftMs,
        );
        const match = answer.keyPairs.find((k) => k.keyPairName === run.keyPairName);
        const lastPage = answer.keyPairs.length < PAGE_SIZE || pageNumber * PAGE_SIZE >= answer.totalCount;
        return {
          value: { match, lastPage },
          outcome: match ? "found" : "not-found",
          requestId: answer.requestId,
        };
      },
    );
    if (page.match || page.lastPage) return page.match;
  }
  return undefined;
}
