import { env, SELF } from 'cloudflare:test'
import { expect, it, inject } from 'vitest'
it('runs in workerd and reaches the fixture web', async () => {
  expect((await SELF.fetch('https://x/')).status).toBe(200)
  const r = await fetch(inject('fixtureOrigin') + '/__host/nope.test/')
  expect(r.status).toBe(404)
  expect(env.ENVIRONMENT).toBe('development')
})
