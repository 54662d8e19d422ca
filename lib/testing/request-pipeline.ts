import { IncomingMessage, ServerResponse } from "node:http";
import { ApiError, EnsErrorCode, missingParameter } from "./api-error";
import { ApiResponse, errorResponse, JSON_CONTENT_TYPE, successResponse } from "./api-response";
import { authenticate, Authority } from "./authenticate";
import { isClientGone } from "./client-gone";
import { CallLog, EmulatorCall } from "./emulator-call";
import { FaultPlan } from "./emulator-faults";
import { HeldCalls } from "./held-calls";
import { BodyTooLargeError, HttpRequest, readHttpRequest } from "./http-request";
import { ActionContext, KEY_PAIR_ACTIONS, KeyPairAction } from "./key-pair-actions";
import { LatencyTimers } from "./latency-timers";
import { newRequestId } from "./random-id";
import { readSignedRequest } from "./read-signed-request";
import { SignedRequest } from "./signed-request";

/**
 * The API version the emulator serves. Deliberately its own copy of the client's (lib/ens/ens-actions.ts): the
 * emulator plays the server, so it must refuse a client that sends another version rather than follow it.
 */
export const ENS_API_VERSION = "2017-11-10";

/** Largest request body accepted (public keys are a few KiB). */
const MAX_BODY_BYTES = 1024 * 1024;

/** What the pipeline works with. */
export interface PipelineParts {
  /** Credentials, nonces, clock. */
  readonly authority: Authority;
  /** Key pairs and key generation settings. */
  readonly actionContext: ActionContext;
  /** Injected failures. */
  readonly faults: FaultPlan;
  /** The call log. */
  readonly log: CallLog;
  /** Latency delays (cancelled on stop). */
  readonly timers: LatencyTimers;
  /** Calls held by holdRequest and holdResponse faults (ended on stop). */
  readonly held: HeldCalls;
  /** Called with every finished call. */
  readonly onCall?: (call: EmulatorCall) => void;
}

type CallBase = Omit<EmulatorCall, "statusCode" | "code" | "outcome" | "signatureVerified">;

const THROTTLING_MESSAGE = "Request was denied due to user flow control.";

function throttling(code: string, retryAfterMs: number | undefined): ApiError {
  const headers: Record<string, string> =
    retryAfterMs === undefined ? {} : { "x-acs-retry-after": String(retryAfterMs) };
  return new ApiError(400, code, THROTTLING_MESSAGE, headers);
}

function serverError(status: 500 | 503): ApiError {
  return status === 503
    ? new ApiError(
        503,
        EnsErrorCode.SERVICE_UNAVAILABLE,
        "The request has failed due to a temporary failure of the server.",
      )
    : new ApiError(
        500,
        EnsErrorCode.INTERNAL_ERROR,
        "The request processing has failed due to some unknown error, exception or failure.",
      );
}

function checkRoute(request: HttpRequest): void {
  if (request.method !== "GET" && request.method !== "POST") {
    throw new ApiError(
      405,
      EnsErrorCode.UNSUPPORTED_HTTP_METHOD,
      `The HTTP method ${request.method} is not supported: ENS RPC calls use POST or GET.`,
    );
  }
  if (request.path !== "/") {
    throw new ApiError(
      404,
      EnsErrorCode.INVALID_ACTION_NOT_FOUND,
      `The path ${JSON.stringify(request.path)} does not exist: ENS RPC calls go to "/".`,
    );
  }
}

function resolveAction(signed: SignedRequest): KeyPairAction {
  if (!signed.action) throw missingParameter("Action");
  if (!signed.version) throw missingParameter("Version");
  if (signed.version !== ENS_API_VERSION) {
    throw new ApiError(
      400,
      EnsErrorCode.INVALID_VERSION,
      `Specified parameter Version ${JSON.stringify(signed.version)} is not valid: the ENS API version is ${ENS_API_VERSION}.`,
    );
  }
  const action = KEY_PAIR_ACTIONS.get(signed.action);
  if (!action) {
    throw new ApiError(
      404,
      EnsErrorCode.INVALID_ACTION_NOT_FOUND,
      `Specified api ${JSON.stringify(signed.action)} is not found. The emulator serves ${[...KEY_PAIR_ACTIONS.keys()].join(", ")}.`,
    );
  }
  return action;
}

function unreadable(error: unknown): ApiError {
  if (error instanceof BodyTooLargeError) {
    return new ApiError(
      413,
      EnsErrorCode.REQUEST_TOO_LARGE,
      `The request body is larger than ${error.limit} bytes.`,
    );
  }
  return new ApiError(400, EnsErrorCode.INVALID_PARAMETER, "The request could not be read.");
}

/**
 * Handles one HTTP request end to end: read, fault injection, authentication, action, answer,
 * call log. Never throws: every failure becomes an API error answer (or, for a client that hung
 * up, a logged call without one).
 */
export class RequestPipeline {
  /** @param parts the state and collaborators every request uses */
  constructor(private readonly parts: PipelineParts) {}

