import { inject } from 'vitest'

/** Serves another version of a fixture site (fixtures/sites/<host>@<name>/), or the base one with ''. */
export async function setVariant(host: string, name: string): Promise<void> {
  const r = await fetch(`${inject('fixtureOrigin')}/__control/variant?host=${host}&name=${name}`)
  if (r.status !== 204) throw new Error(`fixture web refused variant ${host}@${name}: ${r.status}`)
}
