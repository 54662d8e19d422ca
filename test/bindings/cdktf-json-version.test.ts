import * as fs from "node:fs";
import * as path from "node:path";

const root = path.resolve(__dirname, "..", "..");

test("cdktf.json names the same alicloud provider version as the committed schema", () => {
  const cdktfJson = JSON.parse(fs.readFileSync(path.join(root, "cdktf.json"), "utf8"));
  const schema = JSON.parse(fs.readFileSync(path.join(root, "providers", "alicloud.schema.json"), "utf8"));
  const schemaVersion = schema.provider_versions["registry.terraform.io/aliyun/alicloud"];
  expect(schemaVersion).toMatch(/^\d+\.\d+\.\d+$/);
  expect(cdktfJson.terraformProviders).toEqual([`aliyun/alicloud@${schemaVersion}`]);
});
