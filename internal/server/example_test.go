package server_test

import (
	"fmt"

	"github.com/taqrir/taqrir/internal/server"
)

// A CSV cell a spreadsheet would run as a formula is made text.
func ExampleSafeCell() {
	fmt.Println(server.SafeCell("=HYPERLINK(\"http://evil.example\")"))
	fmt.Println(server.SafeCell("@SUM(A1)"))
	fmt.Println(server.SafeCell("صدى الخليج"))
	// Output:
	// '=HYPERLINK("http://evil.example")
	// '@SUM(A1)
	// صدى الخليج
}
