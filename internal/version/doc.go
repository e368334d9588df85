// Package version says which taqrir this is: the module version a release
// build carries, or "dev" with the commit a build from a checkout was made
// at. It is the one place the rest of the program (the User-Agent, --version)
// reads it from. It must never import another package of ours.
package version
