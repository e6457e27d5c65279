import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type { ContentfulStatusCode } from 'hono/utils/http-status'

/** The one error envelope every API error uses. */
export interface ErrorBody {
  error: { code: string; message: string; details?: unknown }
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

/** Renders any thrown error as the envelope; internals of unexpected errors are logged, never sent. */
export function onError(err: Error, c: Context) {
  if (err instanceof ApiError) {
    return c.json(errorBody(err.code, err.message, err.details), err.status, err.headers)
  }
  if (err instanceof HTTPException) {
    return c.json(errorBody(`http_${err.status}`, err.message || 'request failed'), err.status)
  }
  console.error('unhandled error', err)
  return c.json(errorBody('internal', 'internal error'), 500)
}

export function notFound(c: Context) {
  return c.json(errorBody('not_found', `no route for ${c.req.method} ${new URL(c.req.url).pathname}`), 404)
}
