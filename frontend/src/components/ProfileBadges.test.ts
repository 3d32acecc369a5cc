import { render, screen, within } from '@testing-library/svelte'
import userEvent from '@testing-library/user-event'
import { describe, it, expect, vi } from 'vitest'
import ProfileBadges from './ProfileBadges.svelte'
import * as api from '../lib/api'

vi.mock('../lib/api', () => ({ openInBrowser: vi.fn() }))

describe('ProfileBadges', () => {
  it("opens a People row's profiles, website and email through the app, without picking the row", async () => {
    const picked = vi.fn()
    const row = document.createElement('div')
    row.addEventListener('click', picked)
    const cell = row.appendChild(document.createElement('span'))
    document.body.appendChild(row)
    render(ProfileBadges, {
      target: cell,
      props: {
        compact: true,
        profiles: [{ value: 'https://www.linkedin.com/in/ada', types: ['linkedin'] }, { value: '@ada@mastodon.social' }, { value: '12', types: ['twitter'] }],
        website: 'https://ada.example.org',
        email: 'ada@example.org',
      },
    })
    const icons = screen.getByRole('list', { name: 'Profiles' })
    expect(within(icons).getAllByRole('link').map((a) => a.getAttribute('title'))).toEqual([
      'LinkedIn: linkedin.com/in/ada',
      'Mastodon: @ada@mastodon.social',
      'X: 12',
      'Web: ada.example.org',
      'Email: ada@example.org',
    ])
    await userEvent.click(within(icons).getByRole('link', { name: 'M' }))
    expect(api.openInBrowser).toHaveBeenLastCalledWith('https://mastodon.social/@ada')
    await userEvent.click(within(icons).getByRole('link', { name: 'Email' }))
    expect(api.openInBrowser).toHaveBeenLastCalledWith('mailto:ada@example.org')
    await userEvent.click(within(icons).getByRole('link', { name: 'Web' }))
    expect(api.openInBrowser).toHaveBeenLastCalledWith('https://ada.example.org')
    expect(picked).not.toHaveBeenCalled()
  })

  it('shows nothing for someone with nowhere to open', () => {
    render(ProfileBadges, { profiles: [] })
    expect(screen.queryByRole('list', { name: 'Profiles' })).toBeNull()
  })
})
