import { formatDate } from '../lib/format'
import { render, screen, fireEvent, waitFor } from '@testing-library/svelte'
import { describe, it, expect, vi } from 'vitest'
import Ledger from './Ledger.svelte'
import Attendance from './Attendance.svelte'
import ReminderSettings from './ReminderSettings.svelte'
import * as api from '../lib/api'

vi.mock('../lib/api', () => ({
  ledger: vi.fn(async (id: string) => ({
    id,
    name: 'Sam',
    kind: 'person',
    gave: 1,
    received: 5,
    mutual: 2,
    net: -4,
    words: 'you received 4 more than you gave, 2 mutual',
    nudge: "you've received 5 things from Sam and given 1",
    entries: [
      { id: 'i1', date: '2026-05-01', direction: 'received', what: 'an intro to Bo' },
      { id: 'i2', date: '2026-04-01', direction: 'gave', what: 'feedback' },
    ],
  })),
  attendance: vi.fn(async (id: string) => ({
    id,
    name: '#lrnchat',
    scheduled: true,
    since: '2026-05-05',
    sinceSaid: false,
    meets: 'weekly, Tuesday 19:00 Europe/London',
    attendance: {
      sessions: [
        { date: '2026-04-28', start: '', state: 'earlier' },
        { date: '2026-05-05', start: '', state: 'attended' },
        { date: '2026-05-12', start: '', state: 'attended' },
        { date: '2026-05-19', start: '', state: 'missed' },
        { date: '2026-05-26', start: '', state: 'unmarked' },
        { date: '2026-06-02', start: '', state: 'upcoming' },
      ],
      streak: 0,
      best: 2,
      missedInRow: 2,
      attended: 2,
      missed: 1,
      next: { date: '2026-06-02', start: '', state: 'upcoming' },
      words: 'missed the last 2',
    },
  })),
  markSession: vi.fn(async () => {}),
  unmarkSession: vi.fn(async () => {}),
  nurtureSettings: vi.fn(async () => ({ reminders: true, hour: 9, missedN: 3 })),
  setNurtureSettings: vi.fn(async () => {}),
  on: () => () => {},
  message: (e: unknown) => String(e),
}))

describe('Ledger', () => {
  it('shows the balance as a bar and in words, with the nudge', async () => {
    render(Ledger, { id: 'p1' })
    expect(await screen.findByText('you received 4 more than you gave, 2 mutual')).toBeTruthy()
    expect(screen.getByRole('img', { name: 'Gave 1, received 5' })).toBeTruthy()
    expect(screen.getByText(/given 1 — is there something you could pass on\?/)).toBeTruthy()
    expect(screen.getByText('an intro to Bo')).toBeTruthy()
    expect(api.ledger).toHaveBeenCalledWith('p1')
  })
})

describe('Attendance', () => {
  it('shows past sessions as marks and marks the latest unmarked one', async () => {
    render(Attendance, { communityId: 'c1' })
    expect(await screen.findByText('missed the last 2')).toBeTruthy()
    // When it meets, in words: the Schedule row named only the series.
    expect(screen.getByText('Meets weekly, Tuesday 19:00 Europe/London')).toBeTruthy()
    const marks = screen.getByRole('list', { name: 'Recent sessions, oldest first' }).querySelectorAll('button')
    expect([...marks].map((d) => d.getAttribute('aria-label'))).toEqual([
      formatDate('2026-04-28') + ': before you were a member, not counted. Change',
      formatDate('2026-05-05') + ': went. Change',
      formatDate('2026-05-12') + ': went. Change',
      formatDate('2026-05-19') + ': missed. Change',
      formatDate('2026-05-26') + ': not marked. Change',
    ])
    expect(screen.getByText(/did you go\?/).textContent).toContain(formatDate('2026-05-26'))
    expect(screen.getByText(new RegExp('Member since ' + formatDate('2026-05-05')))).toBeTruthy()
    await fireEvent.click(screen.getByText('Went'))
    expect(api.markSession).toHaveBeenCalledWith('c1', '2026-05-26', true)
  })

  it('changes a past session with a click: not marked → went → missed → not marked', async () => {
    vi.mocked(api.attendance).mockClear()
    render(Attendance, { communityId: 'c1' })
    await fireEvent.click(await screen.findByRole('button', { name: formatDate('2026-05-26') + ': not marked. Change' }))
    expect(api.markSession).toHaveBeenLastCalledWith('c1', '2026-05-26', true)
    await fireEvent.click(screen.getByRole('button', { name: formatDate('2026-05-12') + ': went. Change' }))
    expect(api.markSession).toHaveBeenLastCalledWith('c1', '2026-05-12', false)
    await fireEvent.click(screen.getByRole('button', { name: formatDate('2026-05-19') + ': missed. Change' }))
    expect(api.unmarkSession).toHaveBeenCalledWith('c1', '2026-05-19')
    await fireEvent.click(screen.getByRole('button', { name: new RegExp('^' + formatDate('2026-04-28') + ': before you were a member') }))
    expect(api.markSession).toHaveBeenLastCalledWith('c1', '2026-04-28', true)
    expect(api.attendance).toHaveBeenCalledTimes(5) // reloaded after each
  })
})

describe('ReminderSettings', () => {
  it('saves each change', async () => {
    render(ReminderSettings)
    const box = (await screen.findByLabelText(/Desktop notifications/)) as HTMLInputElement
    expect(box.checked).toBe(true)
    await fireEvent.change(screen.getByLabelText('Digest hour'), { target: { value: '7' } })
    await waitFor(() => expect(api.setNurtureSettings).toHaveBeenLastCalledWith({ reminders: true, hour: 7, missedN: 3 }))
    await fireEvent.click(box)
    await waitFor(() => expect(api.setNurtureSettings).toHaveBeenLastCalledWith({ reminders: false, hour: 7, missedN: 3 }))
  })
})
