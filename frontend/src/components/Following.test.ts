import { render, screen, within } from '@testing-library/svelte'
import userEvent from '@testing-library/user-event'
import { describe, it, expect, vi, beforeEach } from 'vitest'
import Following from './Following.svelte'
import * as api from '../lib/api'

let calendars = [
  { id: 'c1', name: 'L&D Meetup London', url: 'webcal://meetup.example/ld.ics', lastFetch: new Date().toISOString(), next: '0001-01-01T00:00:00Z', events: 3, problem: '' },
]
let feeds = [
  { source: 's1', name: 'Learning Loop', url: 'https://learningloop.example/feed/', lastFetch: '0001-01-01T00:00:00Z', unread: 2, posts: 2, problem: 'the site is busy: trying again at 14:00' },
]

vi.mock('../lib/api', () => ({
  subscribe: vi.fn(async (url: string) =>
    url.includes('several')
      ? { candidates: [{ url: 'https://blog.example/feed', title: 'Posts', format: 'RSS', via: 'the page links it', posts: 5 }, { url: 'https://blog.example/comments', title: 'Comments', format: 'Atom', via: 'the page links it', posts: 9 }] }
      : { calendar: { id: 'c2', name: 'Book club', created: 4, problem: '' } },
  ),
  followFeed: vi.fn(async () => 's9'),
  unsubscribe: vi.fn(async (id: string) => {
    calendars = calendars.filter((c) => c.id !== id)
    return 'L&D Meetup London'
  }),
  feedStatuses: vi.fn(async () => feeds),
  calendarSubscriptions: vi.fn(async () => calendars),
  on: () => () => {},
  message: (e: unknown) => String(e),
}))

beforeEach(() => vi.clearAllMocks())

describe('Following', () => {
  it('shows each calendar and feed with its fetch times and problem, and unsubscribes', async () => {
    render(Following)
    const cals = await screen.findByRole('list', { name: 'Calendars' })
    expect(within(cals).getByText(/fetched today .* · next never · 3 events/)).toBeTruthy()
    const fs = await screen.findByRole('list', { name: 'Feeds' })
    expect(within(fs).getByText('the site is busy: trying again at 14:00')).toBeTruthy()
    expect(within(fs).getByText(/fetched never/)).toBeTruthy()
    await userEvent.click(within(cals).getByRole('button', { name: 'Unsubscribe' }))
    expect(api.unsubscribe).toHaveBeenCalledWith('c1')
    await vi.waitFor(() => expect(screen.queryByRole('list', { name: 'Calendars' })).toBeNull())
  })

  it("follows a person's site, letting the user pick when it offers several feeds", async () => {
    render(Following, { only: 'feeds', person: 'p1' })
    expect(api.calendarSubscriptions).not.toHaveBeenCalled()
    await userEvent.type(screen.getByLabelText('Web address to follow'), 'https://blog.example/several')
    await userEvent.click(screen.getByRole('button', { name: 'Follow' }))
    expect(api.subscribe).toHaveBeenCalledWith('https://blog.example/several', '', 'p1')
    const pick = await screen.findByText('Comments')
    await userEvent.click(within(pick.closest('li') as HTMLElement).getByRole('button', { name: 'Follow this feed' }))
    expect(api.followFeed).toHaveBeenCalledWith(expect.objectContaining({ url: 'https://blog.example/comments' }), 'p1')
  })

  it("offers a person's pages to look for a feed at while none is followed", async () => {
    const was = feeds
    feeds = []
    render(Following, { only: 'feeds', person: 'p1', pages: ['https://mastodon.social/@ada', 'https://ada.example.org/'] })
    await userEvent.click(await screen.findByRole('button', { name: 'mastodon.social/@ada' }))
    expect(api.subscribe).toHaveBeenCalledWith('https://mastodon.social/@ada', '', 'p1')
    feeds = was
  })

  it('shows a dozen of many feeds, those with a problem first, until asked for all', async () => {
    const was = feeds
    feeds = Array.from({ length: 30 }, (_, i) => ({ source: `s${i}`, name: `Blog ${i}`, url: `https://blog${i}.example/feed`, lastFetch: '0001-01-01T00:00:00Z', unread: 0, posts: 1, problem: i === 25 ? 'the site is busy: trying again later' : '' }))
    render(Following, { only: 'feeds' })
    const list = await screen.findByRole('list', { name: 'Feeds' })
    const names = within(list).getAllByRole('listitem').map((li) => li.querySelector('.row-name')?.textContent)
    expect(names).toHaveLength(12)
    expect(names[0]).toBe('Blog 25')
    await userEvent.click(screen.getByRole('button', { name: 'Show all 30 feeds' }))
    expect(within(list).getAllByRole('listitem')).toHaveLength(30)
    feeds = was
  })
})
