import * as chrono from "chrono-node";
import type { Doc } from "../doc/document.ts";

/** Only sentences with one of these words go to chrono (it is slow and most sentences carry no date). */
const DATEISH =
  /\b(?:today|yesterday|tonight|this (?:morning|afternoon|evening)|(?:mon|tues|wednes|thurs|fri|satur|sun)day)\b|\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.? \d|\b\d{1,2} (jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)|\b\d{1,2}\/\d{1,2}\/\d{2,4}\b|\b\d{4}-\d{2}-\d{2}\b/i;
/** Time expressions that put an event before the story without saying when. */
const VAGUE_PAST = /\b(over the (?:last|past)|in recent (?:weeks|months|years)|recently|last (?:week|month|year)|earlier this (?:year|month)|previously|in the past|since \d{4}|for (?:years|decades)|in (?:(?:jan|febr)uary|march|april|may|june|july|august|september|october|november|december) (?:19|20)\d\d|in (?:19|20)\d\d|from \d{1,2}(?: [a-z]+)? to \d{1,2} [a-z]+|from [a-z]+ \d{1,2} to (?:[a-z]+ )?\d{1,2})\b/i;

/** Words that date an act: a day, a week, a month, a season or a year, near or named. */
const TIME_WORDS = /\b(?:today|yesterday|tonight|ago|recently|week(?:end)?|month|year|(?:mon|tues|wednes|thurs|fri|satur|sun)day|january|february|march|april|may|june|july|august|september|october|november|december|spring|summer|autumn|fall|winter|\d{4})\b/i;

/** Whether a phrase says when something happened, near or far: "on Sunday", "last month", "in May", "eight years ago". */
export function namesTime(text: string): boolean {
  return TIME_WORDS.test(text);
}

/** Years and spans that put what a sentence says well before the story: "in 2017", "last year", "since 2014", "in the past". */
const DISTANT_PAST = /\b(?:in|by|since|during|until) (?:(?:early|mid|late)[ -])?((?:19|20)\d\d)\b|\b((?:jan|febr)uary|march|april|may|june|july|august|september|october|november|december),? ((?:19|20)\d\d)\b|\b((?:jan|febr)uary|march|april|may|june|july|august|september|october|november|december) \d{1,2}(?:st|nd|rd|th)? ?,? ((?:19|20)\d\d)\b|\b\d{1,2} ((?:jan|febr)uary|march|april|may|june|july|august|september|october|november|december),? ((?:19|20)\d\d)\b|\blast year\b|\b(?:years|decades|months) ago\b|\b(?:a|one) (?:year|decade) ago\b|\b(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|several|a few|many) months ago\b|\b(?:\d{2,}|[a-z]+ hundred|[a-z]+ty)(?:[- ][a-z]+)? days ago\b|\b(?:over|in|during) the (?:past|last) (?:decade|decades|(?:\d+|two|three|four|five|six|seven|eight|nine|ten|several|few) years)\b|\b(?:years|decades) since\b|\bin the past\b(?! (?:few|several|couple|\d+|two|three|four|five|six|seven|eight|nine|ten|twelve) )|\bfor (?:years|decades)\b|\bin recent years\b|\bfor (?:over|more than) (?:a|one|two|three|\d+) (?:decades?|years)\b/gi;

/** Month abbreviations in calendar order (a month's number is its index + 1). */
const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

/**
 * Whether a sentence recalls a time well before the story (a year before the
 * story's, "last year", "decades ago", "two months ago", "three hundred days ago", "over the past
 * decade"): what it reports is background
 * (CODING.md: "since the 2015 deal", "during his 2019 visit" are not coded).
 */
export function recallsPast(text: string, storyDate: string | null): boolean {
  if (!storyDate) return false;
  const storyYear = Number(storyDate.slice(0, 4));
  const storyMonth = Number(storyDate.slice(5, 7));
  // (what an anniversary recalls dates the past event, not the sentence: "On the eve of the tragic anniversary of Hamas'
  // attacks on October 7, 2023, we condemn once again …")
  const at = text.search(/\banniversar(?:y|ies)\b/i);
  if (at >= 0) text = text.slice(0, at);
  for (const m of text.matchAll(DISTANT_PAST)) {
    // ("on March 27, 2002", "on 21 March 2024": a day of a month of a year)
    const year = m[1] ?? m[3] ?? m[5] ?? m[7];
    const month = m[2] ?? m[4] ?? m[6];
    if (!year || Number(year) < storyYear) return true;
    // a month of the story's year two or more months before its own: "In February 2020, the US designated …" in May
    if (month && Number(year) === storyYear && storyMonth - (MONTHS.indexOf(month.toLowerCase().slice(0, 3)) + 1) >= 2) return true;
  }
  return false;
}

/** A date written out: "June 19", "19 June 2013", "06/19/2013", "2013-06-19". */
const EXPLICIT = /\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.? \d|\b\d{1,2} (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)|\b\d{1,2}\/\d{1,2}\/\d{2,4}\b|\b\d{4}-\d{2}-\d{2}\b/i;
const WEEKDAYS = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];
/** Month names, their abbreviations and weekdays, lower case, with or without an abbreviation's full stop. */
const CALENDAR_WORD = /^(?:january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\.?$/;

/** Whether a word (lower case) names a month or a weekday: "on July 28", "on Monday". */
export function isCalendarWord(lower: string): boolean {
  return CALENDAR_WORD.test(lower);
}

function iso(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

function parseIso(date: string): Date {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d, 12));
}

