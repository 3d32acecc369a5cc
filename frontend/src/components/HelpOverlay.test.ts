import { render, screen } from '@testing-library/svelte'
import { describe, it, expect } from 'vitest'
import HelpOverlay from './HelpOverlay.svelte'

describe('HelpOverlay', () => {
  it('lists the shortcuts', () => {
    render(HelpOverlay, { onclose: () => {} })
    expect(screen.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeTruthy()
    expect(screen.getByText('Log an interaction or a learning')).toBeTruthy()
    expect(screen.getByText('Search everything')).toBeTruthy()
  })
})
