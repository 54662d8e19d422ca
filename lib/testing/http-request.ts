import { IncomingMessage } from "node:http";

/** A received HTTP request, read in full. */
export interface HttpRequest {
  /** `GET`, `POST`, … */
  readonly method: string;
  /** The raw path, without the query string. */
  readonly path: string;
  /** Query parameters, decoded (the first value of a repeated name). */
  readonly query: Readonly<Record<string, string>>;
  /** Form parameters of an `application/x-www-form-urlencoded` body, decoded; empty for other bodies. */
  readonly form: Readonly<Record<string, string>>;
  /** Header values by lower-case name, repeated headers kept apart. */
  readonly headers: Readonly<Record<string, readonly string[] | undefined>>;
  /** The raw body. */
  readonly body: Buffer;
}

/** The request body was larger than allowed. */
export class BodyTooLargeError extends Error {
  /** @param limit the largest accepted body, in bytes */
  constructor(readonly limit: number) {
    super(`request body larger than ${limit} bytes`);
    this.name = "BodyTooLargeError";
  }
}

function firstValues(params: URLSearchParams): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of params) if (!Object.hasOwn(result, name)) result[name] = value;
  return result;
}

function readBody(message: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    message.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        // Stop buffering but keep reading, so the error answer can still be written.
        chunks.length = 0;
        return;
      }
      chunks.push(chunk);
    });
    message.on("end", () =>
      size > limit ? reject(new BodyTooLargeError(limit)) : resolve(Buffer.concat(chunks)),
    );
    message.on("error", reject);
    // A client that hangs up mid-body never sends "end": settle instead of waiting forever.
    message.on("close", () => {
      if (!message.complete)
        reject(new Error("the client closed the connection before the body was complete"));
    });
  });
}

/** Reads a request in full and decodes its query string and form body. */
export async function readHttpRequest(message: IncomingMessage, bodyLimit: number): Promise<HttpRequest> {
  const rawUrl = message.url ?? "/";
  const queryStart = rawUrl.indexOf("?");
  const path = queryStart < 0 ? rawUrl : rawUrl.slice(0, queryStart);
  const query = firstValues(new URLSearchParams(queryStart < 0 ? "" : rawUrl.slice(queryStart + 1)));
  const body = await readBody(message, bodyLimit);
  const contentType = (message.headers["content-type"] ?? "").split(";")[0].trim().toLowerCase();
  const form =
    contentType === "application/x-www-form-urlencoded"
      ? firstValues(new URLSearchParams(body.toString("utf8")))
      : {};
  return { method: message.method ?? "GET", path, query, form, headers: message.headersDistinct, body };
}

/** The first value of a header, if present. */
export function headerValue(request: HttpRequest, name: string): string | undefined {
  return request.headers[name]?.[0];
}
