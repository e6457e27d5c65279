import { inject } from 'vitest'

/** The ../shared corpus as provided by the global setup, or null when this clone has none. */
export const sharedCorpus = inject('sharedCorpus')

/** A shared corpus page as bytes; throws when the corpus is absent (guard with describe.skipIf). */
export function sharedPage(name: string): Uint8Array {
  const b64 = sharedCorpus?.pages[name]
  if (b64 === undefined) throw new Error(`shared corpus page ${name} is not available`)
  return Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))
}