/**
 * The date a sentence's events happened, against the story date: "today" is
 * the story date, a weekday the latest such day on or before it, "November 15"
 * that day of the story's year. Null when the sentence gives no usable date.
 */
export function sentenceDate(text: string, storyDate: string | null): string | null | "vague" {
  if (VAGUE_PAST.test(text)) return "vague";
  if (!DATEISH.test(text)) return null;
  const hit = DATEISH.exec(text)!;
  // the commonest cases need no parser: "today", "yesterday", a bare weekday
  const word = hit[0].toLowerCase();
  const weekday = WEEKDAYS.indexOf(word);
  const explicit = EXPLICIT.exec(text);
  if (!explicit && storyDate && (word === "today" || word === "tonight" || word.startsWith("this ") || word === "yesterday" || weekday >= 0)) {
    const ref = parseIso(storyDate);
    if (word === "yesterday") ref.setUTCDate(ref.getUTCDate() - 1);
    if (weekday >= 0) ref.setUTCDate(ref.getUTCDate() - ((ref.getUTCDay() - weekday + 7) % 7));
    return iso(ref.getUTCFullYear(), ref.getUTCMonth() + 1, ref.getUTCDate());
  }
  if (!explicit && !storyDate) return null;
  const at = explicit ?? hit;
  // chrono's cost grows with the text: give it the neighbourhood of the date words only
  const window = text.slice(Math.max(0, at.index - 40), at.index + at[0].length + 40);
  const ref = storyDate ? parseIso(storyDate) : null;
  const results = ref ? chrono.parse(window, { instant: ref, timezone: 0 }) : chrono.parse(window);
  for (const r of results) {
    const c = r.start;
    if (!c.isCertain("day") && !c.isCertain("weekday")) continue;
    let y = c.get("year")!;
    const m = c.get("month")!;
    const d = c.get("day")!;
    if (!ref) {
      if (c.isCertain("year") && c.isCertain("month") && c.isCertain("day")) return iso(y, m, d);
      continue;
    }
    if (!c.isCertain("year") && !c.isCertain("month") && c.isCertain("weekday")) {
      // "Sun Chunlan", "Sat down": only a weekday written out counts
      if (!/\b(mon|tues|wednes|thurs|fri|satur|sun)day\b/i.test(r.text)) continue;
      // a bare weekday in a report: the latest such day on or before the story date
      const dt = new Date(Date.UTC(y, m - 1, d, 12));
      while (dt > ref) dt.setUTCDate(dt.getUTCDate() - 7);
      while (ref.getTime() - dt.getTime() >= 7 * 86400000) dt.setUTCDate(dt.getUTCDate() + 7);
      return iso(dt.getUTCFullYear(), dt.getUTCMonth() + 1, dt.getUTCDate());
    }
    if (!c.isCertain("year")) y = ref.getUTCFullYear();
    const out = iso(y, m, d);
    if (out > storyDate!) continue; // a plan, not an event that happened
    return out;
  }
  return null;
}

/** Assigns each sentence the date of its events (see CODING.md, Dates). */
export function assignDates(doc: Doc): void {
  const story = releaseDate(doc) ?? doc.source.meta.storyDate;
  const raw = doc.sentences.map((s) => (s.skip ? null : sentenceDate(doc.text.slice(s.start, s.end), story)));
  // The meeting a readout reports is dated in its first sentences; later sentences inherit it.
  // (A lead that recalls something older — "On February 18, the WHO …" in a July press
  // conference — dates only itself: what a text reports is recent, CODING.md.)
  let main: string | null = story;
  const lead = doc.sentences.filter((s) => !s.skip).slice(0, 2);
  for (const s of lead) {
    const d = raw[s.index];
    if (d && d !== "vague") {
      if (!story || daysBetween(d, story) <= RECENT_DAYS) main = d;
      break;
    }
  }
  doc.sentenceDates = raw.map((d) => (d === "vague" ? null : d ?? main));
}

/** How many days before the story date a lead's date may lie and still date the whole text. */
const RECENT_DAYS = 30;

function daysBetween(from: string, to: string): number {
  return (parseIso(to).getTime() - parseIso(from).getTime()) / 86400000;
}

/**
 * A release's own dateline ("MINISTER FOR FOREIGN AFFAIRS … Friday September 6, 2013")
 * in a heading before the body: "today" in the release means that day, which
 * may be a few days before the archive's date.
 */
function releaseDate(doc: Doc): string | null {
  const story = doc.source.meta.storyDate;
  if (!story) return null;
  for (const s of doc.sentences.slice(0, 3)) {
    if (!s.skip) break;
    const text = doc.text.slice(s.start, s.end);
    if (!EXPLICIT.test(text) || !/\b(19|20)\d\d\b/.test(text)) continue;
    const d = sentenceDate(text, story);
    if (d && d !== "vague" && d <= story && daysBetween(d, story) <= 14) return d;
  }
  return null;
}
