// Package gazetteer holds taqrir's own word lists of named things as Arabic
// news names them: countries and regions, capitals and major cities,
// international and Arab organisations, parties, ministries, armed groups,
// sports clubs, companies, news agencies and papers, people in the news,
// given names, and the titles and roles that stand before a person's name
// (الرئيس، وزير الخارجية، المتحدث باسم).
//
// Every alias of an entry maps to the entry's canonical name. Matching is
// by word keys (arabic.KeyNoStem: folded letters, spelling variants of
// names resolved, no affix stripped), so أمريكا and أميركا, العراق and
// عراق meet, while an adjective (الأمريكية) does not become a country.
// Lookup accepts a raw or folded phrase and also tries it without one
// leading clitic (و ف ب ل ك), so والعراق finds العراق. Match finds the
// longest name starting at a word of a text by walking the names forward
// word by word while a longer one begins with what it has read; a caller
// that keeps each word's Starts (the tagger's word cache does) matches
// through them without reading a map for the first word.
//
// The lists live in the embedded *.tsv files, one per kind of entry and
// named by it (people.tsv, orgs.tsv, armed_groups.tsv, media.tsv,
// companies.tsv, clubs.tsv, countries.tsv, regions.tsv, cities.tsv,
// givennames.tsv, roles.tsv; columns kind, canonical, aliases), and were
// written by the taqrir authors from general knowledge, never by reading
// the corpora the tagger is measured on (one round covered the people,
// clubs, bodies and places of Arabic news of 2003–2007, the period of
// ANERcorp; git history keeps the lists of each round; entries prompted by a measured split's misses are
// listed in internal/facts/ner/tail_prompted.tsv so they can be left out of
// a measurement). The package must never do I/O
// beyond reading its embedded files, never decide on its own that a
// mention in running text is an entity (that is the tagger's job: a
// gazetteer hit is evidence, not a verdict), and never import a higher
// stage than internal/arabic and internal/news.
package gazetteer
