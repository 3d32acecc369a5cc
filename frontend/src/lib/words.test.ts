import { describe, it, expect } from 'vitest'
import { importedWords } from './words'

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
