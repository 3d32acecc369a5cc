import { render, screen, fireEvent, within } from '@testing-library/svelte'
import userEvent from '@testing-library/user-event'
import { describe, it, expect, vi, beforeEach } from 'vitest'
import Today from './Today.svelte'
import { nav, screenOf } from '../lib/nav.svelte'
import * as api from '../lib/api'

const item = (id: string, name: string, level: string, reasons: string[]) => ({ id, kind: 'person', name, level, reasons, gave: 0, received: 0 })

function view(over: Partial<any> = {}) {
  return {
    digest: {
      date: '2026-06-02',
      headline: '1 overdue and 1 due to reconnect; #lrnchat today at 19:00',
      red: 1,
      amber: 1,
      nudges: 1,
      top: [],
      upcoming: [{ communityId: 'c1', community: '#lrnchat', date: '2026-06-02', start: '2026-06-02T19:00:00Z', state: 'upcoming', streak: 4, missedInRow: 0, words: 'attended 4 in a row' }],
      toMark: [{ communityId: 'c2', community: 'Book club', date: '2026-05-28', start: '2026-05-28T18:30:00Z', state: 'unmarked', streak: 0, missedInRow: 1, words: 'missed the last session' }],
      prompt: { show: true, text: 'What did you learn this week?', weekOf: '2026-06-01', thisWeek: 0 },
      lines: [],
    },
    due: {
      items: [
        item('p1', 'Sam Okafor', 'red', ['last talked 3 months ago — you wanted every 60 days']),
        item('p2', 'Ada Lovelace', 'amber', ['last talked 6 weeks ago — you wanted monthly']),
        item('p3', 'Grace Hopper', 'nudge', ["you've received 5 things from Grace Hopper and given none"]),
      ],
      total: 3,
      problems: [],
      kept: 3,
    },
    recent: [{ id: 'l1', kind: 'learning', title: 'wait ten seconds after a question', date: '2026-05-30' }],
    goals: [
      { id: 'g1', name: 'Facilitate better', percent: 50, topicsStarted: 1, topicsTotal: 2, stalled: true, words: 'stalled: 1 learning, the last 4 weeks ago; 1 of 2 topics started' },
      { id: 'g2', name: 'Learn SQL', percent: 0, topicsStarted: 0, topicsTotal: 0, stalled: false, words: 'no learning logged for it yet' },
    ],
    ...over,
  }
}

vi.mock('../lib/api', () => ({
  // Topics fields suggest the topics already there.
  search: vi.fn(async () => []),
  today: vi.fn(),
  due: vi.fn(),
  saveGoal: vi.fn(async () => 'g3'),
  markSession: vi.fn(async () => {}),
  logLearning: vi.fn(async () => 'l2'),
  logTouch: vi.fn(async () => 'i1'),
  snooze: vi.fn(async () => '2026-06-09'),
  notNow: vi.fn(async () => '2026-07-02'),
  unsnooze: vi.fn(async () => {}),
  news: vi.fn(async () => ({ items: [{ key: 'k1', source: 's1', sourceName: 'The Learning Letter', title: 'Spaced practice is not a scheduling trick', read: false }], matches: 1, unread: 3 })),
  markRead: vi.fn(async () => {}),
  openInBrowser: vi.fn(),
  on: () => () => {},
  message: (e: unknown) => String(e),
}))

