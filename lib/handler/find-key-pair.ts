/**
 * Looks a key pair up by exact name (or by ID) with DescribeKeyPairs. The API does not document whether its
 * `KeyPairName` filter matches exactly, so results are filtered here and pages are followed (bounded).
 */
import { EnsAction } from "../ens/ens-actions";
import type { EnsClient, EnsKeyPairSummary } from "../ens/ens-client";
import type { AttemptOutcome } from "../ens/ens-log";
import { ActionRun, runLoggedAction } from "../ens/logged-action";

const PAGE_SIZE = 50;
/** 100 pages of 50: far beyond any real account, and a bound on a misbehaving API. */
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
 * @throws ActionFailedError when DescribeKeyPairs gives up
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
  for (let pageNumber = 1; pageNumber <= MAX_PAGES; pageNumber++) {
    const page = await runLoggedAction(
      { ...run, action: EnsAction.DESCRIBE_KEY_PAIRS },
      async ({ timeLeftMs }) => {
        const answer = await client.describeKeyPairs(
          { ...filter, pageNumber, pageSize: PAGE_SIZE },
          timeLeftMs,
        );
        const match = answer.keyPairs.find(matches);
        const lastPage = answer.keyPairs.length < PAGE_SIZE || pageNumber * PAGE_SIZE >= answer.totalCount;
        return {
          value: { match, lastPage },
          outcome: match ? outcomeOf(match) : "not-found",
          requestId: answer.requestId,
        };
      },
    );
    if (page.match || page.lastPage) return page.match;
  }
  return undefined;
}
