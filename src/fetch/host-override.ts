/**
 * The local host override (like curl's --resolve): in development every candidate URL is sent to
 * the fixture web on loopback, with the real host name moved into the path, because a Worker cannot
 * choose the Host header of a subrequest. Site records keep their real host names.
 */
import type { HostOverride } from './outcome.ts'

export type { HostOverride } from './outcome.ts'

/** Path prefix the fixture web reads the site host from (see fixtures/web/server.ts). */
export const HOST_PREFIX = '/__host/'

export const OVERRIDE_REFUSED =
  'HOST_OVERRIDE is only allowed when ENVIRONMENT=development and it points to loopback'

/** True for 127.0.0.0/8, localhost and [::1]. */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.toLowerCase()
  // WHATWG URL has already normalised IPv4 forms like 127.1 or 0x7f.0.0.1 to dotted decimal.
  return h === 'localhost' || h === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h)
}

/**
 * Builds the override from the Worker's bindings. Returns null when HOST_OVERRIDE is unset or
 * empty; throws when it is set outside development or names anything but a loopback http(s) origin,
 * so that a misconfigured deployment fails at start instead of sending scans somewhere else.
 */
export function createHostOverride(env: {
  ENVIRONMENT?: string
  HOST_OVERRIDE?: string
}): HostOverride | null {
  const raw = env.HOST_OVERRIDE?.trim()
  if (!raw) return null
  if (env.ENVIRONMENT !== 'development') throw new Error(OVERRIDE_REFUSED)
  let base: URL
  try {
    base = new URL(raw)
  } catch {
    throw new Error(`${OVERRIDE_REFUSED} (not a URL: ${raw.slice(0, 100)})`)
  }
  if ((base.protocol !== 'http:' && base.protocol !== 'https:') || !isLoopbackHost(base.hostname)) {
    throw new Error(OVERRIDE_REFUSED)
  }
  const origin = base.origin
  return {
    origin,
    rewrite(url: URL): URL {
      // The port of the original URL is dropped: the fixture web keys sites by host name only.
      return new URL(`${origin}${HOST_PREFIX}${url.hostname}${url.pathname}${url.search}`)
    },
    restore(url: URL, like: URL): URL {
      if (url.origin !== origin || !url.pathname.startsWith(HOST_PREFIX)) return url
      const rest = url.pathname.slice(HOST_PREFIX.length)
      const slash = rest.indexOf('/')
      const host = slash < 0 ? rest : rest.slice(0, slash)
      const path = slash < 0 ? '/' : rest.slice(slash)
      return new URL(`${like.protocol}//${host}${path}${url.search}${url.hash}`)
    },
  }
}
