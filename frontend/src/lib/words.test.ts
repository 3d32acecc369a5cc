import { describe, it, expect } from 'vitest'
import { importedWords, conflictWords, addsWords } from './words'

const rec = (action: string, kind: string) => ({ action, kind })

// A week of use: importing a calendar said "Imported: 2 people or events
// created or updated".
describe('what an import did, in its toast', () => {
  it('names what was added, by kind', () => {
    expect(importedWords([{ created: 2, updated: 0, records: [rec('created', 'event'), rec('created', 'event')] }])).toBe('Imported: 2 events added')
    expect(
      importedWords([
        { created: 1, updated: 1, records: [rec('created', 'person'), rec('updated', 'person')] },
        { created: 1, updated: 0, records: [rec('created', 'event')] },
      ]),
    ).toBe('Imported: 1 person and 1 event added, 1 updated')
  })

  it('says when nothing was new, and counts what records do not name', () => {
    expect(importedWords([{ created: 0, updated: 0, records: [rec('unchanged', 'person')] }])).toBe('Nothing new: it was all here already')
    expect(importedWords([{ created: 3, updated: 0, records: [] }])).toBe('Imported: 3 added')
  })
})

describe('conflictWords', () => {
  const item = (kind: string, ...sides: number[]) => ({ kind, fields: sides.map((n) => ({ values: Array(n).fill('x') })) })
  it('says who has values to choose from, in words, and nothing when nothing waits', () => {
    expect(conflictWords([])).toBe('')
    expect(conflictWords([item('person', 2)])).toBe('1 person has two different values to choose from')
    expect(conflictWords([item('person', 2), item('person', 2, 2)])).toBe('2 people have two different values to choose from')
    expect(conflictWords([item('person', 2), item('community', 3)])).toBe('1 person and 1 community have several different values to choose from')
  })
})

describe('addsWords', () => {
  const made = (...names: string[]) => names.map((name) => ({ action: 'created', name }))
  it('names the first few an import adds and counts the others', () => {
    expect(addsWords(14, [...made('Ada Lovelace', 'Grace Hopper'), { action: 'updated', name: 'Alan Turing' }, ...made(...Array.from({ length: 12 }, (_, i) => `P${i}`))], true, 2)).toBe('Adds Ada Lovelace, Grace Hopper and 12 others')
    expect(addsWords(2, made('Ada Lovelace', 'Grace Hopper'), false)).toBe('Added Ada Lovelace and Grace Hopper')
    expect(addsWords(4, made('Ada Lovelace', 'Grace Hopper', 'Alan Turing', 'Seymour Papert'), true)).toBe('Adds Ada Lovelace, Grace Hopper, Alan Turing and 1 other')
    expect(addsWords(0, [{ action: 'updated', name: 'Ada Lovelace' }], true)).toBe('')
  })
})
