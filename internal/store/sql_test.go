package store

import "testing"

func TestRebind(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"SELECT 1", "SELECT 1"},
		{"SELECT id FROM articles WHERE id = ?", "SELECT id FROM articles WHERE id = $1"},
		{"UPDATE a SET x = ?, y = ? WHERE id = ?", "UPDATE a SET x = $1, y = $2 WHERE id = $3"},
		{"VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)"},
		{"WHERE title = 'مقال' AND id = ?", "WHERE title = 'مقال' AND id = $1"},
	} {
		if got := Rebind(c.in); got != c.want {
			t.Errorf("Rebind(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
