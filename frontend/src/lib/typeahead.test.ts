import { describe, it, expect } from 'vitest'
import { matchRank, rankHits } from './typeahead.svelte'

const hit = (title: string) => ({ id: title, kind: 'person', title }) as any

describe('rankHits', () => {
  it('puts a given-name prefix before a family-name prefix before a match inside a name', () => {
    const got = rankHits([hit('Søren Kierkegaard-Hansen'), hit('Ada Hart'), hit('Harold Jarche')], 'Ha')
    expect(got.map((h) => h.title)).toEqual(['Harold Jarche', 'Ada Hart', 'Søren Kierkegaard-Hansen'])
  })

  it('keeps the search order among equal matches', () => {
    const got = rankHits([hit('Hanna B'), hit('Harold J'), hit('Hal C')], 'ha')
    expect(got.map((h) => h.title)).toEqual(['Hanna B', 'Harold J', 'Hal C'])
  })

  it('ranks an empty query as no match', () => {
    expect(matchRank('Harold', '  ')).toBe(2)
    expect(matchRank('Harold', 'har')).toBe(0)
    expect(matchRank('Jane Harold', 'har')).toBe(1)
  })
})
