/**
 * Invented readouts for the database tests, built from templates so that a
 * corpus of any size can be made: meetings, calls, praise, requests and
 * criticism between office holders the knowledge base knows.
 */
const PEOPLE = [
  ["Secretary of State Antony Blinken", "Blinken", "the United States"],
  ["Foreign Minister Wang Yi", "Wang", "China"],
  ["Foreign Minister Penny Wong", "Wong", "Australia"],
  ["Minister for Foreign Affairs Vivian Balakrishnan", "Balakrishnan", "Singapore"],
  ["Foreign Minister Sergey Lavrov", "Lavrov", "Russia"],
  ["External Affairs Minister Subrahmanyam Jaishankar", "Jaishankar", "India"],
] as const;
const CITIES = ["Washington", "Beijing", "Canberra", "Singapore", "Moscow", "New Delhi"];
const DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"];
const TOPICS = ["climate change", "trade", "regional security", "public health", "maritime cooperation"];

export interface FixtureDoc {
  id: string;
  publisher: string;
  date: string;
  title: string;
  text: string;
}

/** Document `i` of the synthetic corpus: the same `i` always gives the same text. */
export function fixtureDoc(i: number): FixtureDoc {
  const a = PEOPLE[i % PEOPLE.length]!;
  const b = PEOPLE[(i * 5 + 1) % PEOPLE.length]! === a ? PEOPLE[(i + 1) % PEOPLE.length]! : PEOPLE[(i * 5 + 1) % PEOPLE.length]!;
  const city = CITIES[(i * 7) % CITIES.length]!;
  const day = DAYS[i % DAYS.length]!;
  const topic = TOPICS[(i * 3) % TOPICS.length]!;
  const month = String(1 + (i % 12)).padStart(2, "0");
  const date = `2022-${month}-${String(10 + (i % 18)).padStart(2, "0")}`;
  const lines = [
    `${a[0]} met ${b[0]} in ${city} on ${day}.`,
    `The two ministers discussed ${topic} and exchanged views on the situation in the region.`,
    `${a[1]} thanked ${b[2]} for its support on ${topic}.`,
    i % 2 ? `${b[1]} urged ${a[2]} to expand cooperation on ${topic}.` : `${b[1]} expressed concern about the tensions in the region.`,
    i % 3 ? `The ministers agreed to meet again next year.` : `${a[1]} invited ${b[1]} to visit ${city} next year.`,
  ];
  return { id: `fx${String(i).padStart(4, "0")}`, publisher: "Readout test desk", date, title: `Readout of the meeting ${i}`, text: lines.join(" ") };
}

/** The synthetic corpus as JSON Lines, in the corpus format readout reads. */
export function fixtureJsonl(count: number, from = 0): string {
  const lines: string[] = [];
  for (let i = from; i < from + count; i++) {
    const d = fixtureDoc(i);
    lines.push(JSON.stringify({ id: d.id, source: "test", publisher: d.publisher, date: d.date, title: d.title, text: d.text }));
  }
  return lines.join("\n") + "\n";
}
