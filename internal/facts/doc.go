// Package facts is taqrir's fact stage: for one article body it runs
// sentence splitting, named-entity tagging (facts/ner) with gazetteer hits
// (facts/gazetteer), entity resolution (facts/resolve), dates
// (facts/timex), figures (facts/quantity) and attributed claims
// (facts/claims), and returns them as news.Facts, every offset a byte
// offset into the body so each fact can be cited back to its sentence.
//
// It only composes the extractors: it must never hold extraction rules of
// its own beyond choosing which gazetteer hits count as mentions, never do
// I/O or touch the store or index, never panic on any body, and never
// return an offset outside the body it was given.
package facts
