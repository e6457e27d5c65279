import { env, SELF } from 'cloudflare:test'
import { expect, it, inject } from 'vitest'
import { sharedCorpus, sharedPage } from './helpers/corpus.ts'
it('runs in workerd and reaches the fixture web', async () => {
  expect((await SELF.fetch('https://x/health')).status).toBe(200)
  const r = await fetch(inject('fixtureOrigin') + '/__host/nope.test/')
  expect(r.status).toBe(404)
  expect(env.ENVIRONMENT).toBe('development')
})
it.skipIf(!sharedCorpus)('reads shared corpus', () => {
  expect(sharedPage('bandcamp-track-2016.html').length).toBe(159480)
})
