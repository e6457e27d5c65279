import { extract } from '../extract/index.ts'
import type { PageInput } from '../extract/types.ts'
import { activeProfile, type Profile } from '../profile/index.ts'
import { assess } from './assess.ts'
import type { Assessment } from './types.ts'

/** Extracts and scores one page: the whole pure core in one call (Worker, CLI, tests). */
export function analyzePage(page: PageInput, profile: Profile = activeProfile()): Assessment {
  return assess(extract(page), profile)
}
