package cli

import "strconv"

// counted writes n and an English noun in the number n takes: 1
// contradiction, 2 contradictions (many is the plural, "" for one+"s").
// Arabic counts go through arabic.Count, which knows the Arabic rule.
func counted(n int, one, many string) string {
	if many == "" {
		many = one + "s"
	}
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}
