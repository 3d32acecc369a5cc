import { describe, it, expect, vi, beforeEach } from 'vitest'
import { peopleFilter, peoplePages } from './people'
import * as api from './api'

vi.mock('./api', () => ({
  list: vi.fn(async () => ({ total: 2, items: [{ id: 'p1', kind: 'person', title: 'Ada Lovelace' }, { id: 'p2', kind: 'person', title: 'Grace Hopper' }] })),
  filterPeople: vi.fn(async () => ({ total: 1, items: [{ id: 'p2', kind: 'person', title: 'Grace Hopper', lastContact: '2025-11-20' }] })),
}))

describe('the People list', () => {
  beforeEach(() => {
    vi.mocked(api.list).mockClear()
    vi.mocked(api.filterPeople).mockClear()
  })

  it('pages through everyone by name when nothing filters, with last contacts', async () => {
    const page = await peoplePages('', null)(200, 200)
    expect(api.filterPeople).toHaveBeenCalledWith({ topicId: '', communityId: '', service: '', contact: '', days: 0, offset: 200, limit: 200 })
    expect(page.items[0].lastContact).toBe('2025-11-20')
    expect(api.list).not.toHaveBeenCalled()
  })

  it('asks the services for the filtered set, a page at a time', async () => {
    const f = peopleFilter('topic-x', '', 'over:90')
    expect(f).toEqual({ topicId: 'topic-x', communityId: '', service: '', contact: 'over', days: 90 })
    await peoplePages('', f)(0, 200)
    expect(api.filterPeople).toHaveBeenCalledWith({ topicId: 'topic-x', communityId: '', service: '', contact: 'over', days: 90, offset: 0, limit: 200 })
    expect(api.list).not.toHaveBeenCalled()
  })

  it('searches when a query is typed, over the filters', async () => {
    const page = await peoplePages(' gra ', peopleFilter('', '', 'never'))(1, 1)
    expect(api.filterPeople).toHaveBeenCalledWith({ topicId: '', communityId: '', service: '', contact: '', days: 0, query: 'gra', offset: 1, limit: 1 })
    expect(page.items[0].title).toBe('Grace Hopper')
    expect(api.list).not.toHaveBeenCalled()
  })

  it('has no filter when nothing is chosen', () => {
    expect(peopleFilter('', '', '')).toBeNull()
    expect(peopleFilter('', '', 'never')).toEqual({ topicId: '', communityId: '', service: '', contact: 'never', days: 0 })
  })

  it('narrows to the people met on one service', () => {
    expect(peopleFilter('', '', '', 'linkedin')).toEqual({ topicId: '', communityId: '', service: 'linkedin', contact: '', days: 0 })
  })

  it('narrows to where they came from, and a search keeps to it', async () => {
    const f = peopleFilter('', '', '', '', 'google')
    expect(f).toEqual({ topicId: '', communityId: '', service: '', contact: '', days: 0, from: 'google' })
    await peoplePages(' ada ', f)(0, 50)
    expect(api.filterPeople).toHaveBeenCalledWith({ topicId: '', communityId: '', service: '', contact: '', days: 0, from: 'google', query: 'ada', offset: 0, limit: 50 })
  })
})
