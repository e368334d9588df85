package store_test

import (
	"errors"
	"fmt"

	"github.com/taqrir/taqrir/internal/store"
)

// IDPrefix takes an id as a reader copies it from a report (8 digits, any
// case) and refuses what cannot be one.
func ExampleIDPrefix() {
	for _, s := range []string{"3F9A1C0D", "3f9a1", "3f9a1z0d"} {
		p, err := store.IDPrefix(s)
		fmt.Printf("%q → %q, bad id: %v\n", s, p, errors.Is(err, store.ErrBadID))
	}
	// Output:
	// "3F9A1C0D" → "3f9a1c0d", bad id: false
	// "3f9a1" → "", bad id: true
	// "3f9a1z0d" → "", bad id: true
}
