import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import { ALICLOUD_FQPN, REPO_ROOT, readAlicloudSchema } from "./alicloud-schema";

const COMMITTED_BINDINGS = path.join(REPO_ROOT, ".gen", "providers", "alicloud");
const GENERATOR_SCRIPT = path.join(REPO_ROOT, "scripts", "gen-providers.mjs");

/** Every file under `dir`, as sorted paths relative to it. */
function filesUnder(dir: string, prefix = ""): string[] {
  return fs
    .readdirSync(path.join(dir, prefix), { withFileTypes: true })
    .flatMap((entry) => {
      const relative = path.join(prefix, entry.name);
      return entry.isDirectory() ? filesUnder(dir, relative) : [relative];
    })
    .sort();
}

let scratch: string;
let freshBindings: string;

beforeAll(async () => {
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), "gen-providers-"));
  const home = path.join(scratch, "home");
  fs.mkdirSync(home);
  const outDir = path.join(scratch, "gen");
  await promisify(execFile)(process.execPath, [GENERATOR_SCRIPT, outDir], {
    cwd: REPO_ROOT,
    env: { ...process.env, HOME: home, CHECKPOINT_DISABLE: "1", ALIBABA_CLOUD_ECS_METADATA_DISABLED: "true" },
  });
  freshBindings = path.join(outDir, "providers", "alicloud");
});

afterAll(() => {
  fs.rmSync(scratch, { recursive: true, force: true });
});

describe("committed bindings (.gen/providers/alicloud)", () => {
  test("hold the same files as a fresh `npm run gen:providers`", () => {
    expect(filesUnder(COMMITTED_BINDINGS)).toEqual(filesUnder(freshBindings));
  });

  test("are byte-for-byte what the generator produces from providers/alicloud.schema.json", () => {
    const differing = filesUnder(freshBindings).filter(
      (file) =>
        !fs
          .readFileSync(path.join(freshBindings, file))
          .equals(fs.readFileSync(path.join(COMMITTED_BINDINGS, file))),
    );
    // Non-empty means someone edited generated code or the schema without re-running `npm run gen:providers`.
    expect(differing).toEqual([]);
  });

  test("cover the provider, both resources and the data source", () => {
    expect(filesUnder(COMMITTED_BINDINGS).filter((file) => file.endsWith("index.ts"))).toEqual([
      path.join("data-alicloud-ens-key-pairs", "index.ts"),
      path.join("ens-instance", "index.ts"),
      path.join("ens-key-pair", "index.ts"),
      "index.ts",
      "lazy-index.ts",
      path.join("provider", "index.ts"),
    ]);
  });

  test("carry the schema's pinned provider version", () => {
    const version = readAlicloudSchema().provider_versions[ALICLOUD_FQPN];
    const providerBinding = fs.readFileSync(path.join(COMMITTED_BINDINGS, "provider", "index.ts"), "utf8");
    expect(providerBinding).toContain(`providerVersion: '${version}'`);
  });
});
