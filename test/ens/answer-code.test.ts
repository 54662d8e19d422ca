/**
 * Which HTTP 200 bodies are successes and which carry an error (answer-code.ts): every documented ENS success
 * shape, every success `Code` the provider accepts, and error codes as strings and numbers.
 */
import { errorInAnswer, SUCCESS_CODES } from "../../lib/ens/answer-code";

describe("errorInAnswer", () => {
  test.each<[string, Record<string, unknown>]>([
    ["no Code at all (the documented key pair answers)", { RequestId: "R", KeyPairs: {} }],
    ['"Code": 0, a number (ENS, as the emulator plays it)', { Code: 0 }],
    ['"Code": "0"', { Code: "0" }],
    ['"Code": 200', { Code: 200 }],
    ['"Code": "200"', { Code: "200" }],
    ['"Code": "Success"', { Code: "Success" }],
    ['"Code": "success"', { Code: "success" }],
    ['"Code": "OK"', { Code: "OK" }],
    ['"Code": " ok " (trimmed)', { Code: " ok " }],
    ['"code": "0" (lower-case key)', { code: "0" }],
    ['"Code": "" (empty: no code)', { Code: "", Message: "" }],
    ['"Code": null', { Code: null }],
    ['"Code": {} (not a string or number)', { Code: {} }],
  ])("%s is a success", (_label, body) => {
    expect(errorInAnswer(body)).toBeUndefined();
  });

  test.each<[string, Record<string, unknown>, { code: string; message?: string }]>([
    [
      "an error code with its message",
      { Code: "InvalidParameter.KeyPairName", Message: "bad name" },
      { code: "InvalidParameter.KeyPairName", message: "bad name" },
    ],
    [
      "an error code without a message (still an error)",
      { Code: "ens.interface.error" },
      { code: "ens.interface.error" },
    ],
    [
      "an error code with an empty message",
      { Code: "CallInterface", Message: "" },
      { code: "CallInterface" },
    ],
    ["a numeric code other than 0 and 200", { Code: 500, Message: "m" }, { code: "500", message: "m" }],
    [
      '"code" and "message" in lower case',
      { code: "Throttling.User", message: "m" },
      { code: "Throttling.User", message: "m" },
    ],
    ['"Code": "-1"', { Code: "-1" }, { code: "-1" }],
  ])("%s is an error", (_label, body, expected) => {
    expect(errorInAnswer(body)).toEqual(expected);
  });

  test("the success codes are exactly 0, 200, success and ok", () => {
    expect([...SUCCESS_CODES].sort()).toEqual(["0", "200", "ok", "success"]);
  });
});
