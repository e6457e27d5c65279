import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import type { ZodError } from 'zod'

/** The one error envelope every API error uses. */
export interface ErrorBody {
  error: { code: string; message: string; details?: unknown }
}

/** One bad field of a request: `details` of a 400 is a list of these. */
export interface FieldProblem {
  field: string
  message: string
}

/** An API error with a stable code; thrown by routes and rendered by `onError`. */
export class ApiError extends HTTPException {
  constructor(
    status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    readonly headers?: Record<string, string>,
  ) {
    super(status, { message })
  }
}

export function errorBody(code: string, message: string, details?: unknown): ErrorBody {
  return { error: details === undefined ? { code, message } : { code, message, details } }
}

const TARGETS: Record<string, string> = {
  json: 'body',
  query: 'query',
  param: 'path',
  header: 'headers',
  cookie: 'cookies',
  form: 'body',
}

/** A 400 `invalid_request` naming the bad fields. */
export function invalid(where: string, problems: FieldProblem[]): ApiError {
  return new ApiError(400, 'invalid_request', `invalid ${where}`, problems)
}

/** Zod issues as field problems: one per bad field, unknown keys each named. */
export function fieldProblems(error: ZodError, target: string): FieldProblem[] {
  const out: FieldProblem[] = []
  for (const issue of error.issues) {
    const path = issue.path.map(String)
    if (issue.code === 'unrecognized_keys') {
      for (const k of issue.keys)
        out.push({ field: [...path, k].join('.'), message: 'unknown field' })
    } else {
      out.push({ field: path.length ? path.join('.') : target, message: issue.message })
    }
  }
  return out
}

/**
 * The validators' default hook (OpenAPIHono `defaultHook`): a failed zod parse of the path, query
 * or body becomes the 400 envelope instead of zod's own error object.
 */
export function validationHook(result: { success: boolean; target: string; error?: ZodError }) {
  if (result.success || !result.error) return
  const where = TARGETS[result.target] ?? result.target
  throw invalid(where, fieldProblems(result.error, where))
}

const HTTP_CODES: Partial<Record<number, string>> = {
  400: 'invalid_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'rate_limited',
}

/** Renders any thrown error as the envelope; internals of unexpected errors are logged, never sent. */
export function onError(err: Error, c: Context) {
  if (err instanceof ApiError) {
    return c.json(errorBody(err.code, err.message, err.details), err.status, err.headers)
  }
  if (err instanceof HTTPException) {
    // Hono's own validators throw these: malformed JSON, or a body whose media type is not JSON.
    const code = HTTP_CODES[err.status] ?? `http_${err.status}`
    if (err.status === 400 && /json/i.test(err.message)) {
      return c.json(
        errorBody(code, 'invalid body', [{ field: 'body', message: 'malformed JSON' }]),
        400,
      )
    }
    return c.json(errorBody(code, err.message || 'request failed'), err.status)
  }
  // Only the error's name and message: a stack or a request dump could carry a token.
  console.error(`unhandled error: ${err.name}: ${err.message}`)
  return c.json(errorBody('internal', 'internal error'), 500)
}

export function notFound(c: Context) {
  return c.json(
    errorBody('not_found', `no route for ${c.req.method} ${new URL(c.req.url).pathname}`),
    404,
  )
}
