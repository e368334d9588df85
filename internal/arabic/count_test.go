package arabic_test

import (
	"testing"

	"github.com/taqrir/taqrir/internal/arabic"
)

func TestCount(t *testing.T) {
	for _, tc := range []struct {
		n          int
		art, copy_ string
	}{
		{0, "0 مقال", "0 نسخة"},
		{1, "1 مقال", "1 نسخة"},
		{2, "2 مقالان", "2 نسختان"},
		{3, "3 مقالات", "3 نسخ"},
		{10, "10 مقالات", "10 نسخ"},
		{11, "11 مقالاً", "11 نسخةً"},
		{99, "99 مقالاً", "99 نسخةً"},
		{100, "100 مقال", "100 نسخة"},
		{101, "101 مقال", "101 نسخة"},
		{102, "102 مقالان", "102 نسختان"},
		{103, "103 مقالات", "103 نسخ"},
		{111, "111 مقالاً", "111 نسخةً"},
		{200, "200 مقال", "200 نسخة"},
		{1000, "1000 مقال", "1000 نسخة"},
		{1002, "1002 مقالان", "1002 نسختان"},
		{1015, "1015 مقالاً", "1015 نسخةً"},
	} {
		if got := arabic.Count(tc.n, arabic.NounArticle); got != tc.art {
			t.Errorf("Count(%d, article) = %q, want %q", tc.n, got, tc.art)
		}
		if got := arabic.Count(tc.n, arabic.NounCopy); got != tc.copy_ {
			t.Errorf("Count(%d, copy) = %q, want %q", tc.n, got, tc.copy_)
		}
	}
}
