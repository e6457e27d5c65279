import type { MiddlewareHandler } from 'hono'
import { cors } from 'hono/cors'
import { secureHeaders } from 'hono/secure-headers'

/**
 * Secure headers on every response. The API serves JSON, Atom, CSV and captured pages, never
 * pages of its own, so the policy forbids everything; a route that sets its own
 * Content-Security-Policy (evidence: `sandbox`) keeps it.
 */
export function securityHeaders(): MiddlewareHandler {
  return secureHeaders({
    contentSecurityPolicy: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
    xFrameOptions: 'DENY',
    // Browsers on other origins may read the API only through CORS below.
    crossOriginResourcePolicy: 'same-origin',
    overwrite: false,
  })
}

/** Parses CORS_ORIGINS: comma-separated exact origins; empty (the default) allows none. */
export function allowedOrigins(raw: string | undefined): Set<string> {
  const out = new Set<string>()
  for (const part of (raw ?? '').split(',')) {
    const o = part.trim()
    if (!o) continue
    try {
      const u = new URL(o)
      if (u.protocol === 'http:' || u.protocol === 'https:') out.add(u.origin)
    } catch {
      // An unparsable entry allows nothing rather than failing every request.
    }
  }
  return out
}

/**
 * CORS, restrictive by default: only origins listed in CORS_ORIGINS get Access-Control-Allow-Origin.
 * Bearer tokens travel in a header, so credentials (cookies) are never allowed.
 */
export function corsPolicy(): MiddlewareHandler<{ Bindings: Env }> {
  const handler = cors({
    origin: (origin, c) => {
      const env = c.env as { CORS_ORIGINS?: string } | undefined
      return allowedOrigins(env?.CORS_ORIGINS).has(origin) ? origin : null
    },
    allowMethods: ['GET', 'HEAD', 'POST', 'PATCH', 'DELETE'],
    allowHeaders: ['Authorization', 'Content-Type'],
    exposeHeaders: ['X-Evidence-SHA256', 'X-Captured-At', 'X-Final-URL', 'Location'],
    maxAge: 600,
    credentials: false,
  })
  return handler
}
