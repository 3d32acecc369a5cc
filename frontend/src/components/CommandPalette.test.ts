import { render, screen, fireEvent } from '@testing-library/svelte'
import userEvent from '@testing-library/user-event'
import { describe, it, expect, vi, beforeEach } from 'vitest'
import { flushSync } from 'svelte'
import CommandPalette from './CommandPalette.svelte'
import { nav, overlay } from '../lib/nav.svelte'
import { shortDate } from '../lib/format'

vi.mock('../lib/api', () => ({
  search: vi.fn(async (q: string) =>
    q.startsWith('gr')
      ? [
          { id: 'p1', kind: 'person', title: 'Grace Hopper', subtitle: 'US Navy' },
          { id: 'c1', kind: 'community', title: 'Grace Hopper Celebration', subtitle: 'conference' },
        ]
      : q.startsWith('spa')
        ? [{ id: 'l1', kind: 'learning', title: 'Spaced retrieval beats rereading', date: '2026-12-07' }]
        : [],
  ),
  message: (e: unknown) => String(e),
}))

describe('CommandPalette', () => {
  beforeEach(() => {
    nav.screen = 'people'
    nav.id = ''
  })

  // A week of use found learnings listed as "2026-12-07": a hit's date is
  // written as every list writes it.
  it("writes a hit's date as lists do, not as the store keeps it", async () => {
    render(CommandPalette, { onclose: vi.fn() })
    await userEvent.type(screen.getByLabelText('Search everything'), 'spa')
    const hit = (await screen.findByText('Spaced retrieval beats rereading')).closest('button')!
    expect(hit.textContent).not.toContain('2026-12-07')
    expect(hit.textContent).toContain(shortDate('2026-12-07'))
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

  // Where the list opens under a resting pointer, or grows under it, the
  // browser sends boundary events and (WebKit) a move in the same place.
  const rest = (el: Element, x = 200, y = 120) => {
    for (const type of ['pointerover', 'pointerenter', 'mouseover', 'mouseenter']) el.dispatchEvent(new MouseEvent(type, { clientX: x, clientY: y, bubbles: type.endsWith('over') }))
    el.dispatchEvent(new MouseEvent('pointermove', { clientX: x, clientY: y, bubbles: true }))
    flushSync()
  }
  const move = (el: Element, x: number, y: number) => {
    el.dispatchEvent(new MouseEvent('pointermove', { clientX: x, clientY: y, bubbles: true }))
    flushSync()
  }
  // Typed without clicking: jsdom puts every click at 0,0, which would
  // count as the pointer having been somewhere else.
  const type = (el: Element, text: string) => userEvent.type(el, text, { skipClick: true })

  it('opens what the keyboard chose, not what a resting pointer is over', async () => {
    render(CommandPalette, { onclose: vi.fn() })
    const input = screen.getByLabelText('Search everything')
    await type(input, 'gra')
    const celebration = await screen.findByRole('option', { name: /Grace Hopper Celebration/ })
    rest(celebration)
    rest(celebration)
    rest(screen.getByRole('option', { name: /Add a person/ }))
    expect(screen.getByRole('option', { name: /Grace Hopper US Navy/ }).getAttribute('aria-selected')).toBe('true')
    await fireEvent.keyDown(input, { key: 'Enter' })
    expect(nav.screen).toBe('people')
    expect(nav.id).toBe('p1')
  })

  it('lets a moving pointer choose, until the query changes', async () => {
    render(CommandPalette, { onclose: vi.fn() })
    const input = screen.getByLabelText('Search everything')
    await type(input, 'gr')
    const celebration = await screen.findByRole('option', { name: /Grace Hopper Celebration/ })
    move(celebration, 200, 120)
    move(celebration, 203, 121)
    expect(celebration.getAttribute('aria-selected')).toBe('true')
    // Typing more starts again at the best match, whatever the pointer rests on.
    await type(input, 'a')
    expect(screen.getByRole('option', { name: /Grace Hopper US Navy/ }).getAttribute('aria-selected')).toBe('true')
    rest(screen.getByRole('option', { name: /Grace Hopper Celebration/ }), 203, 121)
    await fireEvent.keyDown(input, { key: 'Enter' })
    expect(nav.id).toBe('p1')
    // And a move picks again.
    const again = screen.getByRole('option', { name: /Grace Hopper Celebration/ })
    move(again, 210, 125)
    await fireEvent.keyDown(input, { key: 'Enter' })
    expect(nav.screen).toBe('communities')
    expect(nav.id).toBe('c1')
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
