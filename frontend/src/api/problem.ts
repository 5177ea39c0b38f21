import type { components } from "./schema.gen";

export type Problem = components["schemas"]["Problem"];
export type FieldError = components["schemas"]["ProblemFieldError"];

/** An API failure as the UI needs it: a stable code to branch on, and the field errors for forms. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly detail: string;
  readonly fieldErrors: FieldError[];
  readonly requestId: string | null;
  /** Seconds from `Retry-After`, when the server sent one (429). */
  readonly retryAfter: number | null;
  /**
   * The problem's extension members (`allowed_actions` of an `invalid_transition`, `max_bytes` of a
   * `payload_too_large`, `accepted_types` of an `unsupported_file_type`…).
   */
  readonly extensions: Record<string, unknown>;
  /** The URL the refused request asked (an export too large for a request is asked again as a job). */
  readonly url: string | null;

  constructor(init: {
    status: number;
    code: string;
    detail: string;
    fieldErrors?: FieldError[];
    requestId?: string | null;
    retryAfter?: number | null;
    extensions?: Record<string, unknown>;
    url?: string | null;
  }) {
    super(init.detail);
    this.name = "ApiError";
    this.status = init.status;
    this.code = init.code;
    this.detail = init.detail;
    this.fieldErrors = init.fieldErrors ?? [];
    this.requestId = init.requestId ?? null;
    this.retryAfter = init.retryAfter ?? null;
    this.extensions = init.extensions ?? {};
    this.url = init.url ?? null;
  }
}

const PROBLEM_MEMBERS = new Set(["type", "title", "status", "detail", "code", "instance", "request_id", "errors"]);

function isProblem(body: unknown): body is Problem {
  return typeof body === "object" && body !== null && typeof (body as { code?: unknown }).code === "string";
}

function parseRetryAfter(value: string | null): number | null {
  if (!value) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds));
  // RFC 9110 also allows an HTTP date.
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - Date.now()) / 1000));
}

/**
 * Turn an openapi-fetch `error` (already JSON-parsed when possible) and its response into an ApiError.
 * Bodies that are not problem+json (a proxy's HTML 502, say) still yield a usable code.
 */
export function toApiError(body: unknown, response: Response): ApiError {
  const retryAfter = parseRetryAfter(response.headers.get("Retry-After"));
  if (isProblem(body)) {
    // `invalid_transition` problems currently put the case's state in `status` (a string): the
    // HTTP status then comes from the response, and the state stays readable as an extension.
    const numeric = typeof body.status === "number";
    return new ApiError({
      status: numeric ? body.status : response.status,
      code: body.code,
      detail: body.detail ?? body.title ?? response.statusText,
      fieldErrors: body.errors ?? [],
      requestId: body.request_id ?? null,
      retryAfter,
      extensions: Object.fromEntries(
        Object.entries(body).filter(([k]) => !PROBLEM_MEMBERS.has(k) || (k === "status" && !numeric)),
      ),
      url: response.url || null,
    });
  }
  return new ApiError({
    status: response.status,
    code: response.status >= 500 ? "internal_error" : "http_error",
    detail: typeof body === "string" && body ? body.slice(0, 200) : response.statusText || `HTTP ${response.status}`,
    retryAfter,
  });
}

/** Unwrap an openapi-fetch result: the data, or throw the typed error (what TanStack Query expects). */
export function unwrap<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (result.response.ok) return result.data as T;
  throw toApiError(result.error, result.response);
}

/** Unwrap a download read with `parseAs: "blob"`: the bytes, or the problem (read as a blob too, parsed back) thrown as an ApiError. */
export async function unwrapBlob(result: { data?: unknown; error?: unknown; response: Response }): Promise<Blob> {
  if (!result.response.ok) {
    const body: unknown = await (result.error as Blob | undefined)?.text().then(
      (text) => JSON.parse(text) as unknown,
      () => undefined,
    );
    throw toApiError(body, result.response);
  }
  return result.data as Blob;
}
