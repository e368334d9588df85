// Package parallel runs a loop over n items on several goroutines: the one
// striped worker loop that analysis-heavy stages (dedup, story, report)
// share. Worker w takes items w, w+workers, w+2·workers…, so each worker
// can keep its own buffers and caches, indexed by w, without locks.
//
// It must never reorder results (callers write result i into slot i) nor
// leave a goroutine running when For returns.
package parallel
