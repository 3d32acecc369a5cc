import { describe, it, expect } from 'vitest'
import { ago, fetchTime, formatDate, parseDay, shortDate } from './format'

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

  it('says when a fetch was to the minute, today without its date', () => {
    const time = (d: Date) => d.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' })
    const today = new Date(2026, 11, 7, 13, 2)
    expect(fetchTime(today.toISOString(), now)).toBe(`today ${time(today)}`)
    const earlier = new Date(2026, 11, 3, 9, 30)
    expect(fetchTime(earlier.toISOString(), now)).toMatch(new RegExp(`3.*${time(earlier)}$`))
    expect(fetchTime(earlier.toISOString(), now)).not.toMatch(/today/)
    expect(fetchTime('0001-01-01T00:00:00Z', now)).toBe('never')
    expect(fetchTime(undefined, now)).toBe('never')
  })
})
