import { cloudflareTest } from '@cloudflare/vitest-pool-workers'
import { defineConfig } from 'vitest/config'

export default defineConfig({
  plugins: [
    cloudflareTest(({ inject }) => ({
      main: './src/index.ts',
      wrangler: { configPath: './wrangler.toml' },
      miniflare: {
        bindings: {
          ENVIRONMENT: 'development',
          ADMIN_TOKEN: 'test-admin-token',
          READ_TOKEN: 'test-read-token',
          HOST_OVERRIDE: inject('fixtureOrigin'),
          SEED_SITES: '[]',
        },
      },
    })),
  ],
  test: {
    globalSetup: ['./tests/global-setup.ts'],
    include: ['tests/**/*.test.ts'],
  },
})
