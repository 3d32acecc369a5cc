import { render, screen, fireEvent } from '@testing-library/svelte'
import userEvent from '@testing-library/user-event'
import { describe, it, expect, vi, beforeEach } from 'vitest'
import CommandPalette from './CommandPalette.svelte'
import { nav, overlay } from '../lib/nav.svelte'

vi.mock('../lib/api', () => ({
  search: vi.fn(async (q: string) =>
    q.startsWith('gra')
      ? [
          { id: 'p1', kind: 'person', title: 'Grace Hopper', subtitle: 'US Navy' },
          { id: 'c1', kind: 'community', title: 'Grace Hopper Celebration', subtitle: 'conference' },
        ]
      : [],
  ),
  message: (e: unknown) => String(e),
}))

describe('CommandPalette', () => {
  beforeEach(() => {
    nav.screen = 'people'
    nav.id = ''
  })

  it('shows matches while typing and opens the chosen one with Enter', async () => {
    const onclose = vi.fn()
    render(CommandPalette, { onclose })
    const input = screen.getByLabelText('Search everything')
    await userEvent.type(input, 'gra')
    expect(await screen.findByText('Grace Hopper')).toBeTruthy()
    expect(screen.getByText('Grace Hopper Celebration')).toBeTruthy()
    await fireEvent.keyDown(input, { key: 'ArrowDown' })
    await fireEvent.keyDown(input, { key: 'Enter' })
    expect(nav.screen).toBe('communities')
    expect(nav.id).toBe('c1')
    expect(onclose).toHaveBeenCalled()
  })

  it('says when nothing matches and offers to add the person', async () => {
    render(CommandPalette, { onclose: vi.fn() })
    await userEvent.type(screen.getByLabelText('Search everything'), 'zzz')
    expect(await screen.findByText('Nothing matches “zzz”.')).toBeTruthy()
    expect(screen.getByText('Add a person “zzz”')).toBeTruthy()
  })

  it('closes on Escape', async () => {
    const onclose = vi.fn()
    render(CommandPalette, { onclose })
    await fireEvent.keyDown(screen.getByLabelText('Search everything'), { key: 'Escape' })
    expect(onclose).toHaveBeenCalled()
  })

  it('turns what was typed into a quick log entry', async () => {
    render(CommandPalette, { onclose: vi.fn() })
    await userEvent.type(screen.getByLabelText('Search everything'), 'zzz')
    await userEvent.click(await screen.findByText('Log a learning “zzz”'))
    expect(overlay.log).toBe('learning')
    expect(overlay.logText).toBe('zzz')
  })
})
