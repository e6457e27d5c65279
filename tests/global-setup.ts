import type { TestProject } from 'vitest/node'
import { startFixtureWeb } from '../fixtures/web/server.ts'

declare module 'vitest' {
  export interface ProvidedContext {
    fixtureOrigin: string
  }
}

/** Starts the fixture web once for the whole run; tests reach it through HOST_OVERRIDE. */
export default async function setup(project: TestProject) {
  const web = await startFixtureWeb()
  project.provide('fixtureOrigin', web.origin)
  return () => web.close()
}
