import { createServer, Server } from "node:http";
import { AddressInfo } from "node:net";
import { isLoopbackHost } from "../shared/endpoint-value";
import { checkKeyPairName } from "../shared/key-pair-name";
import { isPublicKeyViolation, parseSshRsaPublicKey } from "../shared/public-key";
import { CredentialStore, EmulatorCredential } from "./credential-store";
import { EmulatedKeyPair } from "./emulated-key-pair";
import { CallLog, EmulatorCall } from "./emulator-call";
import { EmulatorFaults, FaultPlan } from "./emulator-faults";
import { EmulatorReadings, ResolvedReadings, resolveReadings } from "./emulator-readings";
import { HeldCalls } from "./held-calls";
import { KeyPairStore } from "./key-pair-store";
import { LatencyTimers } from "./latency-timers";
import { NonceCache } from "./nonce-cache";
import { randomLowerAlnum } from "./random-id";
import { RequestPipeline } from "./request-pipeline";
import { generateRsaKeyPairSync } from "./rsa-key-generation";
import { InvalidOptionError } from "./invalid-option-error";

/** How to start an `EnsEmulator`. */
export interface EnsEmulatorOptions {
  /** TCP port. @default 0 (a random free port) */
  readonly port?: number;
  /** Interface to listen on: loopback only (127.0.0.0/8, `localhost`, `::1`); anything else throws. @default "127.0.0.1" */
  readonly host?: string;
  /** The AccessKey ID requests must be signed with. @default "test-access-key-id" */
  readonly accessKeyId?: string;
  /** The AccessKey secret requests must be signed with. @default "test-access-key-secret" */
  readonly accessKeySecret?: string;
  /** Largest accepted clock skew of signed requests, in seconds. @default 900 (15 min) */
  readonly maxClockSkewSeconds?: number;
  /** RSA modulus bits of keys CreateKeyPair (and `addKeyPair` without a key) generates. @default 2048 */
  readonly rsaBits?: number;
  /** Called with every finished call (e.g. to print a request log). @default none */
  readonly onCall?: (call: EmulatorCall) => void;
  /**
   * Which reading to play where the ENS docs leave a behaviour open (fingerprint format, the answer
   * for a missing key, …); see `EmulatorReadings`. @default DEFAULT_READINGS
   */
  readonly readings?: EmulatorReadings;
}

/** The emulator's default AccessKey ID. */
export const DEFAULT_ACCESS_KEY_ID = "test-access-key-id";
/** The emulator's default AccessKey secret. */
export const DEFAULT_ACCESS_KEY_SECRET = "test-access-key-secret";
/** The default accepted clock skew, seconds. */
export const DEFAULT_MAX_CLOCK_SKEW_SECONDS = 900;
/** The default RSA modulus size. */
export const DEFAULT_RSA_BITS = 2048;
/** How long `waitForCalls` (and the other waits) wait by default before rejecting, in milliseconds. */
export const DEFAULT_WAIT_TIMEOUT_MS = 30_000;

/** How long a wait may take. */
export interface WaitOptions {
  /** Reject after this many milliseconds, with a message saying what was awaited and what came. @default 30000 */
  readonly timeoutMs?: number;
}

function checkOptions(options: EnsEmulatorOptions): ResolvedReadings {
  const host = options.host ?? "127.0.0.1";
  if (!isLoopbackHost(host)) {
    throw new InvalidOptionError(
      `Invalid emulator host ${JSON.stringify(host)}: the ENS emulator listens on loopback only ` +
        `(127.0.0.1, localhost or ::1), so signed test traffic never leaves the machine. Use "127.0.0.1".`,
    );
  }
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new InvalidOptionError(
      `Invalid emulator port ${String(port)}: use an integer from 0 (any free port) to 65535.`,
    );
  }
  const skew = options.maxClockSkewSeconds ?? DEFAULT_MAX_CLOCK_SKEW_SECONDS;
  if (!(Number.isFinite(skew) && skew >= 0)) {
    throw new InvalidOptionError(
      `Invalid maxClockSkewSeconds ${String(skew)}: use a non-negative number of seconds.`,
    );
  }
  const bits = options.rsaBits ?? DEFAULT_RSA_BITS;
  if (!Number.isInteger(bits) || bits < 1024) {
    throw new InvalidOptionError(
      `Invalid rsaBits ${String(bits)}: use an integer of at least 1024 (ENS keys are 2048 bits).`,
    );
  }
  return resolveReadings(options.readings);
}

