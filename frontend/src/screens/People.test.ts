import { render, screen, within } from '@testing-library/svelte'
import userEvent from '@testing-library/user-event'
import { ago, formatDate } from '../lib/format'
import { describe, it, expect, vi, beforeEach } from 'vitest'
import People from './People.svelte'
import * as api from '../lib/api'
import { nav } from '../lib/nav.svelte'
import { shared } from '../lib/overview.svelte'

const ada = {
  id: 'p1',
  kind: 'person',
  name: 'Ada Lovelace',
  org: 'Analytical Society',
  topics: ['computing'],
  emails: [{ value: 'ada@example.org', types: ['work'] }],
  updated: '2026-01-01T00:00:00Z',
}

vi.mock('../lib/api', () => ({
  // Topics fields suggest the topics already there.
  search: vi.fn(async () => []),
  list: vi.fn(async (kind: string) => {
    if (kind === 'topic') return { total: 1, items: [{ id: 't1', kind: 'topic', title: 'computing' }] }
    if (kind === 'community') return { total: 1, items: [{ id: 'c1', kind: 'community', title: 'Lunch and Learn' }] }
    return { total: 1, items: [{ id: 'p2', kind: 'person', title: 'Grace Hopper' }] } // a search
  }),
  // Everyone when nothing filters (with last contacts), else Grace.
  filterPeople: vi.fn(async (q: { topicId: string; communityId: string; contact: string }) =>
    q.topicId || q.communityId || q.contact
      ? { total: 1, items: [{ id: 'p2', kind: 'person', title: 'Grace Hopper' }] }
      : {
          total: 2,
          items: [
            {
              id: 'p1',
              kind: 'person',
              title: 'Ada Lovelace',
              subtitle: 'Analytical Society',
              lastContact: '2026-01-05',
              profiles: [{ value: 'https://www.linkedin.com/in/ada', types: ['linkedin'] }, { value: '@ada@mastodon.social' }],
              email: 'ada@example.org',
            },
            { id: 'p2', kind: 'person', title: 'Grace Hopper' },
          ],
        },
  ),
  getPerson: vi.fn(async () => ada),
  timeline: vi.fn(async () => ({
    items: [
      { id: 'e1', kind: 'event', title: 'Engine talk', subtitle: 'Conway Hall', date: '2026-03-12T18:30', field: 'attendees' },
      { id: 'i1', kind: 'interaction', title: 'Coffee about compilers', date: '2026-01-05', field: 'people', direction: 'mutual' },
      { id: 'c1', kind: 'community', title: 'Lunch and Learn', field: 'members' },
      { id: 's1', kind: 'source', title: 'Notes on the Engine', field: 'author' },
    ],
    touches: { count: 1, gave: 0, received: 0, mutual: 1, last: '2026-01-05' },
  })),
  ledger: vi.fn(async (id: string) => ({ id, name: 'Ada', kind: 'person', gave: 0, received: 0, mutual: 1, net: 0, words: 'even', nudge: '', entries: [] })),
  remove: vi.fn(async () => {}),
  undelete: vi.fn(async () => {}),
  resolve: vi.fn(async () => {}),
  feedStatuses: vi.fn(async () => [
    { source: 's1', name: 'Notes on the Engine', url: 'https://ada.example/feed', lastFetch: '0001-01-01T00:00:00Z', next: '0001-01-01T00:00:00Z', unread: 0, posts: 0 },
    { source: 's2', name: 'Someone else entirely', url: 'https://other.example/feed', lastFetch: '0001-01-01T00:00:00Z', next: '0001-01-01T00:00:00Z', unread: 0, posts: 0 },
  ]),
  calendarSubscriptions: vi.fn(async () => []),
  subscribe: vi.fn(async () => ({ source: 's9', feed: { url: 'https://ada.example/feed', title: 'Notes on the Engine' } })),
  on: () => () => {},
  message: (e: unknown) => String(e),
  openInBrowser: vi.fn(),
  unnamedAccounts: vi.fn(async () => [
    { key: 'twitter:id:12', service: 'X', url: 'https://twitter.com/intent/user?user_id=12' },
    { key: 'twitter:id:13', service: 'X', url: 'https://twitter.com/intent/user?user_id=13' },
  ]),
  peopleSources: vi.fn(async () => [
    { key: 'linkedin', name: 'LinkedIn connections', count: 1 },
    { key: 'google', name: 'Google contacts', count: 1 },
    { key: 'typed', name: 'typed in', count: 1 },
  ]),
  origins: vi.fn(async () => [
    { field: 'emails', index: 0, value: 'ada@example.org', from: [{ name: 'Google contacts', date: '2026-12-01T09:00:00Z', file: 'contacts.csv' }] },
    { field: 'profiles', index: 1, value: '@ada@mastodon.social', from: [{ name: 'Mastodon follows', date: '2026-12-03T09:00:00Z', file: 'following_accounts.csv' }] },
    { field: 'org', index: 0, value: 'Analytical Society', from: [{ name: 'typed in' }] },
  ]),
}))

