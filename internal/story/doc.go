// Package story groups articles into stories: the articles that several
// outlets publish about one event over several days. It clusters
// incrementally, as articles arrive: each article becomes a sparse vector
// of its salient entities (news.Facts canonical names) and its top terms
// (arabic.Key, tf-idf, the title weighted up), and joins the most similar
// story whose span lies within a time window of its date, or starts a new
// one (an article that names a place and shares no entity with a story
// set elsewhere needs more than the words every story of its kind uses:
// Options.Unshared); a near-duplicate (internal/dedup) joins its original's story
// whatever its similarity, as long as that story is within the window. A
// story is listed with its articles, its span and its top entities (names
// only: resolve.Salient leaves out number phrases and bare nouns); its
// title is the title of its most central article, its id the id of its
// first article.
//
// The Clusterer persists (Save, Open: stories.gob in the data directory;
// SaveIn, OpenIn, CatchUpIn: a document of any statedoc.Store, a row of
// the database in PostgreSQL mode): a header line with the format, a
// version hash of the options, the near-duplicate options and
// arabic.Fingerprint, and the store seq it has reached, then a gob stream
// (a head, then a value a story, so saving and loading hold one story's
// copy at a time) and its SHA-256. CatchUp loads it, adds the
// articles a Scanner (the store) changed since that seq in seq order, so
// arrival order, runs a Merge pass over the stories they touched, and
// saves it again; a missing, damaged or other-version file is rebuilt
// from seq 0, never an error. An article whose content changed after it
// was placed keeps its story (Update refreshes its title, source and
// date). Cluster is the batch form for a given set of articles.
//
// Beside the state a save writes its Listing (stories-list.gob, the same
// header with its own format, then a gob and its SHA-256): what listing
// stories reads, each story's span and of each article its reference, its
// similarity to the centroid and its entities, without the vectors,
// centroids and postings. A caller whose stories are up to date lists them
// from it (ListingIn) and never loads the state: on 10,000 ANT articles
// 5.9 MB against 31.9 MB, and `taqrir stories` 0.63 s and 108 MB peak RSS
// instead of 1.43 s and 272 MB. Clusterer.Select is Listing().Select, so the
// two never list differently. A catch-up with nothing new still writes a
// listing that is missing or behind its state.
//
// A Clusterer numbers each feature key once (the state's key table), so
// vectors, centroids and postings hold numbers. A centroid is a slice in
// feature order: comparing it with an article walks it and asks a bitmap
// of the article's features (most of the centroid's are not the
// article's, and the bitmap answers from the cache), and two centroids
// meet in one merge walk; CatchUp reads the store
// a batch ahead on a goroutine of its own, and an article is compared
// with the stories of its window on all cores when they are many, then
// weighed in story order, so the stories never depend on the cores.
//
// The package reads articles and their facts; it must never extract
// facts itself, change an article, or write to the store or the index:
// it reads the store only through Scanner, and its state file is derived
// data that may be deleted at any time.
package story
