// The entry a list screen has open (nav.id): loaded, kept fresh when the
// store changes, and the select, add, delete and saved steps every list
// screen takes. Call opened() while a component initialises.
import { nav } from './nav.svelte'
import { untrack } from 'svelte'
import { remove, undelete, message } from './api'
import { storeChanges } from './live.svelte'
import { toast } from './toast.svelte'

export interface Opened<T> {
  readonly entity: T | null
  /** Bumped on every change, so the list reloads. */
  readonly version: number
  readonly error: string
  load(id: string): Promise<void>
  select(id: string): void
  add(): void
  del(): Promise<void>
  saved(id: string): void
}

export function opened<T extends { id?: any }>(get: (id: string) => Promise<T>, noun: string): Opened<T> {
  let entity = $state<T | null>(null)
  const changes = storeChanges()
  let error = $state('')

  async function load(id: string) {
    error = ''
    if (!id) {
      entity = null
      return
    }
    try {
      entity = await get(id)
    } catch (e) {
      entity = null
      error = message(e)
    }
  }

  function select(id: string) {
    nav.id = id
    nav.editing = false
    nav.creating = false
  }

  $effect(() => {
    load(nav.id)
  })

  // A change elsewhere reloads the open entry, unless it is being edited.
  let seen = 0
  $effect(() => {
    const n = changes.count
    if (n === seen) return
    seen = n
    untrack(() => nav.id && !nav.editing && load(nav.id))
  })

  return {
    get entity() {
      return entity
    },
    get version() {
      return changes.count
    },
    get error() {
      return error
    },
    load,
    select,
    add() {
      nav.id = ''
      nav.editing = false
      nav.creating = true
    },
    async del() {
      if (!entity) return
      const { id, name, title } = entity as { id: string; name?: string; title?: string }
      const what = name || title || noun
      try {
        await remove(id)
        nav.id = ''
        toast(`${what} moved to Trash`, 'info', { label: 'Undo', run: () => undelete(id).then(() => select(id)) })
      } catch (e) {
        toast(message(e), 'error')
      }
    },
    saved(id: string) {
      const created = nav.creating
      select(id)
      load(id)
      changes.bump()
      toast(created ? `${noun[0].toUpperCase()}${noun.slice(1)} added` : 'Saved')
    },
  }
}
