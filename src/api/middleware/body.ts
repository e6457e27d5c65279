import type { MiddlewareHandler } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { ApiError } from '../errors.ts'

/**
 * Default cap on request bodies: the largest legitimate one (a triage note of 2,000 characters,
 * JSON-escaped) is under 16 KiB; the cap keeps a client from making the Worker buffer megabytes.
 */
export const DEFAULT_BODY_LIMIT = 32 * 1024

/**
 * POST /api/analyze takes a whole page: the fetcher's 2 MiB page cap plus JSON escaping
 * (quotes and control characters grow when escaped) stays under 4 MiB.
 */
export const ANALYZE_BODY_LIMIT = 4 * 1024 * 1024

/** Larger limits for the few routes that need them, by path. */
const LIMITS: Record<string, number> = { '/api/analyze': ANALYZE_BODY_LIMIT }

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

function tooLarge(limit: number): never {
  throw new ApiError(413, 'payload_too_large', `request body is over ${limit} bytes`, { limit })
}

/** 413 in the error envelope for a body over the route's limit (declared or streamed). */
export function bodyLimits(): MiddlewareHandler {
  const limiters = new Map<number, MiddlewareHandler>()
  const limiter = (limit: number) => {
    let l = limiters.get(limit)
    if (!l) {
      l = bodyLimit({ maxSize: limit, onError: () => tooLarge(limit) })
      limiters.set(limit, l)
    }
    return l
  }
  return async (c, next) => {
    if (!BODY_METHODS.has(c.req.method)) return next()
    return limiter(LIMITS[c.req.path] ?? DEFAULT_BODY_LIMIT)(c, next)
  }
}

/** True when the request carries body bytes (or may: a stream of unknown length). */
function hasBody(req: Request): boolean {
  if (req.body === null) return false
  return req.headers.get('content-length') !== '0'
}

/**
 * 415 in the error envelope for a request body that is not JSON. Requests without a body pass:
 * POST /api/scans with no body means "all due sites".
 */
export function requireJson(): MiddlewareHandler {
  return async (c, next) => {
    if (!BODY_METHODS.has(c.req.method) || !hasBody(c.req.raw)) return next()
    const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase()
    if (type !== 'application/json') {
      throw new ApiError(415, 'unsupported_media_type', 'request bodies must be application/json', {
        contentType: type || null,
      })
    }
    return next()
  }
}