describe('People', () => {
  beforeEach(() => {
    vi.mocked(api.list).mockClear()
    vi.mocked(api.filterPeople).mockClear()
    Object.assign(nav, { screen: 'people', id: '', editing: false, creating: false })
    shared.info = { counts: { person: 2 } } as any
  })

  it('lists everyone on the shared list screen, a page at a time', async () => {
    render(People)
    expect(screen.getByRole('heading', { level: 1, name: /People/ }).textContent).toContain('2')
    await vi.waitFor(() => expect(api.filterPeople).toHaveBeenCalledWith({ topicId: '', communityId: '', service: '', contact: '', days: 0, offset: 0, limit: 200 }))
    expect(screen.getByRole('listbox', { name: 'People' })).toBeTruthy()
    expect(screen.getByLabelText('Filter people')).toBeTruthy()
    expect(screen.getByText(/Pick someone on the left/)).toBeTruthy()
  })

  it('filters by topic, community, last contact and where they were met, and clears the filters', async () => {
    render(People)
    await screen.findByRole('option', { name: 'computing' })
    await userEvent.selectOptions(screen.getByLabelText('Last contact'), 'over:90')
    await vi.waitFor(() => expect(api.filterPeople).toHaveBeenLastCalledWith({ topicId: '', communityId: '', service: '', contact: 'over', days: 90, offset: 0, limit: 200 }))
    await userEvent.selectOptions(screen.getByLabelText('Topic'), 't1')
    await userEvent.selectOptions(screen.getByLabelText('Community'), 'c1')
    await vi.waitFor(() => expect(api.filterPeople).toHaveBeenLastCalledWith({ topicId: 't1', communityId: 'c1', service: '', contact: 'over', days: 90, offset: 0, limit: 200 }))
    await userEvent.selectOptions(screen.getByLabelText('Met on'), 'linkedin')
    await vi.waitFor(() => expect(api.filterPeople).toHaveBeenLastCalledWith({ topicId: 't1', communityId: 'c1', service: 'linkedin', contact: 'over', days: 90, offset: 0, limit: 200 }))
    await userEvent.click(screen.getByRole('button', { name: 'Clear' }))
    await vi.waitFor(() => expect(api.filterPeople).toHaveBeenLastCalledWith({ topicId: '', communityId: '', service: '', contact: '', days: 0, offset: 0, limit: 200 }))
    expect(screen.queryByRole('button', { name: 'Clear' })).toBeNull()
  })

  it('filters by where they came from, and a search keeps to it', async () => {
    render(People)
    await userEvent.selectOptions(await screen.findByRole('combobox', { name: 'Came from' }), 'Google contacts (1)')
    await vi.waitFor(() => expect(api.filterPeople).toHaveBeenLastCalledWith({ topicId: '', communityId: '', service: '', from: 'google', contact: '', days: 0, offset: 0, limit: 200 }))
    await userEvent.type(screen.getByLabelText('Filter people'), 'ada')
    await vi.waitFor(() => expect(api.filterPeople).toHaveBeenLastCalledWith({ topicId: '', communityId: '', service: '', contact: '', days: 0, from: 'google', query: 'ada', offset: 0, limit: 200 }))
    await userEvent.clear(screen.getByLabelText('Filter people'))
    await userEvent.click(screen.getByRole('button', { name: 'Clear' }))
    await vi.waitFor(() => expect(api.filterPeople).toHaveBeenLastCalledWith({ topicId: '', communityId: '', service: '', contact: '', days: 0, offset: 0, limit: 200 }))
  })

  // A week of use: the title said People 16 while a filter showed one person.
  it('counts what a filter shows against everyone, and everyone again once cleared', async () => {
    const title = () => screen.getByRole('heading', { level: 1, name: /People/ }).textContent?.replace(/\s+/g, ' ').trim()
    render(People)
    await vi.waitFor(() => expect(title()).toBe('People 2'))
    await userEvent.selectOptions(await screen.findByLabelText('Topic'), 't1')
    await vi.waitFor(() => expect(title()).toBe('People 1 of 2'))
    await userEvent.click(screen.getByRole('button', { name: 'Clear' }))
    await vi.waitFor(() => expect(title()).toBe('People 2'))
  })

  it('searches when a name is typed', async () => {
    render(People)
    await userEvent.type(screen.getByLabelText('Filter people'), 'gra')
    await vi.waitFor(() => expect(api.filterPeople).toHaveBeenLastCalledWith({ topicId: '', communityId: '', service: '', contact: '', days: 0, query: 'gra', offset: 0, limit: 200 }))
  })

  it('leads to the accounts an import could not name', async () => {
    render(People)
    await userEvent.click(await screen.findByRole('button', { name: 'Unnamed accounts from X: 2 to name or drop' }))
    expect(nav.screen).toBe('import')
    expect(nav.id).toBe('accounts-to-name')
  })

  it("tells where each of a person's values came from, under Details", async () => {
    nav.id = 'p1'
    render(People)
    await screen.findByRole('heading', { level: 1, name: 'Ada Lovelace' })
    expect(api.origins).not.toHaveBeenCalled() // only when Details is opened
    await userEvent.click(screen.getByText('Details'))
    const origins = await screen.findByLabelText('Where each value came from')
    await vi.waitFor(() => expect(origins.textContent).toMatch(/Email\s*ada@example.org · Google contacts, /))
    expect(origins.textContent).toMatch(/Profile\s*@ada@mastodon.social · Mastodon follows, /)
    expect(origins.textContent).toMatch(/Organisation\s*Analytical Society · typed in/)
    expect(api.origins).toHaveBeenCalledWith('p1')
  })

  it("opens a person's page with their timeline, events they attended among it", async () => {
    nav.id = 'p1'
    render(People)
    expect(await screen.findByRole('heading', { level: 1, name: 'Ada Lovelace' })).toBeTruthy()
    expect(screen.getByText('ada@example.org')).toBeTruthy()
    const talk = await screen.findByRole('button', { name: /Engine talk/ })
    expect(talk.textContent).toContain('attended')
    expect(talk.closest('li')?.querySelector('time')?.getAttribute('title')).toBe(formatDate('2026-03-12'))
    const glance = screen.getByText('At a glance').closest('section')!
    expect(glance.textContent).toMatch(/1 interaction · 0 learnings · 1 event attended · 1 community · 1 source written/)
    // How long ago, as every list says it, the full date on hover.
    const last = screen.getByText(/^Last contact/, { selector: 'p' })
    expect(last.textContent).toBe(`Last contact ${ago('2026-01-05')}`)
    expect(last.querySelector('time')?.getAttribute('title')).toBe(formatDate('2026-01-05'))
    expect(await screen.findByRole('region', { name: 'Give and take' })).toBeTruthy()
  })

  it("follows a feed from a person's page with them as its author", async () => {
    nav.id = 'p1'
    render(People)
    const feeds = await screen.findByRole('list', { name: 'Feeds' })
    expect(within(feeds).getByText('Notes on the Engine')).toBeTruthy()
    expect(within(feeds).queryByText('Someone else entirely')).toBeNull()
    await userEvent.type(screen.getByLabelText('Web address to follow'), 'https://ada.example')
    await userEvent.click(screen.getByRole('button', { name: 'Follow' }))
    expect(api.subscribe).toHaveBeenCalledWith('https://ada.example', '', 'p1')
    expect(api.calendarSubscriptions).not.toHaveBeenCalled()
  })

  it('edits and deletes from the page, and adds from the list', async () => {
    nav.id = 'p1'
    render(People)
    await screen.findByRole('heading', { level: 1, name: 'Ada Lovelace' })
    await userEvent.click(screen.getByRole('button', { name: 'Edit' }))
    expect(nav.editing).toBe(true)
    expect(await screen.findByDisplayValue('Ada Lovelace')).toBeTruthy()
    await userEvent.click(screen.getByRole('button', { name: 'Cancel' }))
    await screen.findByRole('heading', { level: 1, name: 'Ada Lovelace' })
    await userEvent.click(screen.getByRole('button', { name: 'Delete' }))
    expect(api.remove).toHaveBeenCalledWith('p1')
    await vi.waitFor(() => expect(nav.id).toBe(''))
    await userEvent.click(screen.getByRole('button', { name: /Add$/ }))
    expect(nav.creating).toBe(true)
    expect(await screen.findByRole('button', { name: 'Save' })).toBeTruthy()
  })

  it('shows where to start when there is nobody yet', async () => {
    shared.info = { counts: { person: 0 } } as any
    render(People)
    expect(screen.getByText('Your network starts here.')).toBeTruthy()
    await userEvent.click(screen.getByRole('button', { name: /Add a person/ }))
    expect(nav.creating).toBe(true)
  })

  it('moves from the filter box into the list with the down arrow', async () => {
    render(People)
    const list = screen.getByRole('listbox', { name: 'People' })
    // jsdom lays nothing out, so the virtual list draws no rows; its data is there.
    await vi.waitFor(() => expect(list.dataset.loaded).toBe('true'))
    screen.getByLabelText('Filter people').focus()
    await userEvent.keyboard('{ArrowDown}')
    expect(nav.id).toBe('p1')
    await userEvent.keyboard('{ArrowDown}')
    expect(nav.id).toBe('p2')
  })
})
