import { loadConfig } from '../env.ts'
import { createHostOverride } from '../fetch/host-override.ts'
import { activeProfile } from '../profile/index.ts'
import type { RunDeps } from './run.ts'

/** Everything a scan needs from the Worker's bindings; throws on a configuration that must not run. */
export function runDeps(env: Env): RunDeps {
  return {
    kv: env.WATCH,
    profile: activeProfile(),
    config: loadConfig(env as unknown as Record<string, unknown>),
    override: createHostOverride(env),
    now: () => new Date(),
  }
}