function checkPublicKey(publicKey: string | undefined): void {
  if (publicKey === undefined) return;
  const parsed = parseSshRsaPublicKey(publicKey);
  if (isPublicKeyViolation(parsed)) throw new Error(parsed.message);
}

const ISO_8601_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

function toDate(value: Date | string): Date {
  const date =
    value instanceof Date ? value : ISO_8601_WITH_ZONE.test(String(value)) ? new Date(value) : undefined;
  if (date === undefined || Number.isNaN(date.getTime())) {
    const shown = value instanceof Date ? "Invalid Date" : JSON.stringify(value);
    throw new RangeError(
      `Invalid creationTime ${shown}: give a Date, or an ISO 8601 time with a time zone such as "2024-01-31T12:00:00Z".`,
    );
  }
  return date;
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/**
 * A local ENS API (version 2017-11-10) for tests: a real HTTP server on loopback that speaks the
 * RPC wire protocol, verifies ACS3-HMAC-SHA256 and HMAC-SHA1 signatures, serves CreateKeyPair,
 * ImportKeyPair, DescribeKeyPairs and DeleteKeyPairs, logs every call and injects faults.
 *
 * @example
 * const ens = await EnsEmulator.start();
 * ens.faults.throttle("DeleteKeyPairs", 2, { retryAfterSeconds: 1 });
 * // run the code under test with ens.env() …
 * expect(ens.keyPairs()).toEqual([]);
 * await ens.stop();
 */
export class EnsEmulator {
  /** Starts an emulator and resolves once it listens. @throws InvalidOptionError for a refused option */
  static async start(options: EnsEmulatorOptions = {}): Promise<EnsEmulator> {
    const readings = checkOptions(options);
    const emulator = new EnsEmulator(options, readings);
    emulator.listeningPort = await listen(emulator.server, options.port ?? 0, emulator.host);
    return emulator;
  }

  /** Base URL, e.g. `http://127.0.0.1:40123`. */
  get endpoint(): string {
    const host = this.host.includes(":") ? `[${this.host}]` : this.host;
    return `http://${host}:${this.port}`;
  }

  /** The port it listens on. */
  get port(): number {
    return this.listeningPort;
  }

  /** The default AccessKey requests are signed with. */
  readonly credentials: { readonly accessKeyId: string; readonly accessKeySecret: string };

  /** Injectable failures (see `EmulatorFaults` for the order they apply in). */
  get faults(): EmulatorFaults {
    return this.faultPlan;
  }

  private readonly host: string;
  private readonly rsaBits: number;
  /** The clock creation times are stamped by (`readings.creationTimeOffsetSeconds` applied). */
  private readonly now: () => Date;
  private readonly store = new KeyPairStore();
  private readonly credentialStore = new CredentialStore();
  private readonly nonces = new NonceCache();
  private readonly faultPlan = new FaultPlan();
  private readonly log = new CallLog();
  private readonly timers = new LatencyTimers();
  private readonly held = new HeldCalls();
  private readonly server: Server;
  private listeningPort = 0;
  private stopping: Promise<void> | undefined;

  private constructor(options: EnsEmulatorOptions, readings: ResolvedReadings) {
    this.host = options.host ?? "127.0.0.1";
    const offsetMs = readings.creationTimeOffsetSeconds * 1000;
    this.now = () => new Date(Date.now() + offsetMs);
    this.rsaBits = options.rsaBits ?? DEFAULT_RSA_BITS;
    this.credentials = Object.freeze({
      accessKeyId: options.accessKeyId ?? DEFAULT_ACCESS_KEY_ID,
      accessKeySecret: options.accessKeySecret ?? DEFAULT_ACCESS_KEY_SECRET,
    });
    this.credentialStore.add(this.credentials);
    const pipeline = new RequestPipeline({
      authority: {
        credentials: this.credentialStore,
        nonces: this.nonces,
        maxClockSkewSeconds: options.maxClockSkewSeconds ?? DEFAULT_MAX_CLOCK_SKEW_SECONDS,
        nowMs: Date.now,
      },
      actionContext: { store: this.store, rsaBits: this.rsaBits, now: this.now, readings },
      faults: this.faultPlan,
      log: this.log,
      timers: this.timers,
      held: this.held,
      onCall: options.onCall,
    });
    this.server = createServer((request, response) => {
      pipeline.handle(request, response).catch((error: unknown) => {
        // The pipeline answers every failure itself; this only guards against a bug in it.
        process.emitWarning(`EnsEmulator failed to handle a request: ${String(error)}`);
        response.destroy();
      });
    });
  }

  /**
   * Environment variables that point a process (handler, cdktf, terraform) at this emulator with
   * its default credentials: `ALIBABA_CLOUD_ACCESS_KEY_ID`, `ALIBABA_CLOUD_ACCESS_KEY_SECRET` and
   * `ALIBABA_CLOUD_ENDPOINT_ENS`.
   */
  env(): Record<string, string> {
    return {
      ALIBABA_CLOUD_ACCESS_KEY_ID: this.credentials.accessKeyId,
      ALIBABA_CLOUD_ACCESS_KEY_SECRET: this.credentials.accessKeySecret,
      ALIBABA_CLOUD_ENDPOINT_ENS: this.endpoint,
    };
  }

  /**
   * Accepts another credential, e.g. an STS one: requests signed with it must then carry its
   * security token (`x-acs-security-token` header, or the `SecurityToken` parameter).
   */
  addCredential(credential: EmulatorCredential): void {
    this.credentialStore.add(credential);
  }

  /** Every key pair, oldest first. */
  keyPairs(): EmulatedKeyPair[] {
    return this.store.list();
  }

  /** The key pair with this exact name. */
  keyPair(name: string): EmulatedKeyPair | undefined {
    return this.store.get(name);
  }

  /** Finished calls, in arrival order (a call still waiting on latency appears once answered). */
  calls(): EmulatorCall[] {
    return this.log.list();
  }

  /**
   * Adds a key pair out of band, as if someone created it elsewhere.
   *
   * @param keyPair.publicKey an `ssh-rsa` public key line. @default a freshly generated key
   * @param keyPair.creationTime when it was created (e.g. to seed old keys), a Date or an ISO 8601
   *   time with a time zone. @default now (plus `readings.creationTimeOffsetSeconds`)
   * @throws Error when the name breaks the naming rules, is taken, or the key is not ssh-rsa;
   *   RangeError for an invalid creationTime
   */
  addKeyPair(keyPair: {
    readonly keyPairName: string;
    readonly publicKey?: string;
    readonly creationTime?: Date | string;
  }): EmulatedKeyPair {
    const violation = checkKeyPairName(keyPair.keyPairName);
    if (violation) throw new Error(violation.message);
    checkPublicKey(keyPair.publicKey);
    const creationTime = keyPair.creationTime === undefined ? this.now() : toDate(keyPair.creationTime);
    if (this.store.has(keyPair.keyPairName)) {
      throw new Error(
        `A key pair named ${JSON.stringify(keyPair.keyPairName)} already exists in the emulator. Delete it first.`,
      );
    }
    const publicKey = keyPair.publicKey ?? generateRsaKeyPairSync(this.rsaBits).publicKey;
    const stored = this.store.insert(keyPair.keyPairName, publicKey, creationTime);
    if (stored === "name-taken")
      throw new Error(`A key pair named ${JSON.stringify(keyPair.keyPairName)} already exists.`);
    return stored;
  }

  /**
   * Replaces a key pair out of band, as if someone deleted it and created another under the same
   * name: the name stays; key, ID and creation time are new (it becomes the newest key pair).
   *
   * @param publicKey an `ssh-rsa` public key line. @default a freshly generated key
   * @throws Error when there is no such key pair or the key is not ssh-rsa
   */
  replaceKeyPair(keyPairName: string, publicKey?: string): EmulatedKeyPair {
    if (!this.store.has(keyPairName)) throw this.noSuchKeyPair(keyPairName);
    checkPublicKey(publicKey);
    this.store.delete(keyPairName);
    return this.addKeyPair({ keyPairName, publicKey });
  }

  /** Deletes a key pair out of band, by name or ID. @returns whether one existed */
  deleteKeyPair(nameOrId: string): boolean {
    return this.store.delete(nameOrId);
  }

  /**
   * Binds an instance to a key pair. DeleteKeyPairs then deletes the key anyway, or answers
   * `PubKeyAttachedWithInstance`, as `readings.attachedKeyDelete` says.
   *
   * @param instanceId @default a generated `i-…` ID
   * @returns the instance ID
   * @throws Error when there is no such key pair
   */
  attachInstance(keyPairName: string, instanceId = `i-${randomLowerAlnum(20)}`): string {
    if (!this.store.attach(keyPairName, instanceId)) throw this.noSuchKeyPair(keyPairName);
    return instanceId;
  }

  /** Unbinds every instance from a key pair. @throws Error when there is no such key pair */
  detachInstances(keyPairName: string): void {
    if (!this.store.detachAll(keyPairName)) throw this.noSuchKeyPair(keyPairName);
  }

  /**
   * Resolves once the emulator has finished `count` calls (of `action`, if given), counting calls
   * already logged. Rejects if the emulator stops first, or after `options.timeoutMs` with an Error
   * that lists the calls received so far. Lets tests wait without sleeping.
   *
   * @throws RangeError (as a rejection) for a negative or fractional count or timeout
   */
  waitForCalls(count: number, action?: string, options: WaitOptions = {}): Promise<void> {
    return this.log.waitFor(count, action, options.timeoutMs ?? DEFAULT_WAIT_TIMEOUT_MS);
  }

  /**
   * Resolves once `count` calls (of `action`, if given) have been held by `faults.holdRequest` or
   * `faults.holdResponse` in total, counting calls held earlier and since released. Rejects if the
   * emulator stops first, or after `options.timeoutMs` with an Error saying how many were held and
   * listing the calls so far. Lets a test interrupt a client at an exact moment: once this resolves,
   * the call is being held (for holdResponse: its change is already in the store).
   *
   * @throws RangeError (as a rejection) for a negative or fractional count or timeout
   */
  waitForHeld(count: number, action?: string, options: WaitOptions = {}): Promise<void> {
    return this.held.waitFor(count, action, options.timeoutMs ?? DEFAULT_WAIT_TIMEOUT_MS, () =>
      this.log.summary(),
    );
  }

  /** Lets every call held now (of `action`, if given) go on. @returns how many were released */
  releaseHeld(action?: string): number {
    return this.held.release(action);
  }

  /** How many calls (of `action`, if given) are held now. */
  heldCalls(action?: string): number {
    return this.held.count(action);
  }

  /**
   * Forgets key pairs, calls, faults, nonces and the count of held calls (credentials stay). Calls
   * held now end as on `stop()`: their connections close, so nothing from before leaks into the state after.
   */
  reset(): void {
    this.store.clear();
    this.log.clear();
    this.faultPlan.clear();
    this.nonces.clear();
    this.held.clear();
  }

  /**
   * Closes the server and every open connection; pending latency delays and held calls end at once,
   * pending waits reject. Idempotent.
   */
  stop(): Promise<void> {
    this.stopping ??= new Promise<void>((resolve, reject) => {
      this.server.close((error) => (error ? reject(error) : resolve()));
      this.server.closeAllConnections();
      this.timers.cancelAll();
      this.held.endAll();
      this.log.abandonWaiters("The emulator stopped");
      this.held.abandonWaiters("The emulator stopped");
    });
    return this.stopping;
  }

  private noSuchKeyPair(keyPairName: string): Error {
    return new Error(`The emulator has no key pair named ${JSON.stringify(keyPairName)}.`);
  }
}
