import { render, screen, waitFor } from '@testing-library/svelte'
import { describe, it, expect, vi } from 'vitest'
import RefLinks from './RefLinks.svelte'

vi.mock('../lib/api', () => ({
  show: vi.fn(async (id: string) => ({ id, kind: 'person', name: id === 'p1' ? 'Ada Lovelace' : 'Grace Hopper' })),
  titleOf: (e: any) => e.name,
}))

describe('RefLinks', () => {
  it('lists names with a comma and a space between them', async () => {
    const { container } = render(RefLinks, { ids: ['p1', 'p2'] })
    await screen.findByText('Grace Hopper')
    await waitFor(() => expect(container.textContent).toBe('Ada Lovelace, Grace Hopper'))
  })
})
