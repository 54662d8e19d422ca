/**
 * Writing the private key: mode 0600, atomic replace, parents created 0700, nothing left behind on failure.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { writePrivateKeyFile } from "../../lib/key-pairs/private-key-file";

const PEM = "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----";

let scratch: string;

beforeEach(() => {
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), "ens-key-file-"));
});

afterEach(() => {
  fs.rmSync(scratch, { recursive: true, force: true });
});

test("writes the key with mode 0600 and a final newline, creating parents with 0700", async () => {
  const file = path.join(scratch, "a", "b", "id_rsa");

  await writePrivateKeyFile(file, PEM);

  expect(fs.readFileSync(file, "utf8")).toBe(`${PEM}\n`);
  expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  expect(fs.statSync(path.join(scratch, "a")).mode & 0o777).toBe(0o700);
  expect(fs.statSync(path.join(scratch, "a", "b")).mode & 0o777).toBe(0o700);
});

test("is 0600 even under a permissive umask", async () => {
  const previous = process.umask(0);
  try {
    const file = path.join(scratch, "id_rsa");

    await writePrivateKeyFile(file, `${PEM}\n`);

    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  } finally {
    process.umask(previous);
  }
});

test("replaces an existing file (and its mode) in one rename, leaving no temp file", async () => {
  const file = path.join(scratch, "id_rsa");
  fs.writeFileSync(file, "old", { mode: 0o644 });

  await writePrivateKeyFile(file, PEM);

  expect(fs.readFileSync(file, "utf8")).toBe(`${PEM}\n`);
  expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  expect(fs.readdirSync(scratch)).toEqual(["id_rsa"]);
});

test("fails when the target is a folder, leaving no temp file behind", async () => {
  const folder = path.join(scratch, "id_rsa");
  fs.mkdirSync(folder);

  await expect(writePrivateKeyFile(folder, PEM)).rejects.toThrow();

  expect(fs.readdirSync(scratch)).toEqual(["id_rsa"]);
});
