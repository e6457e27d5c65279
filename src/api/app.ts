import { OpenAPIHono } from '@hono/zod-openapi'
import { registerAlerts } from './alerts.ts'
import { registerAnalyze } from './analyze.ts'
import type { AppEnv } from './context.ts'
import { notFound, onError, validationHook } from './errors.ts'
import { registerEvidence } from './evidence.ts'
import { registerFeeds } from './feeds.ts'
import { bearerAuth } from './middleware/auth.ts'
import { bodyLimits, requireJson } from './middleware/body.ts'
import { corsPolicy, securityHeaders } from './middleware/security.ts'
import { OPENAPI_PATH, registerMeta } from './openapi.ts'
import { registerProfile } from './profile.ts'
import { registerScans } from './scans.ts'
import { registerSites } from './sites.ts'

export type { AppEnv } from './context.ts'

/**
 * The HTTP API. Only this module knows routes. Middleware order matters: secure headers wrap
 * everything; CORS answers preflights before auth (a preflight carries no token); auth runs
 * before the body is looked at, so a client without a token learns nothing about limits.
 */
export function createApp() {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  app.onError(onError)
  app.notFound(notFound)

  app.use('*', securityHeaders())
  app.use('/api/*', corsPolicy())
  app.use('/api/*', bearerAuth([OPENAPI_PATH]))
  app.use('/api/*', bodyLimits())
  app.use('/api/*', requireJson())

  registerMeta(app)
  registerFeeds(app)
  registerAlerts(app)
  registerEvidence(app)
  registerSites(app)
  registerScans(app)
  registerAnalyze(app)
  registerProfile(app)
  return app
}
