import { render, screen } from '@testing-library/svelte'
import { describe, it, expect } from 'vitest'
import GiveTake from './GiveTake.svelte'
import HelpOverlay from './HelpOverlay.svelte'

describe('GiveTake', () => {
  it('puts the balance in words', () => {
    render(GiveTake, { touches: { count: 5, gave: 0, received: 4, mutual: 1 } as any })
    expect(screen.getByText('Received 4')).toBeTruthy()
    expect(screen.getByText(/a chance to give back/)).toBeTruthy()
    expect(screen.getByRole('img').getAttribute('aria-label')).toBe('Gave 0, received 4, both 1')
  })

  it('says when nothing is logged', () => {
    render(GiveTake, { touches: { count: 0, gave: 0, received: 0, mutual: 0 } as any })
    expect(screen.getByText('No give or take logged yet.')).toBeTruthy()
  })
})

describe('HelpOverlay', () => {
  it('lists the shortcuts', () => {
    render(HelpOverlay, { onclose: () => {} })
    expect(screen.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeTruthy()
    expect(screen.getByText('Log an interaction or a learning')).toBeTruthy()
    expect(screen.getByText('Search everything')).toBeTruthy()
  })
})
