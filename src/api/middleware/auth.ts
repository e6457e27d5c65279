import type { MiddlewareHandler } from 'hono'
import { ApiError } from '../errors.ts'

/** Compares two strings in time that depends only on their lengths, not on where they differ. */
export async function safeEqual(a: string, b: string): Promise<boolean> {
  const enc = new TextEncoder()
  // Hashing first gives equal-length inputs, so the comparison below leaks nothing of the token.
  const [ha, hb] = await Promise.all([
    crypto.subtle.digest('SHA-256', enc.encode(a)),
    crypto.subtle.digest('SHA-256', enc.encode(b)),
  ])
  const x = new Uint8Array(ha)
  const y = new Uint8Array(hb)
  let diff = 0
  for (let i = 0; i < x.length; i++) diff |= x[i]! ^ y[i]!
  return diff === 0
}

export type Role = 'read' | 'admin'

/** Methods a read-only token may use. Everything else (POST, PATCH, DELETE) needs ADMIN_TOKEN. */
const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

const CHALLENGE = { 'WWW-Authenticate': 'Bearer realm="successor-watch"' }

/**
 * Bearer-token auth: ADMIN_TOKEN may do everything, READ_TOKEN only reads. A missing or wrong
 * token is 401 with WWW-Authenticate; a read token on a write is 403. Paths in `open` need no
 * token. Tokens are compared in constant time and never logged or echoed.
 */
export function bearerAuth(
  open: readonly string[] = [],
): MiddlewareHandler<{ Bindings: Env; Variables: { role: Role } }> {
  const openPaths = new Set(open)
  return async (c, next) => {
    if (openPaths.has(c.req.path)) return next()
    const header = c.req.header('authorization') ?? ''
    const m = /^Bearer\s+(\S+)\s*$/i.exec(header)
    if (!m) throw new ApiError(401, 'unauthorized', 'missing bearer token', undefined, CHALLENGE)
    const token = m[1]!
    let role: Role | null = null
    if (c.env.ADMIN_TOKEN && (await safeEqual(token, c.env.ADMIN_TOKEN))) role = 'admin'
    else if (c.env.READ_TOKEN && (await safeEqual(token, c.env.READ_TOKEN))) role = 'read'
    if (!role) {
      throw new ApiError(401, 'unauthorized', 'invalid bearer token', undefined, {
        'WWW-Authenticate': `${CHALLENGE['WWW-Authenticate']}, error="invalid_token"`,
      })
    }
    if (!READ_METHODS.has(c.req.method) && role !== 'admin') {
      throw new ApiError(403, 'forbidden', 'this token may only read')
    }
    c.set('role', role)
    await next()
  }
}
