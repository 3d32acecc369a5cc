import { render, screen, within } from '@testing-library/svelte'
import userEvent from '@testing-library/user-event'
import { describe, it, expect, vi, beforeEach } from 'vitest'
import WhatsNew from './WhatsNew.svelte'
import * as api from '../lib/api'

const posts = () => [
  { key: 'k1', feed: 'f1', source: 's1', sourceName: 'The Learning Letter', person: 'p1', personName: 'Sam Rivera', topics: ['Retrieval practice'],
    title: 'Spaced practice is not a scheduling trick', url: 'https://learningletter.example/p/spaced', published: '2026-12-05T14:00:54Z',
    summary: 'Why the gap matters more than the calendar.', read: false, saved: false },
  { key: 'k2', feed: 'f2', source: 's2', sourceName: 'Learning Loop', topics: ['Working out loud'],
    title: 'Working out loud, five years on', url: 'https://learningloop.example/wol', published: '2026-12-04T09:12:40Z',
    summary: 'Five years ago I started narrating my work in public.', read: true, saved: false },
]

// A page of one post at a time when asked for one, else all.
function page(q: { unread?: boolean; before?: string; limit?: number }) {
  const all = posts().filter((p) => (!q.unread || !p.read) && (!q.before || p.published < q.before))
  return { items: all.slice(0, q.limit ?? all.length), matches: all.length, unread: 1 }
}

vi.mock('../lib/api', () => ({
  news: vi.fn(async (q: { unread?: boolean; before?: string; limit?: number }) => page(q)),
  latestNews: vi.fn(async (q: { unread?: boolean; before?: string; limit?: number }) => page(q).items),
  openPost: vi.fn(async (source: string, key: string) => ({
    ...posts().find((p) => p.key === key),
    content: '<p>Last week a reader asked. <a href="https://learningletter.example/subscribe">Subscribe</a></p><a class="lw-image" href="https://cdn.example/spacing.png">[image]</a>',
    images: ['https://cdn.example/spacing.png'],
    read: true,
  })),
  markRead: vi.fn(async () => {}),
  savePost: vi.fn(async () => {}),
  learnedFrom: vi.fn(async () => 'learning-1'),
  refreshFeeds: vi.fn(async () => ({ feeds: [], calendars: [], new: 3, changed: 0, problems: 0 })),
  openInBrowser: vi.fn(),
  feedStatuses: vi.fn(async () => []),
  calendarSubscriptions: vi.fn(async () => []),
  subscribe: vi.fn(),
  followFeed: vi.fn(),
  unsubscribe: vi.fn(),
  on: () => () => {},
  message: (e: unknown) => String(e),
}))

beforeEach(() => vi.clearAllMocks())

