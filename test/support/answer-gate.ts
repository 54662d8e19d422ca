/**
 * A loopback HTTP proxy in front of the ENS emulator that can hold the emulator's answers to one action until the
 * test releases them: the request reaches the emulator at once (it acts, and logs the call, so
 * `emulator.waitForCalls` sees it), but the caller waits for the answer. That pins a run at a known moment, e.g. an
 * `apply` that holds its state lock, without guessing at timing.
 *
 * The emulator's `latency` fault cannot do this: it is a timer, and clearing it (`latency(action, 0)`) does not
 * release calls already waiting. Requests pass through byte for byte (the Host header included), so the signatures
 * the emulator verifies are the ones the caller made.
 */
import { createServer, IncomingMessage, request as httpRequest, Server, ServerResponse } from "node:http";
import { AddressInfo } from "node:net";

interface HeldAnswer {
  readonly statusCode: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: Buffer;
  readonly response: ServerResponse;
}

function readBody(message: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    message.on("data", (chunk: Buffer) => chunks.push(chunk));
    message.on("end", () => resolve(Buffer.concat(chunks)));
    message.on("error", reject);
  });
}

/** The API action of an RPC request: the V3 `x-acs-action` header, else the V1 `Action` parameter. */
function actionOf(request: IncomingMessage, body: Buffer): string {
  const header = request.headers["x-acs-action"];
  if (typeof header === "string") return header;
  const query = new URL(request.url ?? "/", "http://gate").searchParams.get("Action");
  return query ?? new URLSearchParams(body.toString("utf8")).get("Action") ?? "";
}

/** See the file comment. */
export class AnswerGate {
  /** Starts the proxy on 127.0.0.1 (random port) in front of `target` (the emulator's endpoint). */
  static async start(target: string): Promise<AnswerGate> {
    const gate = new AnswerGate(new URL(target));
    await new Promise<void>((resolve, reject) => {
      gate.server.once("error", reject);
      gate.server.listen(0, "127.0.0.1", () => resolve());
    });
    return gate;
  }

  private readonly server: Server;
  private heldAction: string | undefined;
  private held: HeldAnswer[] = [];
  private waiters: Array<{ count: number; resolve: () => void }> = [];

  private constructor(private readonly target: URL) {
    this.server = createServer((request, response) => {
      this.forward(request, response).catch(() => response.destroy());
    });
  }

  /** The endpoint to give the code under test (`ALIBABA_CLOUD_ENDPOINT_ENS`). */
  get endpoint(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Holds every answer to `action` from now until {@link release}. */
  hold(action: string): void {
    this.heldAction = action;
  }

  /** How many answers are held right now. */
  get heldCount(): number {
    return this.held.length;
  }

  /**
   * Resolves once `count` answers are held; rejects after `timeoutMs`, saying how many arrived.
   */
  waitForHeld(count: number, timeoutMs = 30_000): Promise<void> {
    if (this.held.length >= count) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((waiter) => waiter.resolve !== done);
        reject(
          new Error(`${count} held answer(s) expected within ${timeoutMs} ms; ${this.held.length} arrived`),
        );
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        resolve();
      };
      this.waiters.push({ count, resolve: done });
    });
  }

  /** Stops holding and sends every held answer, in arrival order. */
  release(): void {
    this.heldAction = undefined;
    for (const answer of this.held.splice(0)) this.send(answer);
  }

  /** Releases what is held and closes the proxy. */
  stop(): Promise<void> {
    this.release();
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  private async forward(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const body = await readBody(request);
    const action = actionOf(request, body);
    const answer = await new Promise<{ statusCode: number; headers: HeldAnswer["headers"]; body: Buffer }>(
      (resolve, reject) => {
        const upstream = httpRequest(
          {
            host: this.target.hostname,
            port: this.target.port,
            method: request.method,
            path: request.url,
            headers: request.headers,
          },
          (reply) =>
            readBody(reply).then(
              (replyBody) =>
                resolve({ statusCode: reply.statusCode ?? 502, headers: reply.headers, body: replyBody }),
              reject,
            ),
        );
        upstream.on("error", reject);
        upstream.end(body);
      },
    );
    const held = { ...answer, response };
    if (this.heldAction !== undefined && action === this.heldAction) {
      this.held.push(held);
      const ready = this.waiters.filter((waiter) => this.held.length >= waiter.count);
      this.waiters = this.waiters.filter((waiter) => !ready.includes(waiter));
      for (const waiter of ready) waiter.resolve();
    } else {
      this.send(held);
    }
  }

  private send({ statusCode, headers, body, response }: HeldAnswer): void {
    if (response.destroyed) return;
    response.writeHead(statusCode, headers);
    response.end(body);
  }
}
