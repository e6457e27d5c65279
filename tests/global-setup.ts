import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import type { TestProject } from 'vitest/node'
import { startFixtureWeb } from '../fixtures/web/server.ts'

/** Pages and cases written outside this project, read from ../shared when a checkout has it. */
export interface SharedCorpus {
  /** file name -> page bytes, base64 (workerd tests cannot read the disk). */
  pages: Record<string, string>
  /** ../shared/corpus/price-parser-cases.json as parsed. */
  priceCases: { cases: unknown[] }
}

import './provided.d.ts'

export const SHARED_CORPUS_DIR = resolve(process.cwd(), '../shared/corpus')

function readSharedCorpus(): SharedCorpus | null {
  if (!existsSync(SHARED_CORPUS_DIR)) return null
  const pagesDir = join(SHARED_CORPUS_DIR, 'pages')
  const pages: Record<string, string> = {}
  for (const name of readdirSync(pagesDir)) {
    pages[name] = readFileSync(join(pagesDir, name)).toString('base64')
  }
  const priceCases = JSON.parse(
    readFileSync(join(SHARED_CORPUS_DIR, 'price-parser-cases.json'), 'utf8'),
  )
  return { pages, priceCases }
}

/** The labelled pages (fixtures/labelled) with their labels, bytes as base64. */
function readLabelled() {
  const dir = resolve(process.cwd(), 'fixtures/labelled')
  const labels = JSON.parse(readFileSync(join(dir, 'labels.json'), 'utf8')) as { file: string }[]
  return labels.map((l) => ({ ...l, base64: readFileSync(join(dir, l.file)).toString('base64') }))
}

/** Starts the fixture web once for the whole run; tests reach it through HOST_OVERRIDE. */
export default async function setup(project: TestProject) {
  const web = await startFixtureWeb()
  project.provide('fixtureOrigin', web.origin)
  project.provide('sharedCorpus', readSharedCorpus())
  project.provide('labelled', readLabelled())
  return () => web.close()
}