describe("What's new", () => {
  it('lists posts by source, unread marked, and filters to unread', async () => {
    render(WhatsNew)
    expect(await screen.findByText('Spaced practice is not a scheduling trick')).toBeTruthy()
    expect(screen.getByText('The Learning Letter')).toBeTruthy()
    expect(screen.getByText('Learning Loop')).toBeTruthy()
    expect(await screen.findByText('1 unread')).toBeTruthy()
    expect(screen.getAllByLabelText('unread')).toHaveLength(1)
    await userEvent.click(screen.getByLabelText(/Unread only/))
    await vi.waitFor(() => expect(screen.queryByText('Working out loud, five years on')).toBeNull())
    expect(api.news).toHaveBeenLastCalledWith(expect.objectContaining({ unread: true }))
  })

  it('shows the answer to the latest filter when an earlier one comes back later', async () => {
    let late: (v: unknown) => void = () => {}
    vi.mocked(api.latestNews).mockImplementationOnce(() => new Promise((r) => (late = () => r(posts()))) as any)
    render(WhatsNew)
    await userEvent.click(screen.getByLabelText(/Unread only/))
    expect(await screen.findByText('Spaced practice is not a scheduling trick')).toBeTruthy()
    late(posts())
    await new Promise((r) => setTimeout(r, 20))
    expect(screen.queryByText('Working out loud, five years on')).toBeNull()
    // The feeds below load all the same.
    expect(api.feedStatuses).toHaveBeenCalled()
  })

  it('opens on the newest posts uncounted, then counts them and lists the feeds', async () => {
    let counted: (v: unknown) => void = () => {}
    vi.mocked(api.news).mockImplementationOnce(() => new Promise((r) => (counted = () => r(page({ limit: 50 })))) as any)
    render(WhatsNew)
    expect(await screen.findByText('Spaced practice is not a scheduling trick')).toBeTruthy()
    expect(api.latestNews).toHaveBeenCalledWith({ unread: false, topic: '', person: '', limit: 10 })
    expect(screen.queryByText(/unread/, { selector: 'h1 span' })).toBeNull()
    await vi.waitFor(() => expect(api.news).toHaveBeenCalledWith({ unread: false, topic: '', person: '', limit: 50 }))
    await vi.waitFor(() => expect(api.feedStatuses).toHaveBeenCalled())
    counted(undefined)
    expect(await screen.findByText('1 unread')).toBeTruthy()
    expect(api.latestNews).toHaveBeenCalledTimes(1)
  })

  it("shows each post's topics", async () => {
    const { container } = render(WhatsNew)
    await screen.findByText('Spaced practice is not a scheduling trick')
    const chips = [...container.querySelectorAll('article.post .topics .chip')].map((c) => c.textContent)
    expect(chips).toEqual(['Retrieval practice', 'Working out loud'])
  })

  it('groups by person and filters by topic', async () => {
    render(WhatsNew)
    await screen.findByText('Spaced practice is not a scheduling trick')
    await userEvent.selectOptions(screen.getByLabelText(/Group by/), 'person')
    expect(screen.getByRole('heading', { name: 'Sam Rivera' })).toBeTruthy()
    await userEvent.selectOptions(screen.getByLabelText(/Topic/), 'Retrieval practice')
    expect(api.news).toHaveBeenLastCalledWith(expect.objectContaining({ topic: 'Retrieval practice' }))
  })

  it('opens a post with its images held back until asked for, links going to the browser', async () => {
    const { container } = render(WhatsNew)
    await userEvent.click(await screen.findByText('Spaced practice is not a scheduling trick'))
    expect(api.openPost).toHaveBeenCalledWith('s1', 'k1')
    expect(await screen.findByText(/Last week a reader asked/)).toBeTruthy()
    expect(container.querySelector('img')).toBeNull()
    await userEvent.click(screen.getByText('Subscribe'))
    expect(api.openInBrowser).toHaveBeenCalledWith('https://learningletter.example/subscribe')
    await userEvent.click(screen.getByRole('button', { name: /Show the image/ }))
    expect(container.querySelector('img')?.getAttribute('src')).toBe('https://cdn.example/spacing.png')
  })

  it('"I learned from this" logs a learning from the post', async () => {
    render(WhatsNew)
    const post = (await screen.findByText('Spaced practice is not a scheduling trick')).closest('article') as HTMLElement
    await userEvent.click(within(post).getByRole('button', { name: /I learned from this/ }))
    const input = within(post).getByLabelText(/What did you learn/) as HTMLInputElement
    expect(input.value).toBe('Spaced practice is not a scheduling trick')
    await userEvent.clear(input)
    await userEvent.type(input, 'The gap matters more than the calendar')
    await userEvent.click(within(post).getByRole('button', { name: 'Add to my log' }))
    expect(api.learnedFrom).toHaveBeenCalledWith('s1', 'k1', 'The gap matters more than the calendar')
  })

  it('shows older posts a page at a time', async () => {
    render(WhatsNew, { pageSize: 1 })
    expect(await screen.findByText('Spaced practice is not a scheduling trick')).toBeTruthy()
    expect(screen.queryByText('Working out loud, five years on')).toBeNull()
    await userEvent.click(await screen.findByRole('button', { name: /Show older posts \(1 more\)/ }))
    expect(await screen.findByText('Working out loud, five years on')).toBeTruthy()
    expect(api.news).toHaveBeenLastCalledWith(expect.objectContaining({ before: '2026-12-05T14:00:54Z', limit: 1 }))
  })

  it('marks read, saves, and refreshes every feed', async () => {
    render(WhatsNew)
    const post = (await screen.findByText('Spaced practice is not a scheduling trick')).closest('article') as HTMLElement
    await userEvent.click(within(post).getByRole('button', { name: /Mark read/ }))
    expect(api.markRead).toHaveBeenCalledWith('s1', ['k1'], true)
    await userEvent.click(within(post).getByRole('button', { name: /Save/ }))
    expect(api.savePost).toHaveBeenCalledWith('s1', 'k1', true)
    await userEvent.click(screen.getByRole('button', { name: /Refresh/ }))
    expect(api.refreshFeeds).toHaveBeenCalledWith(false)
  })
})
