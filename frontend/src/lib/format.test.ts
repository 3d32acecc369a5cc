import { describe, it, expect } from 'vitest'
import { ago, fetchTime, formatDate, formatMoment, initials, formatTime, monthLabels, parseDay, sessionWhen, shortDate } from './format'

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
    const time = (d: Date) => formatTime(d)
    const today = new Date(2026, 11, 7, 13, 2)
    expect(fetchTime(today.toISOString(), now)).toBe(`today ${time(today)}`)
    const earlier = new Date(2026, 11, 3, 9, 30)
    expect(fetchTime(earlier.toISOString(), now)).toMatch(new RegExp(`3.*${time(earlier)}$`))
    expect(fetchTime(earlier.toISOString(), now)).not.toMatch(/today/)
    expect(fetchTime('0001-01-01T00:00:00Z', now)).toBe('never')
    expect(fetchTime(undefined, now)).toBe('never')
  })
})

// The Log's activity chart labelled months "Jan 26", "Feb 26": read as
// days of January and February.
describe('month labels', () => {
  it('give the year with the first month and each January, never a bare two digits', () => {
    const ms = ['2025-12', '2026-01', '2026-02']
    const got = monthLabels(ms)
    const my = new Intl.DateTimeFormat(undefined, { month: 'short', year: 'numeric' })
    const m = new Intl.DateTimeFormat(undefined, { month: 'short' })
    expect(got).toEqual([my.format(new Date(2025, 11, 1, 12)), my.format(new Date(2026, 0, 1, 12)), m.format(new Date(2026, 1, 1, 12))])
    expect(got[1]).toContain('2026')
    expect(got.some((l) => /\b26$/.test(l))).toBe(false)
  })
})

describe('times', () => {
  it('writes every time on one clock, the one the reminders use', () => {
    expect(formatTime(new Date(2026, 11, 7, 19, 30))).toMatch(/^19.30$/)
    expect(formatTime(new Date(2026, 11, 7, 7, 5))).toMatch(/^07.05$/)
    expect(formatTime('2026-12-07T19:30:00Z', 'America/New_York')).toMatch(/^14.30$/)
    expect(formatTime('not a time')).toBe('')
  })

  it('says when a session is relative to today, and the weekday further off', () => {
    const at = (d: number, h = 19) => new Date(2026, 11, d, h, 30).toISOString()
    expect(sessionWhen(at(7), now)).toMatch(/^today at 19.30$/)
    expect(sessionWhen(at(8), now)).toMatch(/^tomorrow at 19.30$/)
    expect(sessionWhen(at(6), now)).toMatch(/^yesterday at 19.30$/)
    const far = sessionWhen(at(14), now)
    expect(far).toBe(`${new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric', month: 'short' }).format(new Date(2026, 11, 14))} at ${formatTime(at(14))}`)
    expect(far).not.toMatch(/PM|AM/)
  })

  it('writes a moment as the date the app uses and the time', () => {
    const m = formatMoment(new Date(2026, 11, 7, 15, 31).toISOString())
    expect(m).toBe(`${formatDate('2026-12-07')}, ${formatTime(new Date(2026, 11, 7, 15, 31))}`)
  })
})

describe('initials', () => {
  it('takes the first and last words that start with a letter', () => {
    expect(initials('Ada Lovelace')).toBe('AL')
    expect(initials('Colleague Number 10')).toBe('CN')
    expect(initials('Bartholomew Fitzwilliam-Montgomery III')).toBe('BI')
    expect(initials('Søren Kierkegaard-Hansen')).toBe('SK')
    expect(initials('#lrnchat')).toBe('#')
    expect(initials('  ')).toBe('?')
  })
})
