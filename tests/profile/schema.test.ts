import { describe, expect, it } from 'vitest'
import allofmp3 from '../../src/profile/allofmp3.json' with { type: 'json' }
import { activeProfile, parseProfile, ProfileError } from '../../src/profile/index.ts'

const clone = () => JSON.parse(JSON.stringify(allofmp3)) as Record<string, any>

describe('the profile file', () => {
  it('loads through its schema', () => {
    const p = activeProfile()
    expect(p.id).toBe('allofmp3')
    expect(p.alertAt).toBe('medium')
    expect(p.rules.every((r) => r.fact.includes('PROFILE-FACTS.md'))).toBe(true)
  })

  it('names the bad field of a malformed profile', () => {
    const bad = clone()
    bad.rules[2].weight = 3
    expect(() => parseProfile(bad)).toThrow(ProfileError)
    expect(() => parseProfile(bad)).toThrow(/rules\.2\.weight/)
  })

  it('names a fact kind the extractor does not know', () => {
    const bad = clone()
    bad.rules[4].when.facts = ['licence-romz']
    expect(() => parseProfile(bad)).toThrow(/rules\.4\.when/)
  })

  it('refuses severities that do not rise, and a gate naming no rule group', () => {
    const bad = clone()
    bad.severities.high = 0.2
    bad.gate.anyOf = ['astrology']
    const message = (() => {
      try {
        parseProfile(bad)
        return ''
      } catch (e) {
        return (e as Error).message
      }
    })()
    expect(message).toContain('severities: thresholds must rise')
    expect(message).toContain('gate: gate names group astrology')
  })

  it('refuses a currency table without a date', () => {
    const bad = clone()
    delete bad.currencies.asOf
    expect(() => parseProfile(bad)).toThrow(/currencies\.asOf/)
  })
})
