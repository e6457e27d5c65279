import { AlertStore } from './alerts.ts'
import { EvidenceStore } from './evidence.ts'
import { RunStore } from './runs.ts'
import { SiteStore } from './sites.ts'
import { StateStore } from './states.ts'
import { SuppressionStore } from './suppressions.ts'

export interface Stores {
  sites: SiteStore
  states: StateStore
  alerts: AlertStore
  evidence: EvidenceStore
  runs: RunStore
  suppressions: SuppressionStore
  kv: KVNamespace
}

/** Every repository over one KV namespace (the only module that touches KV). */
export function createStores(kv: KVNamespace): Stores {
  return {
    sites: new SiteStore(kv),
    states: new StateStore(kv),
    alerts: new AlertStore(kv),
    evidence: new EvidenceStore(kv),
    runs: new RunStore(kv),
    suppressions: new SuppressionStore(kv),
    kv,
  }
}
