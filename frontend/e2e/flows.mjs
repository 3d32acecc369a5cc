// End-to-end flows in a real browser against the real services (started
// by TestEndToEnd in ../e2e_test.go through app/webbridge). Each step
// prints "ok - NAME"; a failure saves a screenshot and exits non-zero.
import { chromium } from 'playwright-core'

const base = process.env.LEARNWORK_URL
const shots = process.env.LEARNWORK_SHOTS ?? '.'
const vcf = process.env.LEARNWORK_VCF
if (!base) throw new Error('LEARNWORK_URL is not set: run through go test -run TestEndToEnd')

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
})
const page = await browser.newPage({ viewport: { width: 1280, height: 800 } })
const problems = []
page.on('pageerror', (e) => problems.push(`page error: ${e.message}`))
page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`))
page.setDefaultTimeout(10000)

let failed = 0
async function step(name, fn) {
  try {
    await fn()
    if (problems.length) throw new Error(problems.splice(0).join('\n'))
    console.log(`ok - ${name}`)
  } catch (e) {
    failed++
    const shot = `${shots}/e2e-failed-${name.replace(/\W+/g, '-')}.png`
    await page.screenshot({ path: shot }).catch(() => {})
    console.log(`FAIL - ${name}: ${e.message}\n  screenshot: ${shot}`)
  }
}

const main = page.locator('main')
const sidebar = page.getByRole('navigation', { name: 'Main' })
const toast = (text) => page.locator('.toast, [role=status]').filter({ hasText: text }).first()
async function screen(label) {
  await sidebar.locator('ul button', { has: page.locator('.label', { hasText: new RegExp(`^${label}$`) }) }).click()
}
async function searchFor(text) {
  await page.keyboard.press('Control+k')
  await page.getByLabel('Search everything').fill(text)
}
// A search hit, not the palette's quick actions ("Add a person “Kit…”"),
// which show before the hits come back.
const hit = (name) => page.getByRole('option', { name }).filter({ hasNotText: /(Add a person|Log an interaction|Log a learning) “/ })

await page.goto(base)
await sidebar.waitFor()

await step('add a person', async () => {
  await page.keyboard.press('Control+n')
  await page.getByPlaceholder('Ada Lovelace').fill('Ada Lovelace')
  await page.getByLabel('Organisation').fill('Analytical Society')
  await page.getByLabel('Topics').fill('computing, poetry')
  await page.getByRole('button', { name: 'Save' }).click()
  await main.getByRole('heading', { level: 1, name: 'Ada Lovelace' }).waitFor()
  await sidebar.getByRole('button', { name: /^People/ }).filter({ hasText: '2' }).waitFor()
})

await step('log an interaction', async () => {
  await page.keyboard.press('Control+l')
  const dialog = page.getByRole('dialog', { name: 'Log an interaction' })
  await dialog.getByLabel('What happened').fill('Talked about spaced practice')
  await dialog.getByLabel('With people').fill('Ada')
  await dialog.getByRole('option', { name: /Ada Lovelace/ }).click()
  await dialog.getByLabel('I gave').check()
  await dialog.getByRole('button', { name: 'Save' }).click()
  await dialog.waitFor({ state: 'detached' })
  // Ada's page shows it on her timeline and in her give/take.
  await main.getByRole('button', { name: /Talked about spaced practice/ }).waitFor()
  await main.getByText('gave 1', { exact: true }).waitFor()
})

await step('search', async () => {
  await searchFor('spaced')
  await hit(/Talked about spaced practice/).waitFor()
  await page.keyboard.press('Enter')
  await main.getByRole('heading', { level: 1, name: 'Talked about spaced practice' }).waitFor()
  await main.getByRole('link', { name: /Ada Lovelace/ }).waitFor()
})

await step('import a file', async () => {
  const importButton = sidebar.getByRole('button', { name: /^Import/ })
  if (!(await importButton.count())) throw new Error('there is no Import screen in the sidebar')
  await page.request.post(`${base}/api/Desktop/Answer`, { data: [[vcf]] })
  await importButton.click()
  await main.getByRole('button', { name: /Choose files/ }).click()
  // The preview first, then the import itself.
  const confirm = main.getByRole('button', { name: 'Import', exact: true })
  await confirm.waitFor()
  await confirm.click()
  await main.getByRole('heading', { name: 'Done' }).waitFor()
  await screen('People')
  await main.getByRole('listbox', { name: 'People' }).getByText('Seymour Papert').waitFor()
})

await step('resolve a conflict', async () => {
  await searchFor('Kit Concurrent')
  await hit(/Kit Concurrent/).first().waitFor()
  await page.keyboard.press('Enter')
  const conflicts = main.getByRole('region', { name: 'Conflicting edits' })
  await conflicts.waitFor()
  await conflicts.getByRole('button', { name: 'Initech' }).click()
  await conflicts.waitFor({ state: 'detached' })
  await main.getByText(/Initech/).first().waitFor()
})

await step('filter people by last contact', async () => {
  await screen('People')
  await main.getByLabel('Last contact').selectOption('never')
  const list = main.getByRole('listbox', { name: 'People' })
  await list.getByText('Kit Concurrent').waitFor()
  await list.getByText('Ada Lovelace').waitFor({ state: 'detached' })
  await main.getByLabel('Last contact').selectOption('')
})

await step('an event a person attended', async () => {
  // A calendar event with Ada among its attendees, as an import links it.
  const api = async (method, ...args) => (await page.request.post(`${base}/api/Services/${method}`, { data: args })).json()
  const [ada] = (await api('Search', 'Ada Lovelace', 5)).filter((h) => h.kind === 'person')
  const day = new Date(Date.now() - 5 * 86400e3).toISOString().slice(0, 10)
  await api('SaveEvent', { kind: 'event', title: 'Engine talk', location: 'Conway Hall', start: `${day}T18:30:00`, attendees: [{ email: 'ada@example.org', personId: ada.id, status: 'ACCEPTED' }] })
  await searchFor('Ada Lovelace')
  await hit(/Ada Lovelace/).first().waitFor()
  await page.keyboard.press('Enter')
  const talk = main.getByRole('button', { name: /Engine talk/ })
  await talk.getByText('attended · 18:30 · Conway Hall').waitFor()
  await page.screenshot({ path: `${shots}/e2e-person-attended.png` })
  await talk.click()
  const event = page.getByRole('complementary', { name: 'Engine talk' })
  await event.waitFor()
  await page.screenshot({ path: `${shots}/e2e-event-opened.png` })
  // Its attendee opens her page again.
  await event.getByRole('link', { name: /Ada Lovelace/ }).click()
  await main.getByRole('heading', { level: 1, name: 'Ada Lovelace' }).waitFor()
})

await step('help overlay', async () => {
  await main.click({ position: { x: 5, y: 5 } })
  await page.keyboard.press('?')
  await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).getByText('Log an interaction or a learning').waitFor()
  await page.screenshot({ path: `${shots}/e2e-help.png` })
  await page.keyboard.press('Escape')
})

// Every screen opens without an error, and is kept as a picture.
const labels = await sidebar.locator('ul button .label').allTextContents()
for (const label of labels) {
  await step(`screen ${label}`, async () => {
    await screen(label)
    await page.waitForTimeout(400)
    if (await page.locator('.toast.error').count()) throw new Error(await page.locator('.toast.error').first().innerText())
    await page.screenshot({ path: `${shots}/e2e-${label.toLowerCase()}.png` })
  })
}

await browser.close()
console.log(failed ? `${failed} failed` : 'all flows passed')
process.exit(failed ? 1 : 0)
