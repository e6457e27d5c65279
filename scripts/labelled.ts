/** Loads the labelled corpus (fixtures/labelled) and the ../shared pages, which are all negatives. */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import type { LabelledPage } from '../src/score/evaluate.ts'

export const LABELLED_DIR = resolve(import.meta.dirname, '../fixtures/labelled')
export const SHARED_PAGES_DIR = resolve(import.meta.dirname, '../../shared/corpus/pages')

type Label = Omit<LabelledPage, 'bytes' | 'origin'>

export function loadLabelled(): LabelledPage[] {
  const labels = JSON.parse(readFileSync(join(LABELLED_DIR, 'labels.json'), 'utf8')) as Label[]
  return labels.map((l) => ({
    ...l,
    origin: 'fixtures',
    bytes: new Uint8Array(readFileSync(join(LABELLED_DIR, l.file))),
  }))
}

/** The real pages in ../shared/corpus/pages, labelled no-alert (PROVENANCE.md), or [] when absent. */
export function loadSharedNegatives(): LabelledPage[] {
  if (!existsSync(SHARED_PAGES_DIR)) return []
  return readdirSync(SHARED_PAGES_DIR)
    .filter((f) => f.endsWith('.html'))
    .map((file) => ({
      file,
      url: file.includes('beatport')
        ? 'https://www.beatport.com/my-beatport'
        : `https://${file.replace(/\.html$/, '')}.bandcamp.com/`,
      contentType: 'text/html; charset=utf-8',
      expected: 'no-alert' as const,
      blocked: false,
      kind: 'legit-store',
      why: 'a real legitimate store page (../shared/corpus/PROVENANCE.md)',
      origin: 'shared' as const,
      bytes: new Uint8Array(readFileSync(join(SHARED_PAGES_DIR, file))),
    }))
}
