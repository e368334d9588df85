package cli

import (
	"slices"
	"testing"
)

func TestEntityAliases(t *testing.T) {
	tests := []struct {
		name, typed, want string
	}{
		{"a country by another spelling", "أمريكا", "الولايات المتحدة"},
		{"a nisba adjective", "الأميركية", "الولايات المتحدة"},
		{"a name the tables do not know stays itself", "ماثيو تولر", "ماثيو تولر"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := entityAliases(" " + tt.typed + " ")
			if got[0] != tt.typed {
				t.Errorf("entityAliases(%q)[0] = %q, want the name as typed", tt.typed, got[0])
			}
			if !slices.Contains(got, tt.want) {
				t.Errorf("entityAliases(%q) = %q, want it to hold %q", tt.typed, got, tt.want)
			}
		})
	}
}
