import { describe, it, expect } from 'vitest'
import { ago, formatDate, parseDay, shortDate } from './format'

const now = new Date(2026, 11, 7, 15)

describe('dates in words', () => {
  it('says how long ago as a person would', () => {
    expect(ago('2026-12-07', now)).toBe(new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' }).format(0, 'day'))
    expect(ago('2026-10-19', now)).toBe(new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' }).format(-7, 'week'))
    expect(ago('2026-08-07', now)).toBe(new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' }).format(-4, 'month'))
    expect(ago('2023-12-01', now)).toBe(new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' }).format(-3, 'year'))
  })

  it('writes a birthday without a year, and keeps the year off short dates this year', () => {
    expect(formatDate('--12-10')).not.toMatch(/2000/)
    expect(formatDate('1815-12-10')).toMatch(/1815/)
    expect(shortDate('2026-03-01', now)).not.toMatch(/2026/)
    expect(shortDate('2025-03-01', now)).toMatch(/2025/)
    expect(parseDay('2026-01-05T10:00:00Z')?.getDate()).toBe(5)
    expect(formatDate('someday')).toBe('someday')
  })
})
