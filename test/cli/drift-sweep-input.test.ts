/**
 * Bad input to `drift` and `sweep`: each gives one clear error line and exit 2 before any API call (none of these
 * runs terraform), with nothing on stdout.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { EnsEmulator } from "../../lib/testing";
import { useEmulator } from "../support/emulator";
import { actionsCalled, errorLine, runCliAgainst } from "./cli-process";

let ens: EnsEmulator;

useEmulator((started) => (ens = started));

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ens-drift-input-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Writes a file in the test folder and returns its path. */
function file(name: string, content: string): string {
  const target = path.join(dir, name);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(target, content);
  return target;
}

const emptyShow = () => file("empty-show.json", JSON.stringify({ format_version: "1.0" }));
const keyPairShow = () =>
  file(
    "one-show.json",
    JSON.stringify({
      format_version: "1.0",
      values: {
        root_module: {
          resources: [
            {
              address: "terraform_data.kp_1A2B3C4D",
              mode: "managed",
              type: "terraform_data",
              name: "kp_1A2B3C4D",
              values: { id: "x", input: { key_pair_name: "ci-1", mode: "create" } },
            },
          ],
        },
      },
    }),
  );

describe("exit 2 with a message naming the problem, zero API calls, nothing on stdout", () => {
  const cases: Array<[string, () => string[], string, string?]> = [
    ["drift without a state", () => ["drift"], "drift needs at least one state"],
    [
      "a state path that does not exist",
      () => ["drift", path.join(dir, "nope.tfstate")],
      `cannot read the state "${path.join(dir, "nope.tfstate")}": no such file or folder.`,
    ],
    ["a state that is not JSON", () => ["drift", file("plan.bin", "PK\u0003\u0004binary")], "it is not JSON"],
    [
      "stdin that is not JSON",
      () => ["drift", "-"],
      "cannot read the state on stdin: it is not JSON",
      "not json",
    ],
    [
      "a raw state on stdin",
      () => ["drift", "-"],
      "it is JSON but not `terraform show -json` output",
      JSON.stringify({ version: 4, serial: 1, lineage: "x", resources: [] }),
    ],
    ["stdin twice", () => ["drift", "-", "--state", "-"], "Only one state can be read from stdin (-)."],
    [
      "the JSON of a plan",
      () => [
        "drift",
        file(
          "plan.json",
          JSON.stringify({ format_version: "1.2", planned_values: {}, resource_changes: [] }),
        ),
      ],
      "it is the JSON of a plan, not of a state",
    ],
    [
      "an unknown major format_version",
      () => ["drift", file("v2.json", JSON.stringify({ format_version: "2.0", values: {} }))],
      "its format_version is 2.0; only 1.x is understood.",
    ],
    [
      "a folder without Terraform configuration (a cdktf project root)",
      () => {
        fs.mkdirSync(path.join(dir, "project", "cdktf.out", "stacks", "keys"), { recursive: true });
        return ["drift", path.join(dir, "project")];
      },
      `holds no Terraform configuration (*.tf, *.tf.json). For a cdktf project, pass a stack folder: ${path.join(dir, "project", "cdktf.out", "stacks", "keys")}.`,
    ],
    ["sweep without a prefix", () => ["sweep", "--state", keyPairShow()], "sweep needs --prefix P"],
    [
      "an empty prefix",
      () => ["sweep", "--prefix", "", "--state", keyPairShow()],
      "--prefix must not be empty",
    ],
    [
      "a prefix no name can start with",
      () => ["sweep", "--prefix", "9x", "--state", keyPairShow()],
      'Invalid --prefix "9x"',
    ],
    [
      "sweep without a state",
      () => ["sweep", "--prefix", "ci-", "--yes"],
      "sweep needs at least one --state",
    ],
    [
      "conflicting flags",
      () => ["sweep", "--prefix", "ci-", "--state", keyPairShow(), "--yes", "--dry-run"],
      "--yes and --dry-run conflict",
    ],
    [
      "a bad minimum age",
      () => ["sweep", "--prefix", "ci-", "--state", keyPairShow(), "--min-age", "soon"],
      'Invalid --min-age "soon"',
    ],
    [
      "a state as an argument to sweep",
      () => ["sweep", "--prefix", "ci-", keyPairShow()],
      "Unexpected argument",
    ],
    [
      "sweep with a state that names no key pair (a wrong path would make every key look orphaned)",
      () => ["sweep", "--prefix", "ci-", "--state", keyPairShow(), "--state", emptyShow(), "--yes"],
      "it names no key pair (no EnsKeyPair, no resource with a key_pair_name), so it cannot own any; sweep refuses it",
    ],
  ];
  test.each(cases.map(([name, args, message, stdin]) => ({ name, args, message, stdin })))(
    "$name",
    async ({ args, message, stdin }) => {
      ens.addKeyPair({ keyPairName: "ci-orphan", creationTime: "2020-01-01T00:00:00Z" });

      const result = await runCliAgainst(ens, args(), {}, { stdin: stdin ?? "" });

      expect(result.exitCode).toBe(2);
      expect(errorLine(result.stderr)).toContain(message);
      expect(result.stdout).toBe("");
      expect(actionsCalled(ens)).toEqual([]);
      expect(ens.keyPair("ci-orphan")).toBeDefined();
    },
  );
});

test("drift of a state with no EnsKeyPair warns and reports nothing (exit 0)", async () => {
  const result = await runCliAgainst(ens, ["drift", emptyShow(), "--json"]);

  expect(result.exitCode).toBe(0);
  expect(JSON.parse(result.stdout)).toMatchObject({ drift: false, keyPairs: [], states: [{ keyPairs: 0 }] });
  expect(result.stderr).toContain(
    `warning: the state ${JSON.stringify(path.join(dir, "empty-show.json"))} records no EnsKeyPair.`,
  );
});
