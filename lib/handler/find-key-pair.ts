/**
 * Looks a key pair up by exact name (or by ID) with DescribeKeyPairs. The API does not document whether its
 * `KeyPairName` filter matches exactly, so results are filtered here and pages are followed until TotalCount, an
 * empty page or a bound (key-pair-paging.ts): the server may send fewer than PAGE_SIZE per page.
 */
import { EnsAction } from "../ens/ens-actions";
import type { EnsClient, EnsKeyPairSummary } from "../ens/ens-client";
import type { AttemptOutcome } from "../ens/ens-log";
import { isLastPage } from "../ens/key-pair-paging";
import { ActionRun, runLoggedAction } from "../ens/logged-action";

const PAGE_SIZE = 50;
/**
 * At most this many pages: even at 10 key pairs a page (a server that caps PageSize), 1,000 key pairs matching the
 * name filter, far beyond what a name filter matches; and a bound on a misbehaving API.
 */
const MAX_PAGES = 100;

/** Options of {@link findKeyPair}. */
export interface FindKeyPairOptions {
  /**
   * Look up the key pair with this KeyPairId, whatever its name (the caller compares the name).
   *
   * @default - look up the key pair named exactly `run.keyPairName`
   */
  readonly keyPairId?: string;
  /** The outcome word logged for the attempt that found the key pair. @default "found" */
  readonly outcomeOf?: (match: EnsKeyPairSummary) => AttemptOutcome;
}

/**
 * The key pair named exactly `run.keyPairName` (or with the given ID), or `undefined` when none exists.
 *
 * @throws ActionFailedError when DescribeKeyPairs gives up; Error when the pages still had not reached TotalCount
 *   after MAX_PAGES (never reported as "not found")
 */
export async function findKeyPair(
  client: EnsClient,
  run: Omit<ActionRun, "action">,
  options: FindKeyPairOptions = {},
): Promise<EnsKeyPairSummary | undefined> {
  const { keyPairId, outcomeOf = () => "found" } = options;
  const filter = keyPairId ? { keyPairId } : { keyPairName: run.keyPairName };
  const matches = (k: EnsKeyPairSummary): boolean =>
    keyPairId ? k.keyPairId === keyPairId : k.keyPairName === run.keyPairName;
  let readSoFar = 0;
  for (let pageNumber = 1; pageNumber <= MAX_PAGES; pageNumber++) {
    const page = await runLoggedAction(
      { ...run, action: EnsAction.DESCRIBE_KEY_PAIRS },
      async ({ timeLeftMs }) => {
        const answer = await client.describeKeyPairs(
          { ...filter, pageNumber, pageSize: PAGE_SIZE },
          timeLeftMs,
        );
        const match = answer.keyPairs.find(matches);
        const lastPage = isLastPage(answer, readSoFar + answer.keyPairs.length);
        return {
          value: { match, lastPage, read: answer.keyPairs.length, totalCount: answer.totalCount },
          // A page without the key pair is "not-found" only when no page follows it.
          outcome: match ? outcomeOf(match) : lastPage ? "not-found" : "next-page",
          requestId: answer.requestId,
        };
      },
    );
    readSoFar += page.read;
    if (page.match || page.lastPage) return page.match;
    if (pageNumber === MAX_PAGES) {
      throw new Error(
        `DescribeKeyPairs for key pair ${JSON.stringify(run.keyPairName)} still had more pages after ${MAX_PAGES} ` +
          `(${readSoFar} key pairs read of TotalCount ${page.totalCount ?? "unknown"}), so the lookup stopped without ` +
          "an answer; nothing was decided from it. Check for an ENS endpoint that ignores PageNumber.",
      );
    }
  }
  return undefined;
}
