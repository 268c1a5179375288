/**
 * One look at each guest page before wrk measures it, on the first line of the file wrk draws
 * from: a page that answers 404, or an index with less than a full page of results, would be
 * fast for the wrong reason.
 */
const firstLine = async (path: string) => (await Bun.file(path).text()).split("\n")[0]!;

async function fetchPage(url: string): Promise<string> {
  const response = await fetch(url);
  const body = await response.text();
  if (response.status !== 200) throw new Error(`${url} answered ${response.status}, not 200:\n${body.slice(0, 500)}`);
  return body;
}

/**
 * The index for a date and 2 guests lists `results` restaurants, a full page. How many have open
 * tables is only told: at 1M rows the seed fills every seating, and each card says so instead.
 */
export async function checkIndexPage(base: string, datesFile: string, results: number): Promise<void> {
  const url = `${base}/?date=${await firstLine(datesFile)}&partySize=2`;
  const cards = (await fetchPage(url)).split("<article").slice(1);
  if (cards.length !== results) throw new Error(`${url} lists ${cards.length} restaurants, not ${results}`);
  const withTables = cards.filter((card) => card.includes('name="start"')).length;
  console.log(`index page: ${cards.length} restaurants, ${withTables} with open tables`);
}

/** A seeded reservation's page opens by its link token. */
export async function checkReservationPage(base: string, tokensFile: string): Promise<void> {
  await fetchPage(`${base}/r/${await firstLine(tokensFile)}`);
}
