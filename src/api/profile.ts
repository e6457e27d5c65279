import { createRoute } from '@hono/zod-openapi'
import { activeProfile } from '../profile/index.ts'
import { ProfileSchema } from '../profile/schema.ts'
import type { Api } from './context.ts'
import { errors, json } from './schemas.ts'

const get = createRoute({
  method: 'get',
  path: '/api/profile',
  summary: 'The active profile: reference prices, rules with their weights and facts, severities',
  tags: ['profile'],
  responses: {
    200: json(ProfileSchema.openapi('Profile'), 'The profile in force'),
    ...errors(401, 500),
  },
})

/** Profile: what the scores are measured against. */
export function registerProfile(app: Api) {
  app.openapi(get, (c) => c.json(activeProfile(), 200))
}
