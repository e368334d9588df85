// Package wordtable parses the word tables the analysis stages embed:
// small tab-separated files of words, written by the taqrir authors, that
// open with comment lines saying what the file holds, where it comes from
// and how it is written (the gazetteer's header convention).
//
// It stands on the ground floor with news and arabic: it imports nothing
// of taqrir, and it must never know what a table means — a package reads
// its rows and gives them their meaning. It never reads files from disk
// at run time; callers pass an embedded fs.FS.
package wordtable
