/**
 * Property tests of the key pair name rules: checkKeyPairName against an independent oracle written from the API
 * page, then the three places that apply it (the construct at synth, the handler's input parsing, the handler
 * process against the emulator) against the same oracle.
 *
 * The seed is fixed so a run is reproducible; set NAME_RULES_SEED to explore other inputs.
 */
import * as fc from "fast-check";
import { App, TerraformStack } from "cdktf";
import { EnsKeyPair } from "../../lib";
import { ConfigurationError } from "../../lib/ens/configuration-error";
import { HandlerExitCode } from "../../lib/shared/handler-contract";
import { readCreateInput, readDeleteInput } from "../../lib/handler/handler-input";
import { runHandler as runHandlerInProcess } from "../../lib/handler/run-handler";
import { checkKeyPairName, describeValue } from "../../lib/shared/key-pair-name";
import { EnsEmulator } from "../../lib/testing";
import { RSA_PUBLIC_KEY } from "../fixtures/keys";
import { runHandler } from "../support/handler-process";
import { brokenNameRules, nameRulesAccept, RULE_WORDING } from "./support/key-pair-name-oracle";

const SEED = Number(process.env.NAME_RULES_SEED) || 20_240_611;

/**
 * Inputs tried per property; their sum is the figure published in FIGURES.md. Each test checks its count after
 * fast-check passed (a passing property runs exactly numRuns times: no shrinking).
 */
const RUNS = {
  pureCheck: 20_000,
  construct: 3_000,
  handlerInput: 10_000,
  handlerInProcess: 300,
  handlerProcess: 20,
};
const tried: Record<keyof typeof RUNS, number> = {
  pureCheck: 0,
  construct: 0,
  handlerInput: 0,
  handlerInProcess: 0,
  handlerProcess: 0,
};

const ALLOWED_ALPHABET = [..."ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789:_-"];
const allowedCharacter = fc.constantFrom(...ALLOWED_ALPHABET);
const controlCharacter = fc.integer({ min: 0, max: 0x1f }).map((code) => String.fromCharCode(code));
const shellCharacter = fc.constantFrom(..."$`;&|<>()'\"\\ \n*?~#!{}[]/.");

/** Strings of every kind the rules must sort correctly. */
const anyName = fc.oneof(
  // Printable unicode, including multi-code-point graphemes and emoji.
  fc.string({ unit: "grapheme", maxLength: 200 }),
  // Any code point, control characters included.
  fc.string({ unit: "binary", maxLength: 200 }),
  // Built from the allowed alphabet: valid apart from the first character or the length.
  fc.string({ unit: allowedCharacter, maxLength: 200 }),
  // Every length from 0 to 200, and more often the lengths at both limits.
  fc
    .oneof(fc.integer({ min: 0, max: 200 }), fc.constantFrom(1, 2, 128, 129))
    .chain((length) => fc.string({ unit: allowedCharacter, minLength: length, maxLength: length })),
  // Valid names.
  fc.stringMatching(/^[A-Za-z][A-Za-z0-9:_-]{1,127}$/),
  // URL prefixes, in any case, followed by anything.
  fc
    .tuple(
      fc.constantFrom("http://", "https://", "HTTP://", "Https://", "http:/", "http:", "https:", "http"),
      fc.string({ unit: allowedCharacter, maxLength: 30 }),
    )
    .map(([prefix, rest]) => prefix + rest),
  // Allowed characters mixed with control and shell characters.
  fc.string({ unit: fc.oneof(allowedCharacter, controlCharacter, shellCharacter), maxLength: 60 }),
);

/** True for U+0000–U+001F, the control characters that include newline, carriage return and escape. */
function isC0Control(character: string): boolean {
  return character.charCodeAt(0) < 0x20;
}

/** The rejection message of a name the oracle rejects; fails the test when checkKeyPairName accepts it. */
function rejectionOf(name: string): string {
  const violation = checkKeyPairName(name);
  if (!violation)
    throw new Error(`checkKeyPairName accepted ${JSON.stringify(name)}, which the API page rejects`);
  return violation.message;
}

beforeAll(() => {
  fc.configureGlobal({ seed: SEED });
});

afterAll(() => {
  fc.resetConfigureGlobal();
});

/** Examples straight from the API page, so the oracle itself is checked too. */
test.each([
  ["TestKeyPairName", true],
  ["team:web:key-1", true],
  ["a_", true],
  ["A".repeat(128), true],
  ["a", false],
  ["A".repeat(129), false],
  ["1key", false],
  ["_key", false],
  ["http://key", false],
  ["https://key", false],
  ["key.pem", false],
  ["key pair", false],
  ["ключ", false],
])("the oracle and checkKeyPairName agree with the API page on %j (valid: %s)", (name, valid) => {
  expect(nameRulesAccept(name)).toBe(valid);
  expect(checkKeyPairName(name) === undefined).toBe(valid);
});

