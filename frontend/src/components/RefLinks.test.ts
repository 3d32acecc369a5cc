import { render, screen, waitFor } from '@testing-library/svelte'
import { describe, it, expect, vi } from 'vitest'
import userEvent from '@testing-library/user-event'
import RefLinks from './RefLinks.svelte'
import { nav } from '../lib/nav.svelte'

vi.mock('../lib/api', () => ({
  show: vi.fn(async (id: string) => ({ id, kind: 'person', name: id === 'p1' ? 'Ada Lovelace' : 'Grace Hopper', photo: id === 'p1' ? 'data:image/png;base64,AAAA' : '' })),
  titleOf: (e: any) => e.name,
  on: () => () => {},
}))

describe('RefLinks', () => {
  it('lists names with a comma and a space between them', async () => {
    const { container } = render(RefLinks, { ids: ['p1', 'p2'] })
    await screen.findByRole('link', { name: /Grace Hopper/ })
    await waitFor(() => expect(container.textContent?.replace(/[A-Z]{2}(?=Grace)/, '')).toBe('Ada Lovelace, Grace Hopper'))
    // Each person with an avatar: Ada's photo, Grace's initials.
    expect(container.querySelector('img.avatar')?.getAttribute('src')).toBe('data:image/png;base64,AAAA')
    expect(container.querySelectorAll('.avatar')).toHaveLength(2)
    await userEvent.click(screen.getByRole('link', { name: /Grace Hopper/ }))
    expect(nav.screen).toBe('people')
    expect(nav.id).toBe('p2')
  })
})
