import { render, screen } from '@testing-library/svelte'
import userEvent from '@testing-library/user-event'
import { describe, it, expect, vi } from 'vitest'
import NewsToday from './NewsToday.svelte'
import * as api from '../lib/api'

vi.mock('../lib/api', () => ({
  news: vi.fn(async () => ({
    items: [{ key: 'k1', source: 's1', sourceName: 'The Learning Letter', personName: 'Sam Rivera', title: 'Spaced practice is not a scheduling trick', url: 'https://learningletter.example/p/spaced', read: false }],
    matches: 1,
    unread: 7,
  })),
  markRead: vi.fn(async () => {}),
  openInBrowser: vi.fn(),
  on: () => () => {},
  message: (e: unknown) => String(e),
}))

describe('NewsToday', () => {
  it('shows the newest unread posts; one click reads it in the browser and marks it read', async () => {
    const onmore = vi.fn()
    render(NewsToday, { onmore })
    expect(api.news).toHaveBeenCalledWith({ unread: true, limit: 5 })
    expect(await screen.findByText('7 unread')).toBeTruthy()
    expect(screen.getByText('Sam Rivera')).toBeTruthy()
    await userEvent.click(screen.getByText('Spaced practice is not a scheduling trick'))
    expect(api.openInBrowser).toHaveBeenCalledWith('https://learningletter.example/p/spaced')
    expect(api.markRead).toHaveBeenCalledWith('s1', ['k1'], true)
    await userEvent.click(screen.getByRole('button', { name: 'See all' }))
    expect(onmore).toHaveBeenCalled()
  })
})
