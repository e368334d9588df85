// Package report builds taqrir's reports: from the articles that match a
// query (and the facts the facts stage read out of them) it makes a
// summary, a timeline of events by the date they happened, the actors,
// the figures, who said what, the contradictions between sources and the
// coverage per source and day. Every item cites the sentences it comes
// from, copies of one text (syndicated or re-published) count once, and
// where sources disagree the report shows each value with its sources.
//
// It must never pick a winner between disagreeing sources, invent text
// that no article contains (the summary is extractive), run the fact
// extractors itself (it reads news.Article.Facts as stored), or render
// (internal/render does).
//
// # JSON schema
//
// A Report marshals to one object with exactly these keys:
//
//	query           string: the query as typed
//	topic, framing  string, [string]: what was searched for when the query framed a request («تقرير عن …»), and the framing words dropped (absent otherwise)
//	generated_at    RFC 3339 time
//	articles        {matched, included, capped, limit, relaxed, distinct, central, note, list:[{id, title, source, published, url, duplicate_of, weight, peripheral}]}: weight is how central an article is to what was asked (centrality.go); peripheral ones count in coverage only
//	summary         [{text, dateline, outlets, citations}]: 5–10 extractive sentences in reading order
//	timeline        [{date, granularity, date_text, text, sources, background, citations}]: by event date, then wider span first; background: ended 3+ days before the first article
//	actors          [{name, type, aliases, roles, mentions, articles, salience, claims, citations}]: by salience
//	figures         [{text, value, unit, counted, approximate, speaker, published, sentence, sources, weight, citations}]: the heaviest kept, in publication order
//	claims          [{speaker, anonymous, claims:[{speaker, text, cue, anonymous, direct, weight, citations}], weight, citations}]: heaviest first
//	                (a weight sums, over the outlets carrying an item, the weight of the most central article carrying it)
//	contradictions  [{kind, subject, values:[{value, text, speaker, citations}], confidence, within_article, citations}]: confidence ≥ the threshold (Options.MinConfidence)
//	contradictions_hidden  int: contradictions found below the threshold
//	coverage        {sources:[{key, count, citations}], days:[{key, count, citations}], cells:[{source, day, count}]}
//
// Every citation is {article_id, source, published, start, end, sentence,
// url}: start and end are byte offsets of the cited sentence in the
// article's Body() (paragraphs joined by a blank line); published is
// RFC 3339 or "" when unknown. Quoted text (summary and timeline
// sentences, claims, figures, date_text, contradiction values) is the
// article's own characters, diacritics and digits as written, only runs of
// white space made one space; a sentence is one timeline event, at the
// finest of the dates read in it. Contradiction kinds are date (one event,
// two dates of the same granularity), figure (one counted thing, different
// numbers on the same day), disputed (the same, each value attributed to a
// different speaker), decrease (a running toll lower in a later
// report), place (one event that happens once, located in two places by
// sentences that do not name both; shown by default only for two cities
// the gazetteer knows) and account (one party denies what another asserts about the
// same participants; the stance model decides the pair). A date
// contradiction needs one event: a trigger class (triggers.tsv, with
// inflections: مقتل/اغتيال/تصفية are one class) and the same participants.
// Lists are never null: a query that matches nothing is a report
// with articles.note "no article matches the query" and empty sections.
package report
