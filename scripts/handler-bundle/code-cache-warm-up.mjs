// Build step, run in its own Node.js process: `node code-cache-warm-up.mjs <wrapped bundle> <cache out>`.
// Runs the handler bundle once as `delete` and once as `create` against a loopback stand-in for ENS that answers
// every call with success, then writes the V8 code cache of the bundle. Made after real runs, the cache holds the
// compiled code of everything those runs executed (module set-up, credentials, signing, HTTP), not just the top
// level. Runs with no special flags, like the handler itself: V8 rejects a cache made under other flags.
// Prints the exit codes of both runs as JSON.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Script } from "node:vm";

const [sourceFile, cacheFile] = process.argv.slice(2);
// The name the loader compiles the bundle under (BUNDLE_NAME in code-cache-loader.js): V8 keeps it in the cache.
const script = new Script(readFileSync(sourceFile, "latin1"), { filename: "handler.js" });
const runBundle = script.runInThisContext();
// The bundle requires only Node.js built-ins.
const requireBuiltin = createRequire(import.meta.url);

// One answer for every action: each reads only the fields it needs.
const ANSWER = JSON.stringify({
  RequestId: "00000000-0000-4000-8000-000000000000",
  KeyPairId: "ssh-warmup",
  KeyPairFingerPrint: "00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00",
  PrivateKeyBody: "-----BEGIN RSA PRIVATE KEY-----\nwarm-up\n-----END RSA PRIVATE KEY-----\n",
  KeyPairs: { KeyPair: [] },
  TotalCount: 0,
});

const server = createServer((request, response) => {
  request.resume();
  request.on("end", () => {
    response.writeHead(200, { "content-type": "application/json" });
    response.end(ANSWER);
  });
});

const exitProcess = process.exit.bind(process);

/** Runs the bundle as `node handler.js <command>`; resolves with the exit code it asks for. */
function runHandler(command) {
  return new Promise((resolve) => {
    process.exit = (code) => resolve(code ?? process.exitCode ?? 0);
    process.argv = [process.argv[0], "handler.js", command];
    const module = { exports: {} };
    runBundle(module.exports, requireBuiltin, module, "handler.js", ".");
  });
}

server.listen(0, "127.0.0.1", async () => {
  Object.assign(process.env, {
    HOME: mkdtempSync(join(tmpdir(), "ens-handler-warm-up-")),
    ALIBABA_CLOUD_ECS_METADATA_DISABLED: "true",
    ALIBABA_CLOUD_ACCESS_KEY_ID: "warm-up-access-key-id",
    ALIBABA_CLOUD_ACCESS_KEY_SECRET: "warm-up-access-key-secret",
    ALIBABA_CLOUD_ENDPOINT_ENS: `http://127.0.0.1:${server.address().port}`,
    ENS_KEY_PAIR_NAME: "warm-up",
  });
  const exitCodes = { delete: await runHandler("delete"), create: await runHandler("create") };
  server.close();
  writeFileSync(cacheFile, script.createCachedData());
  process.stdout.write(JSON.stringify(exitCodes), () => exitProcess(0));
});
