// Files dropped on the window (or chosen from File > Import) wait here
// for the Import screen, which previews them.
export const pending = $state({ paths: [] as string[] })

export function offer(paths: string[]) {
  pending.paths = paths.filter((p) => /\.(vcf|vcard|ics|ical|ifb)$/i.test(p))
}

export const basename = (p: string) => p.split(/[\\/]/).pop() ?? p
