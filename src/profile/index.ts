import allofmp3 from './allofmp3.json' with { type: 'json' }
import { parseProfile, type Profile } from './schema.ts'

export {
  parseProfile,
  ProfileError,
  type Profile,
  type ProfileRule,
  type SeverityName,
} from './schema.ts'

let active: Profile | undefined

/**
 * The active profile, validated on first use: a malformed profile file fails the first request,
 * scan or CLI call with a message naming the field, never a half-valid verdict.
 */
export function activeProfile(): Profile {
  active ??= parseProfile(allofmp3)
  return active
}