test("checkKeyPairName accepts exactly what the API page's rules accept, and a rejection names a broken rule and the value", () => {
  fc.assert(
    fc.property(anyName, (name) => {
      tried.pureCheck++;
      const violation = checkKeyPairName(name);
      expect(violation === undefined).toBe(nameRulesAccept(name));
      if (!violation) return;
      expect([...brokenNameRules(name)]).toContain(violation.rule);
      expect(violation.message).toContain(RULE_WORDING[violation.rule]);
      expect(violation.message).toContain(describeValue(Array.from(name).slice(0, 20).join("")).slice(0, -1));
      // The value is quoted and escaped: no raw newline or other C0 control character reaches a log line.
      expect([...violation.message].filter(isC0Control)).toEqual([]);
    }),
    { numRuns: RUNS.pureCheck },
  );
  expect(tried.pureCheck).toBe(RUNS.pureCheck);
});

test("the construct refuses a literal name at synth exactly when the rules do, with checkKeyPairName's message", () => {
  const stack = new TerraformStack(new App(), "names");
  let id = 0;
  fc.assert(
    fc.property(anyName, (name) => {
      tried.construct++;
      const build = () =>
        new EnsKeyPair(stack, `kp${id++}`, { keyPairName: name, publicKey: RSA_PUBLIC_KEY });
      if (nameRulesAccept(name)) expect(build).not.toThrow();
      else expect(build).toThrow(rejectionOf(name));
    }),
    { numRuns: RUNS.construct },
  );
  expect(tried.construct).toBe(RUNS.construct);
});

test("the handler's input parsing refuses a name exactly when the rules do, for create and for delete", () => {
  fc.assert(
    fc.property(anyName, fc.constantFrom("create", "delete"), (name, command) => {
      tried.handlerInput++;
      const env = { ENS_KEY_PAIR_NAME: name, ENS_KEY_PAIR_MODE: "create" };
      const parse = () => (command === "create" ? readCreateInput(env) : readDeleteInput(env));
      // An empty value means "unset" to the handler (Terraform renders absent values as ""): a different message.
      if (name === "") expect(parse).toThrow(ConfigurationError);
      else if (nameRulesAccept(name)) expect(parse().keyPairName).toBe(name);
      else expect(parse).toThrow(new ConfigurationError(rejectionOf(name)));
    }),
    { numRuns: RUNS.handlerInput },
  );
  expect(tried.handlerInput).toBe(RUNS.handlerInput);
});

describe("the handler against the emulator", () => {
  let ens: EnsEmulator;

  beforeAll(async () => {
    ens = await EnsEmulator.start({ rsaBits: 1024 });
  });

  afterAll(async () => {
    await ens.stop();
  });

  /** A valid name proceeds to exactly one DeleteKeyPairs of that name; an invalid one stops with no call at all. */
  function expectSameAnswer(name: string, exitCode: number, stderr: string): void {
    if (nameRulesAccept(name)) {
      expect(exitCode).toBe(HandlerExitCode.OK);
      expect(ens.calls().map((call) => [call.action, call.params.KeyPairName])).toEqual([
        ["DeleteKeyPairs", name],
      ]);
      return;
    }
    expect(exitCode).toBe(HandlerExitCode.INVALID_INPUT);
    expect(ens.calls()).toEqual([]);
    if (name !== "") expect(stderr).toContain(rejectionOf(name));
  }

  test("in process: invalid → exit 2 and zero calls; valid → it proceeds to the API", async () => {
    await fc.assert(
      fc.asyncProperty(anyName, async (name) => {
        tried.handlerInProcess++;
        ens.reset();
        const lines: string[] = [];
        const exitCode = await runHandlerInProcess({
          argv: ["delete"],
          env: { ...ens.env(), ENS_KEY_PAIR_NAME: name, ENS_KEY_PAIR_MODE: "create" },
          writeStderr: (line) => lines.push(line),
        });
        expectSameAnswer(name, exitCode, lines.join("\n"));
      }),
      { numRuns: RUNS.handlerInProcess },
    );
    expect(tried.handlerInProcess).toBe(RUNS.handlerInProcess);
  });

  test("as the bundled process: the same answers", async () => {
    // Process environments cannot carry NUL characters, and neither can Terraform's.
    const processName = anyName.filter((name) => !name.includes("\u0000"));
    await fc.assert(
      fc.asyncProperty(processName, async (name) => {
        tried.handlerProcess++;
        ens.reset();
        const result = await runHandler("delete", {
          ...ens.env(),
          ENS_KEY_PAIR_NAME: name,
          ENS_KEY_PAIR_MODE: "create",
        });
        expectSameAnswer(name, result.exitCode, result.stderr);
      }),
      { numRuns: RUNS.handlerProcess },
    );
    expect(tried.handlerProcess).toBe(RUNS.handlerProcess);
  });
});

/** Invisible characters must not hide in (or act on a terminal from) a rejection message. */
test("a rejection message shows invisible characters escaped (no raw DEL, C1 control or line separator)", () => {
  const invisible = fc.constantFrom("\u007f", "\u0085", "\u009b", "\u2028", "\u2029");
  fc.assert(
    fc.property(
      fc.tuple(fc.stringMatching(/^[A-Za-z][A-Za-z0-9]{1,10}$/), invisible),
      ([prefix, character]) => {
        expect(rejectionOf(prefix + character)).not.toMatch(/[\u007f-\u009f\u2028\u2029]/);
      },
    ),
  );
});
