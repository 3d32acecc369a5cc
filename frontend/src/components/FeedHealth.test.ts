import { render, screen } from '@testing-library/svelte'
import userEvent from '@testing-library/user-event'
import { describe, it, expect, vi } from 'vitest'
import FeedHealth from './FeedHealth.svelte'
import { nav } from '../lib/nav.svelte'
import * as api from '../lib/api'

const never = '0001-01-01T00:00:00Z'
const feeds = [
  { source: 's1', name: 'Learning Loop', url: 'https://learningloop.example/feed/', title: 'Learning Loop – notes', lastFetch: new Date().toISOString(), next: new Date().toISOString(), posts: 12, unread: 3, problem: '', quiet: '' },
  { source: 's2', name: 'Old blog', url: 'https://old.example/rss', lastFetch: new Date().toISOString(), next: never, posts: 0, unread: 0, problem: 'nothing is at this address any more: check it on the website', quiet: '' },
  { source: 's3', name: 'Slow blog', url: 'https://slow.example/rss', lastFetch: never, next: never, posts: 4, unread: 0, problem: '', quiet: 'gone quiet: nothing new for 60 days; it usually posts every week' },
]

vi.mock('../lib/api', () => ({
  feedStatuses: vi.fn(async () => feeds),
  discoverFeeds: vi.fn(async (url: string) => {
    if (url.includes('nothing')) throw 'no feed found at this address: look for an RSS or subscribe link on the site'
    return [{ url: 'https://chris.example/rss/', title: 'Field Notes on L&D', format: 'RSS', via: 'the page links it', posts: 15 }]
  }),
  useFeed: vi.fn(async (source: string, c: { url: string }) => {
    const st = { source, name: 'Field notes', url: c.url, title: 'Field Notes on L&D', lastFetch: new Date().toISOString(), next: new Date().toISOString(), posts: 15, unread: 15, problem: '', quiet: '' }
    feeds.push(st)
    return st
  }),
  on: () => () => {},
  message: (e: unknown) => String(e),
}))

describe('FeedHealth', () => {
  it("says when the source's feed was fetched, what it holds, and leads to What's new", async () => {
    render(FeedHealth, { source: 's1' })
    expect(await screen.findByText(/Learning Loop – notes/)).toBeTruthy()
    expect(screen.getByText(/fetched today .* · next today .* · 12 posts, 3 unread/)).toBeTruthy()
    await userEvent.click(screen.getByRole('button', { name: "Read in What's new" }))
    expect(nav.screen).toBe('news')
  })

  it('says in words why the last fetch failed', async () => {
    render(FeedHealth, { source: 's2' })
    expect(await screen.findByText('nothing is at this address any more: check it on the website')).toBeTruthy()
    expect(screen.getByText(/next never · 0 posts/)).toBeTruthy()
    expect(screen.queryByRole('button')).toBeNull()
  })

  it('says when a feed has gone quiet', async () => {
    render(FeedHealth, { source: 's3' })
    expect(await screen.findByText(/gone quiet: nothing new for 60 days/)).toBeTruthy()
    expect(screen.getByText(/fetched never/)).toBeTruthy()
  })

  it('shows nothing for a source Learnwork does not fetch', async () => {
    const { container } = render(FeedHealth, { source: 'other' })
    await new Promise((r) => setTimeout(r, 20))
    expect(container.querySelector('section')).toBeNull()
  })

  it('finds the feed of a source that has only its web address, and follows it once confirmed', async () => {
    render(FeedHealth, { source: 's9', url: 'https://chris.example/' })
    await userEvent.click(await screen.findByRole('button', { name: 'Find its feed' }))
    expect(api.discoverFeeds).toHaveBeenCalledWith('https://chris.example/')
    const found = await screen.findByRole('list', { name: 'Feeds found' })
    expect(found.textContent).toMatch(/Field Notes on L&D.*RSS · 15 posts · the page links it/)
    expect(api.useFeed).not.toHaveBeenCalled()
    await userEvent.click(screen.getByRole('button', { name: 'Follow this feed' }))
    expect(api.useFeed).toHaveBeenCalledWith('s9', expect.objectContaining({ url: 'https://chris.example/rss/' }))
    expect(await screen.findByText(/15 posts, 15 unread/)).toBeTruthy()
  })

  it('says so when a web address has no feed', async () => {
    render(FeedHealth, { source: 's10', url: 'https://nothing.example/' })
    await userEvent.click(await screen.findByRole('button', { name: 'Find its feed' }))
    expect(await screen.findByText('no feed found at this address: look for an RSS or subscribe link on the site')).toBeTruthy()
    expect(screen.getByRole('button', { name: 'Look again' })).toBeTruthy()
  })
})
