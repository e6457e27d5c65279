import type { Severity } from '../score/types.ts'
import { keys } from './keys.ts'

/** A dismissed alert's mark on its site: re-alerts are held back unless severity rises past it. */
export interface Suppression {
  alertId: string
  severity: Severity
  fingerprint: string
  at: string
  by: string
}

/** Dismissal marks in KV (`suppress:` keys), one per site. */
export class SuppressionStore {
  constructor(private readonly kv: KVNamespace) {}

  async get(siteId: string): Promise<Suppression | null> {
    return this.kv.get<Suppression>(keys.suppress(siteId), 'json')
  }

  async put(siteId: string, s: Suppression): Promise<void> {
    await this.kv.put(keys.suppress(siteId), JSON.stringify(s))
  }

  async delete(siteId: string): Promise<void> {
    await this.kv.delete(keys.suppress(siteId))
  }
}
