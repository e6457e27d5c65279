/**
 * `npm run check:openapi`: builds the API, fetches its OpenAPI document the way a client would
 * (GET /api/openapi.json through `app.request`) and validates it against the OpenAPI 3.1 schema
 * with @seriousme/openapi-schema-validator. The validator compiles JSON Schemas with `new
 * Function`, which workerd forbids, so this check runs in Node; tests/api checks the route list.
 */
import { Validator } from '@seriousme/openapi-schema-validator'

interface AppLike {
  request(path: string): Response | Promise<Response>
  routes: { method: string; path: string }[]
}

// A computed specifier keeps the Worker's sources (which need the Workers types) out of this
// Node-side program's type check; tsx loads them all the same.
const appModule = '../src/api/app.ts'
const { createApp } = (await import(appModule)) as { createApp: () => AppLike }

const app = createApp()
const res = await app.request('/api/openapi.json')
if (res.status !== 200) {
  console.error(`GET /api/openapi.json answered ${res.status}`)
  process.exit(1)
}
const doc = (await res.json()) as {
  openapi: string
  paths: Record<string, Record<string, unknown>>
}

const validator = new Validator()
const result = await validator.validate(doc)
if (!result.valid) {
  console.error(
    `the OpenAPI document does not validate (version ${validator.version || doc.openapi}):`,
  )
  console.error(JSON.stringify(result.errors, null, 2))
  process.exit(1)
}

// Every route the app serves (middleware aside) must be in the document.
const missing = app.routes
  .filter((r) => r.method !== 'ALL' && r.path !== '/api/openapi.json')
  .map((r) => `${r.method} ${r.path.replace(/:([^/]+)/g, '{$1}')}`)
  .filter((key) => {
    const [method, path] = key.split(' ') as [string, string]
    return !doc.paths[path]?.[method.toLowerCase()]
  })
if (missing.length) {
  console.error(`routes missing from the document: ${missing.join(', ')}`)
  process.exit(1)
}
const operations = Object.values(doc.paths).reduce((n, p) => n + Object.keys(p).length, 0)
console.log(
  `OpenAPI ${doc.openapi} document is valid: ${Object.keys(doc.paths).length} paths, ${operations} operations`,
)
