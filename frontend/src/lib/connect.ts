// Connecting another computer through a shared folder: the steps on both
// computers, each one checked from what Learnwork already knows (the folder
// setting, the paired computers, when each last synced), never from what
// was clicked, so the checklist is right after a restart too.
import type { DeviceView } from './api'

export type Step = {
  key: 'folder' | 'invitation' | 'there'
  side: 'here' | 'there'
  done: boolean
}

/** The computer being connected: the newest one added that has not synced
 * yet, else the newest that has (all steps then done). Computers already
 * connected before the flow opened (known) are not it. */
export function newcomer(devices: DeviceView[], known: Set<string> = new Set()): DeviceView | undefined {
  const fresh = devices.filter((d) => !d.revoked && !known.has(d.id))
  const newest = (a: DeviceView, b: DeviceView) => (b.paired ?? '').localeCompare(a.paired ?? '')
  return fresh.filter((d) => !d.lastSeen).sort(newest)[0] ?? fresh.sort(newest)[0]
}

/** The checklist of the folder way: the folder chosen here, the other
 * computer's invitation added here (it is then on the paired list), and the
 * other computer's side, which shows here as its first sync arriving. */
export function folderSteps(folder: string, devices: DeviceView[], known: Set<string> = new Set()): Step[] {
  const other = newcomer(devices, known)
  return [
    { key: 'folder', side: 'here', done: folder !== '' },
    { key: 'invitation', side: 'here', done: !!other },
    { key: 'there', side: 'there', done: !!other?.lastSeen },
  ]
}

/** Computers already connected (synced at least once) when the flow opens:
 * a new connection is any other. */
export function connectedIDs(devices: DeviceView[]): Set<string> {
  return new Set(devices.filter((d) => !d.revoked && d.lastSeen).map((d) => d.id))
}

/** The shared folder as a person names it: its last part ("Dropbox/Learnwork"
 * → "Learnwork"); the full path is under Advanced. */
export function folderName(path: string): string {
  return path.split(/[\\/]/).filter(Boolean).pop() ?? path
}
