package app_test

import (
	"fmt"

	"github.com/taqrir/taqrir/internal/app"
)

// A until bound takes in the whole month it names.
func ExampleParseRange() {
	from, to, err := app.ParseRange("since", "until", "2025-03", "2025-04")
	fmt.Println(from.Format("2006-01-02"), to.Format("2006-01-02"), err)
	_, _, err = app.ParseRange("since", "until", "2025-05", "2025-04")
	fmt.Println(err)
	// Output:
	// 2025-03-01 2025-05-01 <nil>
	// since 2025-05 is after until 2025-04: the date range is empty
}
