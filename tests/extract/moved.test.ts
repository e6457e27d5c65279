import { describe, expect, it } from 'vitest'
import { readDocument } from '../../src/extract/document.ts'
import { movedFacts } from '../../src/extract/facts/moved.ts'

const moved = (body: string, url = 'http://old.test/') =>
  movedFacts(readDocument(`<html><body>${body}</body></html>`, url)).map((f) => f.value)

describe('move notices', () => {
  it('names the host a notice links to, in English, Russian and French', () => {
    expect(
      moved('<p>We have moved to <a href="https://new-home.test/">new-home.test</a>!</p>'),
    ).toEqual(['new-home.test'])
    expect(
      moved('<p>Мы переехали! Наш новый адрес: <a href="http://novyi.test/">novyi.test</a></p>'),
    ).toEqual(['novyi.test'])
    expect(
      moved(
        '<p>Nous avons déménagé : <a href="http://www.nouveau.test/">cliquez ici pour le site</a></p>',
      ),
    ).toEqual(['nouveau.test'])
  })

  it('says nothing without a notice, or when the link stays on the same site', () => {
    expect(moved('<p>Visit <a href="https://other.test/">other.test</a></p>')).toEqual([])
    expect(moved('<p>We have moved to <a href="/new">our new page</a></p>')).toEqual([])
    expect(
      moved('<p>Our new address: <a href="https://shop.old.test/">shop.old.test</a></p>'),
    ).toEqual([])
  })
})
