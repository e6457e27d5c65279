import type { OpenAPIHono } from '@hono/zod-openapi'
import { createStores, type Stores } from '../store/index.ts'
import { invalid } from './errors.ts'
import type { Role } from './middleware/auth.ts'
import { blockedHostReason } from './url-policy.ts'

/** Bindings and per-request variables every route sees. */
export type AppEnv = { Bindings: Env; Variables: { role: Role } }

/** The application every resource file registers its routes on. */
export type Api = OpenAPIHono<AppEnv>

/** The stores over the request's KV namespace. */
export function storesOf(env: Env): Stores {
  return createStores(env.WATCH)
}

/**
 * Refuses (400, naming `field`) a URL the Worker must not fetch: addresses of private, loopback
 * and link-local ranges, unless ENVIRONMENT=development (the local fixture web is on loopback).
 */
export function assertFetchable(url: string, env: Env, field = 'url'): void {
  if (env.ENVIRONMENT === 'development') return
  const reason = blockedHostReason(new URL(url))
  if (reason) throw invalid('body', [{ field, message: reason }])
}
