// Package story groups articles into stories: the articles that several
// outlets publish about one event over several days. It clusters
// incrementally, as articles arrive: each article becomes a sparse vector
// of its salient entities (news.Facts canonical names) and its top terms
// (arabic.Key, tf-idf, the title weighted up), and joins the most similar
// story whose span lies within a time window of its date, or starts a new
// one; a near-duplicate (internal/dedup) joins its original's story
// whatever its similarity, as long as that story is within the window. A story is listed with its articles, its span and its top
// entities; its title is the title of its most central article.
//
// The package reads articles and their facts; it must never extract facts
// itself, change an article, or touch the store or the index: callers
// hand it articles and get stories back, computed afresh each time.
package story
