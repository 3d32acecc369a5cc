import { render } from '@testing-library/svelte'
import { describe, it, expect, vi, beforeEach } from 'vitest'
import PersonList from './PersonList.svelte'
import * as api from '../lib/api'

vi.mock('../lib/api', () => ({
  list: vi.fn(async () => ({ total: 2, items: [{ id: 'p1', kind: 'person', title: 'Ada Lovelace' }, { id: 'p2', kind: 'person', title: 'Grace Hopper' }] })),
  filterPeople: vi.fn(async () => ({ total: 1, items: [{ id: 'p2', kind: 'person', title: 'Grace Hopper', lastContact: '2025-11-20' }] })),
  message: (e: unknown) => String(e),
}))

describe('PersonList', () => {
  beforeEach(() => {
    vi.mocked(api.list).mockClear()
    vi.mocked(api.filterPeople).mockClear()
  })

  it('pages through everyone by name when nothing filters', async () => {
    render(PersonList, { onselect: vi.fn() })
    await vi.waitFor(() => expect(api.list).toHaveBeenCalledWith('person', { offset: 0, limit: 200 }))
    expect(api.filterPeople).not.toHaveBeenCalled()
  })

  it('asks the services for the filtered set, a page at a time', async () => {
    render(PersonList, { onselect: vi.fn(), filter: { topicId: 'topic-x', communityId: '', contact: 'over', days: 90 } })
    await vi.waitFor(() => expect(api.filterPeople).toHaveBeenCalledWith({ topicId: 'topic-x', communityId: '', contact: 'over', days: 90, offset: 0, limit: 200 }))
    expect(api.list).not.toHaveBeenCalled()
  })

  it('searches when a query is typed', async () => {
    render(PersonList, { onselect: vi.fn(), query: 'gra' })
    await vi.waitFor(() => expect(api.list).toHaveBeenCalledWith('person', { query: 'gra', limit: 500 }))
  })
})
