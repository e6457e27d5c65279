import type { SharedCorpus } from './global-setup.ts'

// What tests/global-setup.ts provides to every test file (inject()).
declare module 'vitest' {
  export interface ProvidedContext {
    fixtureOrigin: string
    /** null when ../shared is absent: suites that need it skip, visibly. */
    sharedCorpus: SharedCorpus | null
    /** fixtures/labelled/labels.json entries, each with its page bytes as base64. */
    labelled: (Record<string, unknown> & { file: string; base64: string })[]
  }
}
