// Package corpus embeds taqrir's sample corpus: original Arabic news written
// for the project (nine stories, each told by several fictional outlets over
// several days, with planted contradictions and scraping noise), the story
// list that groups its articles, the list of planted contradictions, and the
// relevance suite that pairs queries with the article that must rank first. The demo command ingests it so a new
// user sees the whole system work with no files; tests and benchmarks use it
// as fixed input. sample/MANIFEST.md documents every planted contradiction
// and every kind of noise.
//
// The package must never clean, parse into articles or otherwise interpret
// the sample: it hands out the raw files exactly as a scraper would have
// saved them, because cleaning that noise is the work of the stages it
// feeds. It must never hold text copied from real outlets or third-party
// data sets either; everything under sample/ is written by us.
package corpus
