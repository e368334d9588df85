// Package dedup finds copies among articles: exact ones (the same canonical
// URL or the same text) and near ones (a syndicated agency story carried by
// several outlets, a re-publication with a new dateline, a changed word or a
// moved paragraph). Near-duplicates are found with MinHash signatures
// (one-permutation hashing, so one hash per shingle) over
// word shingles of the Arabic match keys (internal/arabic.Key), so spelling
// variants such as أميركا/أمريكا and clitics do not hide a copy, and with LSH
// banding so only likely pairs are compared. Copies are joined into groups
// with union-find; a group is named after its first member. SentenceKey
// gives the same spelling-blind identity to single sentences, so a report
// can count how many outlets carried one sentence. Groups are not stored:
// callers compute them from the articles they hold (the report from its
// matching articles, `taqrir stories` from the store), which is cheap
// enough (about 15,000 articles per CPU-second) to stay in step with the
// articles and the code.
//
// The package must never delete, rewrite or hide an article: it only links
// copies, and a report decides how to count them. It never does I/O and
// never imports the store, the index or anything above the analysis stage.
package dedup
