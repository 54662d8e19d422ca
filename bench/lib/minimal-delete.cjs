"use strict";
/* global require, process, URL -- a CommonJS script, kept CommonJS because that starts fastest */
/* eslint-disable @typescript-eslint/no-require-imports */
// The floor for benchmark (a): the same DeleteKeyPairs call as the handler, written by hand with node:http and an
// HMAC-SHA1 (V1) signature; no SDK, no credentials chain, no retries, no input checks. Not shipped: it shows how
// much of the handler's start-up time any Node.js process that signs and sends one request pays anyway.
// Reads ENS_KEY_PAIR_NAME, ALIBABA_CLOUD_ENDPOINT_ENS (http://host:port), ALIBABA_CLOUD_ACCESS_KEY_ID/_SECRET.
const { createHmac, randomUUID } = require("node:crypto");
const { request } = require("node:http");

const encode = (value) =>
  encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
const env = process.env;
const params = {
  Action: "DeleteKeyPairs",
  Version: "2017-11-10",
  Format: "JSON",
  AccessKeyId: env.ALIBABA_CLOUD_ACCESS_KEY_ID,
  SignatureMethod: "HMAC-SHA1",
  SignatureVersion: "1.0",
  SignatureNonce: randomUUID(),
  Timestamp: new Date().toISOString().replace(/\.\d+Z$/, "Z"),
  KeyPairName: env.ENS_KEY_PAIR_NAME,
};
const query = Object.keys(params)
  .sort()
  .map((name) => `${encode(name)}=${encode(params[name])}`)
  .join("&");
const signature = createHmac("sha1", `${env.ALIBABA_CLOUD_ACCESS_KEY_SECRET}&`)
  .update(`POST&${encode("/")}&${encode(query)}`)
  .digest("base64");
const endpoint = new URL(env.ALIBABA_CLOUD_ENDPOINT_ENS);
const call = request(
  {
    host: endpoint.hostname,
    port: endpoint.port,
    method: "POST",
    path: `/?${query}&Signature=${encode(signature)}`,
  },
  (response) => {
    response.resume();
    response.on("end", () => process.exit(response.statusCode === 200 ? 0 : 1));
  },
);
call.on("error", () => process.exit(1));
call.end();