describe('Today', () => {
  beforeEach(() => {
    vi.mocked(api.today).mockResolvedValue(view() as any)
    nav.screen = 'today'
    nav.id = ''
  })

  it('ranks reconnects with their reasons and levels', async () => {
    render(Today)
    expect(await screen.findByText('Sam Okafor')).toBeTruthy()
    expect(screen.getByText('1 overdue and 1 due to reconnect; #lrnchat today at 19:00')).toBeTruthy()
    const rows = screen.getAllByRole('listitem').filter((li) => li.classList.contains('row'))
    expect(rows.map((r) => r.className.match(/red|amber|nudge/)?.[0])).toEqual(['red', 'amber', 'nudge'])
    expect(within(rows[0]).getByText('last talked 3 months ago — you wanted every 60 days')).toBeTruthy()
    expect(screen.getByText("you've received 5 things from Grace Hopper and given none")).toBeTruthy()
    await fireEvent.click(screen.getByText('Ada Lovelace'))
    expect(nav.screen).toBe('people')
    expect(nav.id).toBe('p2')
  })

  it('logs a touch, snoozes and skips from the list', async () => {
    render(Today)
    const row = (await screen.findByText('Sam Okafor')).closest('li')!
    await fireEvent.click(within(row).getByText('Log'))
    await userEvent.selectOptions(within(row).getByLabelText('Direction'), 'gave')
    await userEvent.type(within(row).getByLabelText('What about'), 'a reading list')
    await fireEvent.click(within(row).getByText('Save'))
    expect(api.logTouch).toHaveBeenCalledWith({ id: 'p1', direction: 'gave', what: 'a reading list' })

    const ada = screen.getByText('Ada Lovelace').closest('li')!
    await fireEvent.click(within(ada).getByText('Snooze'))
    expect(api.snooze).toHaveBeenCalledWith('p2')
    await fireEvent.click(within(ada).getByText('Not now'))
    expect(api.notNow).toHaveBeenCalledWith('p2')
  })

  // A week of use: the next #lrnchat said "missed 1", and the headline's
  // "3 sessions to mark" left the sessions to be found below the fold.
  it('says a run of misses in words and leads from the headline to the sessions to mark', async () => {
    const v = view()
    v.digest.headline = '1 session to mark'
    v.digest.upcoming = [{ ...v.digest.upcoming[0], streak: 0, missedInRow: 2, words: 'missed the last 2' }]
    vi.mocked(api.today).mockResolvedValue(v as any)
    render(Today)
    expect(await screen.findByText('missed the last 2')).toBeTruthy()
    expect(screen.queryByText('missed 2')).toBeNull()
    await fireEvent.click(screen.getByRole('button', { name: 'Mark them' }))
    expect(document.activeElement).toBe(screen.getByLabelText('Went to Book club on 2026-05-28'))
  })

  it('shows sessions to go to and to mark', async () => {
    render(Today)
    expect(await screen.findByText('#lrnchat')).toBeTruthy()
    expect(screen.getByTitle('Sessions attended in a row').textContent).toContain('4')
    await fireEvent.click(screen.getByLabelText('Went to Book club on 2026-05-28'))
    expect(api.markSession).toHaveBeenCalledWith('c2', '2026-05-28', true)
  })

  it("shows what's new from the feeds beside the list, See all going to What's new", async () => {
    render(Today)
    const side = (await screen.findByText('Spaced practice is not a scheduling trick')).closest('aside')!
    expect(within(side).getByText('3 unread')).toBeTruthy()
    await fireEvent.click(within(side).getByRole('button', { name: 'See all' }))
    expect(nav.screen).toBe('news')
  })

  it('takes the weekly learning in one line', async () => {
    render(Today)
    const input = await screen.findByLabelText('What did you learn this week?')
    await userEvent.type(input, 'spaced repetition beats rereading{Enter}')
    expect(api.logLearning).toHaveBeenCalledWith('spaced repetition beats rereading')
    expect(screen.getByText('wait ten seconds after a question')).toBeTruthy()
    expect(screen.getByRole('progressbar', { name: 'Facilitate better: 1 of 2 topics started' }).getAttribute('aria-valuenow')).toBe('50')
    expect(screen.getByText(/stalled: 1 learning, the last 4 weeks ago/)).toBeTruthy()
  })

  it('teaches what to do when nothing is due', async () => {
    vi.mocked(api.today).mockResolvedValue(view({ due: { items: [], total: 0, problems: [], kept: 2 } }) as any)
    render(Today)
    expect(await screen.findByText('All caught up.')).toBeTruthy()
    expect(screen.getByText(/The people you choose to keep in touch with \(every month, every quarter…\) appear here/)).toBeTruthy()
  })

  // A week of use: sixteen people, none chosen, and Today said "All caught
  // up" all week long.
  it('does not say all caught up while nobody is chosen to keep in touch with', async () => {
    vi.mocked(api.today).mockResolvedValue(view({ due: { items: [], total: 0, problems: [], kept: 0 } }) as any)
    render(Today)
    expect(await screen.findByText('You have not chosen anyone to keep in touch with yet.')).toBeTruthy()
    expect(screen.queryByText('All caught up.')).toBeNull()
    await fireEvent.click(screen.getByRole('button', { name: 'Choose people' }))
    expect(nav.screen).toBe('people')
  })

  it('shows every one due on request, not a command to type', async () => {
    vi.mocked(api.today).mockResolvedValue(view({ due: { items: view().due.items.slice(0, 2), total: 3, problems: [] } }) as any)
    vi.mocked(api.due).mockResolvedValue({ items: view().due.items, total: 3, problems: [] } as any)
    render(Today)
    await screen.findByText('Sam Okafor')
    expect(screen.queryByText('Grace Hopper')).toBeNull()
    expect(document.body.textContent).not.toMatch(/learnwork due/)
    await fireEvent.click(screen.getByRole('button', { name: 'Show all 3' }))
    expect(await screen.findByText('Grace Hopper')).toBeTruthy()
    expect(api.due).toHaveBeenCalledWith(0)
    expect(screen.queryByRole('button', { name: /Show all/ })).toBeNull()
  })

  it('says when sessions are on the clock the headline uses', async () => {
    const at = new Date()
    at.setHours(19, 0, 0, 0)
    const past = new Date(at.getTime() - 6 * 86400e3)
    const v = view()
    v.digest.upcoming[0].start = at.toISOString()
    v.digest.toMark[0].start = past.toISOString()
    vi.mocked(api.today).mockResolvedValue(v as any)
    render(Today)
    expect(await screen.findByText(/^Today at 19.00$/)).toBeTruthy()
    const wd = new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric', month: 'short' }).format(past)
    expect(screen.getByText(`${wd} at 19:00`)).toBeTruthy()
    expect(document.body.textContent).not.toMatch(/\d (AM|PM)/)
  })

  it('adds a goal with its topics where its progress shows', async () => {
    vi.mocked(api.today).mockResolvedValue(view({ goals: [] }) as any)
    render(Today)
    expect(await screen.findByText(/No goal yet/)).toBeTruthy()
    await fireEvent.click(screen.getByRole('button', { name: 'Add a goal' }))
    const form = screen.getByRole('form', { name: 'New goal' })
    await fireEvent.click(within(form).getByRole('button', { name: 'Add goal' }))
    expect(within(form).getByRole('alert').textContent).toBe('Say what you want to get better at.')
    await userEvent.type(within(form).getByLabelText('Goal'), 'Run a learning analytics pilot')
    await userEvent.type(within(form).getByLabelText('Topics'), 'learning analytics, xAPI')
    await fireEvent.click(within(form).getByRole('button', { name: 'Add goal' }))
    expect(api.saveGoal).toHaveBeenCalledWith({ title: 'Run a learning analytics pilot', topics: ['learning analytics', 'xAPI'] })
    await vi.waitFor(() => expect(screen.queryByRole('form', { name: 'New goal' })).toBeNull())
  })

  it('shows a goal opened from search where its progress is', async () => {
    nav.id = 'g1'
    render(Today)
    const goal = (await screen.findByText('Facilitate better')).closest('li')!
    expect(goal.classList.contains('picked')).toBe(true)
    expect(screen.getByText('Learn SQL').closest('li')!.classList.contains('picked')).toBe(false)
    expect(screenOf.goal).toBe('today')
  })

  it('asks about the sessions to mark once per community, each day with its own answer', async () => {
    const v = view()
    v.digest.toMark = ['2026-05-14', '2026-05-21', '2026-05-28'].map((date) => ({ communityId: 'c2', community: 'Book club', date, start: `${date}T18:30:00Z`, state: 'unmarked', streak: 0, missedInRow: 1, words: 'missed the last session' }))
    vi.mocked(api.today).mockResolvedValue(v as any)
    render(Today)
    const sessions = await screen.findByRole('region', { name: 'Sessions' })
    expect(within(sessions).getAllByRole('button', { name: 'Book club' })).toHaveLength(1)
    expect(within(sessions).getByText('3 sessions: did you go?')).toBeTruthy()
    await fireEvent.click(within(sessions).getByLabelText('Missed Book club on 2026-05-21'))
    expect(api.markSession).toHaveBeenCalledWith('c2', '2026-05-21', false)
  })
})
