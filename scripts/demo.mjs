// npm run demo: deploy the example stack to the ENS emulator with the real cdktf CLI and terraform, delete one key
// out of band, destroy, and print a short transcript. Exits non-zero if any step does not end as expected.
import { execFileSync, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { stripVTControlCharacters } from "node:util";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const { EnsEmulator } = await import(path.join(root, "dist/lib/testing/index.js"));

const STACK = "ens-key-pairs";
const CREATED = "demo-created";
const IMPORTED = "demo:imported";
const privateKeyFile = path.join(root, "examples", "out", "demo-created.pem");
const work = fs.mkdtempSync(path.join(os.tmpdir(), "ens-demo-"));
const logFile = path.join(work, "demo.log");
const cliConfig = path.join(work, "terraformrc");
fs.writeFileSync(cliConfig, "");

const say = (line = "") => process.stdout.write(`${line}\n`);
const fail = (message) => {
  say(`\nDEMO FAILED: ${message}`);
  say(`Full cdktf/terraform output: ${logFile}`);
  process.exit(1);
};

try {
  execFileSync("terraform", ["version"], {
    stdio: "ignore",
    env: { ...process.env, TF_CLI_CONFIG_FILE: cliConfig },
  });
} catch {
  fail(
    "terraform is not on PATH. The demo runs the real `cdktf deploy`/`destroy`, which need terraform >= 1.9.",
  );
}

const emulator = await EnsEmulator.start();
const env = {
  ...process.env,
  ...emulator.env(),
  CI: "true",
  CHECKPOINT_DISABLE: "1",
  TF_CLI_CONFIG_FILE: cliConfig,
  FORCE_COLOR: "0",
  NO_COLOR: "1",
};
delete env.ALICLOUD_ACCESS_KEY;
delete env.ALICLOUD_SECRET_KEY;

const keyNames = () =>
  emulator
    .keyPairs()
    .map((k) => k.keyPairName)
    .sort();
const showKeys = () => say(`Emulator now holds: ${keyNames().join(", ") || "(no key pairs)"}`);

function cdktf(...args) {
  say(`\n$ cdktf ${args.join(" ")}`);
  return new Promise((resolve) => {
    const child = spawn(path.join(root, "node_modules", ".bin", "cdktf"), args, {
      cwd: root,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    const collect = (chunk) => {
      output += chunk;
      fs.appendFileSync(logFile, chunk);
    };
    child.stdout.on("data", collect);
    child.stderr.on("data", collect);
    child.on("close", (code) => {
      const plain = stripVTControlCharacters(output);
      const shown = new Set();
      for (const line of plain.split("\n")) {
        const handlerLine = line.indexOf("ens-key-pair:");
        const text =
          handlerLine >= 0
            ? line.slice(handlerLine)
            : /(Apply|Destroy) complete!/.test(line)
              ? line.trim()
              : "";
        if (text && !shown.has(text)) {
          shown.add(text);
          say(`  ${text}`);
        }
      }
      resolve({ code, plain });
    });
  });
}

try {
  say(
    `ENS emulator listening on ${emulator.endpoint}; cdktf and terraform get its test credentials from the environment.`,
  );

  const deploy = await cdktf("deploy", STACK, "--auto-approve");
  if (deploy.code !== 0) fail(`cdktf deploy exited ${deploy.code}`);
  showKeys();
  if (keyNames().join() !== [CREATED, IMPORTED].sort().join())
    fail("the emulator does not hold both key pairs");
  const mode = (fs.statSync(privateKeyFile).mode & 0o777).toString(8);
  say(`Private key of ${CREATED} written to ${path.relative(root, privateKeyFile)} (mode ${mode})`);

  say(`\nDeleting "${CREATED}" out of band, as if someone removed it in the console...`);
  emulator.deleteKeyPair(CREATED);
  showKeys();

  const destroy = await cdktf("destroy", STACK, "--auto-approve");
  if (destroy.code !== 0) fail(`cdktf destroy exited ${destroy.code}`);
  if (!/outcome=already-deleted code=PubKeyNameNotExist/.test(destroy.plain))
    fail("no 'already deleted' step was logged");
  showKeys();
  if (keyNames().length !== 0) fail("key pairs are left in the emulator");

  const counts = {};
  for (const call of emulator.calls()) counts[call.action] = (counts[call.action] ?? 0) + 1;
  const verified = emulator.calls().every((c) => c.signatureVerified);
  say(
    `API calls received: ${Object.entries(counts)
      .map(([a, n]) => `${a} ${n}`)
      .join(", ")}` + (verified ? " (every signature verified)" : " (SOME SIGNATURES FAILED)"),
  );
  say("\nDemo OK: the out-of-band deletion was treated as already deleted and destroy completed.");
} finally {
  await emulator.stop();
}
