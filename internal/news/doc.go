// Package news holds taqrir's domain types: the Article, its facts and the
// small values that travel with it between stages (extract → facts → store
// / index → report). It is a leaf: it imports nothing of taqrir's, so every
// stage can share these types without import cycles. It must never do I/O.
package news
