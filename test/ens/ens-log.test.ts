/**
 * The attempt line shape (tests and the demo grep it) and secret masking.
 */
import { EnsLog, formatAttemptLine } from "../../lib/ens/ens-log";

describe("formatAttemptLine", () => {
  test("has the fixed shape, with optional code and delay", () => {
    expect(
      formatAttemptLine({
        action: "DeleteKeyPairs",
        keyPairName: "k:1",
        attempt: 2,
        outcome: "retrying",
        code: "Throttling.User",
        delayMs: 350,
        requestId: "REQ-2",
      }),
    ).toBe(
      'ens-key-pair: DeleteKeyPairs key_pair_name="k:1" attempt=2 outcome=retrying code=Throttling.User delay_ms=350 request_id=REQ-2',
    );
    expect(
      formatAttemptLine({ action: "CreateKeyPair", keyPairName: "k", attempt: 1, outcome: "created" }),
    ).toBe('ens-key-pair: CreateKeyPair key_pair_name="k" attempt=1 outcome=created request_id=-');
  });
});

describe("EnsLog", () => {
  function capture(): { log: EnsLog; lines: string[] } {
    const lines: string[] = [];
    return { log: new EnsLog((line) => lines.push(line)), lines };
  }

  test("prefixes info and error lines", () => {
    const { log, lines } = capture();

    log.info('key pair "k" deleted');
    log.error("it broke.");

    expect(lines).toEqual(['ens-key-pair: key pair "k" deleted', "ens-key-pair: error: it broke."]);
  });

  test("masks registered secrets in every line, and keeps each line on one line", () => {
    const { log, lines } = capture();
    log.redact("s3cr3t-access-key-secret");
    log.redact("tiny");
    log.redact(undefined);

    log.error("the server said s3cr3t-access-key-secret\nwas wrong, tiny detail");

    expect(lines).toEqual(["ens-key-pair: error: the server said *** was wrong, tiny detail"]);
  });
});
