import { describe, it, expect } from 'vitest'
import { cardOrigins, fromWords, originLines } from './origins'
import { shortDate } from './format'

const now = new Date(2026, 11, 7, 12)

describe('origins', () => {
  it('names the import and its day, or says typed in', () => {
    expect(fromWords({ name: 'LinkedIn connections', date: '2026-12-03T10:00:00Z', file: 'Connections.csv' }, now)).toBe(`LinkedIn connections, ${shortDate('2026-12-03', now)}`)
    expect(fromWords({ name: 'typed in' }, now)).toBe('typed in')
  })

  it('lists the values people read, each with every place it came from', () => {
    const lines = originLines(
      [
        { field: 'emails', index: 0, value: 'ada@example.org', from: [{ name: 'Google contacts', date: '2026-11-02T09:00:00Z', file: 'contacts.csv' }, { name: 'typed in' }] },
        { field: 'uids', index: 0, value: 'urn:uuid:1', from: [{ name: 'contacts.vcf', date: '2026-11-02T09:00:00Z' }] },
        { field: 'profiles', index: 1, value: 'https://mastodon.social/@ada', from: [{ name: 'Mastodon follows', date: '2025-05-01T09:00:00Z', file: 'following_accounts.csv' }] },
      ] as any,
      now,
    )
    expect(lines.map((l) => [l.label, l.value])).toEqual([
      ['Email', 'ada@example.org'],
      ['Profile', 'https://mastodon.social/@ada'],
    ])
    expect(lines[0].from).toBe(`Google contacts, ${shortDate('2026-11-02', now)}; typed in`)
    expect(lines[1].from).toBe(`Mastodon follows, ${shortDate('2025-05-01', now)}`)
    expect(lines[1].from).toMatch(/2025/)
    expect(lines[1].files).toBe('following_accounts.csv')
  })

  it("gives a held-back card's values the file it came from", () => {
    const from = { name: 'contacts.vcf', date: '2026-12-01T09:00:00Z', file: 'contacts.vcf' }
    const lines = originLines(cardOrigins({ name: 'Ada', emails: [{ value: 'ada@example.org' }], addresses: [{ locality: 'London' }] } as any, from), now)
    expect(lines.map((l) => `${l.label} ${l.value} ${l.from}`)).toEqual([
      `Name Ada contacts.vcf, ${shortDate('2026-12-01', now)}`,
      `Email ada@example.org contacts.vcf, ${shortDate('2026-12-01', now)}`,
      `Address London contacts.vcf, ${shortDate('2026-12-01', now)}`,
    ])
  })
})
