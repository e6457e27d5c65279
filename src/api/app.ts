import { Hono } from 'hono'
import { createStores } from '../store/index.ts'
import { bearerAuth, type Role } from './auth.ts'
import { ApiError, notFound, onError } from './errors.ts'

export type AppEnv = { Bindings: Env; Variables: { role: Role } }

const LIMIT_MAX = 200

function limitOf(raw: string | undefined): number {
  if (raw === undefined) return 50
  const n = Number(raw)
  if (!Number.isInteger(n) || n < 1 || n > LIMIT_MAX) {
    throw new ApiError(400, 'invalid_request', 'invalid query', [
      { field: 'limit', message: `must be an integer from 1 to ${LIMIT_MAX}` },
    ])
  }
  return n
}

/** The HTTP API. Only this module knows routes. */
export function createApp() {
  const app = new Hono<AppEnv>()
  app.onError(onError)
  app.notFound(notFound)

  app.get('/health', (c) => c.json({ ok: true }))

  const api = new Hono<AppEnv>()
  api.use('*', bearerAuth())

  api.get('/alerts', async (c) => {
    const page = await createStores(c.env.WATCH).alerts.list({
      cursor: c.req.query('cursor'),
      limit: limitOf(c.req.query('limit')),
    })
    return c.json(page)
  })

  api.get('/alerts/:id', async (c) => {
    const alert = await createStores(c.env.WATCH).alerts.get(c.req.param('id'))
    if (!alert) throw new ApiError(404, 'not_found', `no alert ${c.req.param('id')}`)
    return c.json(alert)
  })

  api.get('/sites', async (c) => {
    const page = await createStores(c.env.WATCH).sites.list({
      cursor: c.req.query('cursor'),
      limit: limitOf(c.req.query('limit')),
    })
    return c.json(page)
  })

  app.route('/api', api)
  return app
}
