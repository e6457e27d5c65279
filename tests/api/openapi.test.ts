import { describe, expect, it } from 'vitest'
import { createApp } from '../../src/api/app.ts'
import { activeProfile } from '../../src/profile/index.ts'
import { api, READ } from './fixtures.ts'

interface Doc {
  openapi: string
  info: { title: string }
  security: unknown
  paths: Record<string, Record<string, { security?: unknown; responses: Record<string, unknown> }>>
  components: { securitySchemes: Record<string, unknown>; schemas: Record<string, unknown> }
}

describe('GET /api/openapi.json', () => {
  it('is an OpenAPI 3.1 document listing every route the app serves', async () => {
    const r = await api('/api/openapi.json')
    expect(r.status).toBe(200)
    const doc = (await r.json()) as Doc
    expect(doc.openapi).toBe('3.1.0')
    expect(doc.components.securitySchemes).toEqual({
      bearerAuth: { type: 'http', scheme: 'bearer', description: expect.any(String) },
    })
    expect(doc.security).toEqual([{ bearerAuth: [] }])

    const served = createApp()
      .routes.filter((rt) => rt.method !== 'ALL' && rt.path !== '/api/openapi.json')
      .map((rt) => `${rt.method.toLowerCase()} ${rt.path.replace(/:([^/]+)/g, '{$1}')}`)
    const documented = Object.entries(doc.paths).flatMap(([p, ops]) =>
      Object.keys(ops).map((m) => `${m} ${p}`),
    )
    expect([...new Set(served)].sort()).toEqual(documented.sort())
    expect(documented.sort()).toEqual([
      'delete /api/sites/{id}',
      'get /api/alerts',
      'get /api/alerts.atom',
      'get /api/alerts.csv',
      'get /api/alerts/{id}',
      'get /api/alerts/{id}/evidence',
      'get /api/profile',
      'get /api/scans',
      'get /api/scans/{id}',
      'get /api/sites',
      'get /api/sites/{id}',
      'get /health',
      'patch /api/alerts/{id}',
      'patch /api/sites/{id}',
      'post /api/analyze',
      'post /api/scans',
      'post /api/sites',
    ])
  })

  it('documents the error envelope on every protected operation, and /health as open', async () => {
    const doc = (await (await api('/api/openapi.json')).json()) as Doc
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        if (path === '/health') {
          expect(op.security).toEqual([])
          continue
        }
        expect(Object.keys(op.responses), `${method} ${path}`).toContain('401')
        if (method !== 'get')
          expect(Object.keys(op.responses), `${method} ${path}`).toContain('403')
      }
    }
    expect(doc.components.schemas.Error).toBeDefined()
    expect(doc.components.schemas.Assessment).toBeDefined()
  })
})

describe('GET /api/profile', () => {
  it('returns the active profile with its rules and weights', async () => {
    const r = await api('/api/profile', { headers: READ })
    expect(r.status).toBe(200)
    const body = (await r.json()) as ReturnType<typeof activeProfile>
    expect(body).toEqual(JSON.parse(JSON.stringify(activeProfile())))
    expect(body.id).toBe('allofmp3')
    expect(body.rules.map((rule) => rule.id)).toContain('licence-roms')
  })
})