  /** Handles a request (the `node:http` request listener). */
  async handle(message: IncomingMessage, response: ServerResponse): Promise<void> {
    const receivedAt = Date.now();
    const record = this.parts.log.arrive();
    const finish = (call: EmulatorCall): void => {
      record(call);
      this.notify(call);
    };
    const requestId = newRequestId();
    let request: HttpRequest;
    try {
      request = await readHttpRequest(message, MAX_BODY_BYTES);
    } catch (error) {
      const base: CallBase = {
        action: "",
        params: {},
        httpMethod: message.method ?? "",
        signatureMethod: "none",
        requestId,
        receivedAt,
      };
      await this.answer(base, false, errorResponse(requestId, unreadable(error)), response, finish);
      return;
    }
    const signed = readSignedRequest(request);
    const base: CallBase = {
      action: signed.action,
      params: signed.params,
      httpMethod: request.method,
      signatureMethod: signed.signatureMethod,
      accessKeyId: signed.accessKeyId,
      requestId,
      receivedAt,
    };
    if (this.parts.faults.take("resetConnection", signed.action)) {
      finish({ ...base, signatureVerified: false, statusCode: 0, outcome: "reset" });
      message.socket.resetAndDestroy();
      return;
    }
    let verified = false;
    let performed = false;
    let answer: ApiResponse;
    try {
      checkRoute(request);
      authenticate(signed, this.parts.authority);
      verified = true;
      const action = resolveAction(signed);
      const holdRequest = this.parts.faults.take("holdRequest", signed.action);
      if (holdRequest) {
        await this.parts.held.hold(signed.action, response, holdRequest.ms);
        if (isClientGone(response)) {
          // The request never reached "ENS": the action does not run.
          finish({ ...base, signatureVerified: true, statusCode: 0, outcome: "dropped" });
          response.socket?.destroy();
          return;
        }
      }
      this.applyFaults(signed.action);
      performed = true;
      const fields = await action(signed.params, this.parts.actionContext);
      const { codeInSuccessBody } = this.parts.actionContext.readings;
      answer = successResponse(requestId, this.withoutOmitted(signed.action, fields), codeInSuccessBody);
    } catch (error) {
      answer = errorResponse(requestId, asApiError(error));
    }
    const holdResponse = performed ? this.parts.faults.take("holdResponse", signed.action) : undefined;
    if (holdResponse) await this.parts.held.hold(signed.action, response, holdResponse.ms);
    await this.answer(base, verified, answer, response, finish, performed);
  }

  private notify(call: EmulatorCall): void {
    try {
      this.parts.onCall?.(call);
    } catch (error) {
      // A failing observer must not break the answer; surface it without crashing the server.
      process.emitWarning(
        `EnsEmulator onCall threw: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }

  /** The success fields, less the one an incompleteCreate fault leaves out (if one applies). */
  private withoutOmitted(action: string, fields: Record<string, unknown>): Record<string, unknown> {
    const incomplete = this.parts.faults.take("incompleteCreate", action);
    if (!incomplete) return fields;
    const trimmed = { ...fields };
    delete trimmed[incomplete.omit];
    return trimmed;
  }

  private applyFaults(action: string): void {
    const { faults } = this.parts;
    const waitMs = faults.takeRateToken();
    if (waitMs !== undefined) throw throttling(EnsErrorCode.THROTTLING_USER, waitMs);
    const throttle = faults.take("throttle", action);
    if (throttle) {
      const seconds = throttle.retryAfterSeconds;
      throw throttling(throttle.code, seconds === undefined ? undefined : Math.round(seconds * 1000));
    }
    const failure = faults.take("serverError", action);
    if (failure) throw serverError(failure.status);
    const injected = faults.take("apiError", action);
    if (injected) {
      const message = injected.message ?? `${injected.code}: an error injected by faults.apiError.`;
      throw new ApiError(injected.statusCode, injected.code, message);
    }
    const inOkAnswer = faults.take("errorInOkAnswer", action);
    if (inOkAnswer) {
      const message =
        inOkAnswer.message ??
        `${inOkAnswer.code}: an error inside an HTTP 200 answer, injected by faults.errorInOkAnswer.`;
      throw new ApiError(200, inOkAnswer.code, message);
    }
    if (faults.isForbidden(action)) {
      throw new ApiError(
        400,
        EnsErrorCode.NO_PERMISSION,
        `Permission denied: the caller is not authorized to perform ens:${action}. Grant the RAM action ens:${action}.`,
      );
    }
  }

  /** @param performed whether the action ran (only then can a loseResponse fault apply) */
  private async answer(
    base: CallBase,
    signatureVerified: boolean,
    answer: ApiResponse,
    response: ServerResponse,
    finish: (call: EmulatorCall) => void,
    performed = false,
  ): Promise<void> {
    const delayMs = this.parts.faults.latencyOf(base.action);
    if (delayMs > 0) await this.parts.timers.wait(delayMs, response);
    // Checked in this order so that a client that already hung up does not use up a loseResponse fault.
    const lost = () => performed && this.parts.faults.take("loseResponse", base.action) !== undefined;
    if (isClientGone(response) || lost()) {
      // The client never sees this answer; `code` still tells the test what it would have been.
      finish({ ...base, signatureVerified, statusCode: 0, code: answer.code, outcome: "response-lost" });
      response.socket?.destroy();
      return;
    }
    finish({
      ...base,
      signatureVerified,
      statusCode: answer.statusCode,
      code: answer.code,
      outcome: "answered",
    });
    const body = JSON.stringify(answer.body);
    response.writeHead(answer.statusCode, {
      ...answer.headers,
      "content-type": JSON_CONTENT_TYPE,
      "content-length": Buffer.byteLength(body),
      "x-acs-request-id": base.requestId,
    });
    response.end(body);
  }
}

function asApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  const detail = error instanceof Error ? error.message : String(error);
  return new ApiError(500, EnsErrorCode.INTERNAL_ERROR, `The emulator failed unexpectedly: ${detail}`);
}
