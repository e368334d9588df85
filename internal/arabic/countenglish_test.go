package arabic

import "testing"

func TestCounted(t *testing.T) {
	for _, tc := range []struct {
		n         int
		one, many string
		want      string
	}{
		{0, "contradiction", "", "0 contradictions"},
		{1, "contradiction", "", "1 contradiction"},
		{2, "contradiction", "", "2 contradictions"},
		{1, "summary sentence", "", "1 summary sentence"},
		{3, "copy", "copies", "3 copies"},
		{1, "copy", "copies", "1 copy"},
	} {
		if got := CountEnglish(tc.n, tc.one, tc.many); got != tc.want {
			t.Errorf("CountEnglish(%d, %q) = %q, want %q", tc.n, tc.one, got, tc.want)
		}
	}
}
