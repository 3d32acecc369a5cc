import { render } from '@testing-library/svelte'
import { fireEvent } from '@testing-library/svelte'
import { describe, it, expect } from 'vitest'
import Avatar from './Avatar.svelte'

describe('an avatar', () => {
  // A week of use: a card from a phone export had a photo link that does
  // not load, and the People list showed a broken-image icon in its place.
  it('shows the initials when the photo does not load', async () => {
    const { container } = render(Avatar, { name: 'Chris Beatle', photo: 'http://%zz/photo.jpg' })
    const img = container.querySelector('img')!
    expect(img).toBeTruthy()
    await fireEvent.error(img)
    expect(container.querySelector('img')).toBeNull()
    expect(container.textContent?.trim()).toBe('CB')
  })
})
