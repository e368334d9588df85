package version_test

import (
	"fmt"
	"strings"

	"github.com/taqrir/taqrir/internal/version"
)

func Example() {
	// A test binary is not a release build.
	fmt.Println(version.Short())
	fmt.Println(strings.HasPrefix(version.Long(), version.Short()+" ("))
	// Output:
	// dev
	// true
}
