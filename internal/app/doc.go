// Package app is taqrir's application layer: it opens a data directory once
// (store, index and stories, under the writer lock) and offers the
// operations the command line and the HTTP server share — search, an
// article with its facts, reports on a query or a story, stories, an
// entity's page, stats and volume over time, ingest of posted items, saved
// searches and their alerts, API tokens and monitored sources. Commands and
// handlers parse their input and format the output; what is done between
// lives here, once.
//
// The store is the directory's SQLite file, or PostgreSQL when Options.DB
// names one (--db): then several directories, on several machines, share
// one store, each keeping its own index caught up from the store's seq.
// Every other piece of state (tokens, saved searches, sources, fetch
// validators, feeds seen, stories) is a state document of Data.State: the
// directory's files, or with --db rows of the database, so no server or
// worker keeps anything it alone knows. Migrate moves an embedded
// directory, store and state, to PostgreSQL.
//
// It must never write to a terminal or an HTTP response itself, nor parse
// command-line flags or requests: errors and notes go back to the caller.
package app
