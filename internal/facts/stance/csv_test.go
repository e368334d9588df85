package stance

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
)

func TestReadCSV(t *testing.T) {
	tests := []struct {
		name, in string
		want     []Pair
		err      string
	}{
		{
			name: "ANS layout",
			in:   "s1,s2,stance\nالمطر يهطل,السماء تمطر,agree\nالمطر يهطل,الجو صحو,disagree\n",
			want: []Pair{{"المطر يهطل", "السماء تمطر", Agree}, {"المطر يهطل", "الجو صحو", Disagree}},
		},
		{
			name: "columns in another order, a BOM, an extra column, quoted comma, upper-case label",
			in:   "\uFEFFid,stance,s2,s1\n7,OTHER,\"أ، ب, ج\",د\n",
			want: []Pair{{"د", "أ، ب, ج", Other}},
		},
		{name: "empty file", in: "", err: "empty file"},
		{name: "no stance column", in: "s1,s2\nأ,ب\n", err: "no stance column"},
		{name: "header only", in: "s1,s2,stance\n", err: "no pairs"},
		{name: "unknown label", in: "s1,s2,stance\nأ,ب,unrelated\n", err: `x.csv:2: stance: unknown label "unrelated"`},
		{name: "empty statement", in: "s1,s2,stance\nأ, ,agree\n", err: "x.csv:2: empty statement"},
		{name: "short row", in: "s1,s2,stance\nأ,ب\n", err: "x.csv:2: 2 fields, no stance"},
		{name: "not UTF-8", in: "s1,s2,stance\n\xff\xfe,ب,agree\n", err: "x.csv:2: s1 is not UTF-8"},
		{name: "bad quoting", in: "s1,s2,stance\n\"أ,ب,agree\n", err: "x.csv"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ReadCSV(strings.NewReader(tc.in), "x.csv")
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("error %v, want one containing %q", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if d := cmp.Diff(tc.want, got); d != "" {
				t.Errorf("(-want +got)\n%s", d)
			}
		})
	}
}

func FuzzReadCSV(f *testing.F) {
	f.Add("s1,s2,stance\nالمطر يهطل,السماء تمطر,agree\n")
	f.Add("stance,s1,s2\nother,\"أ\"\"ب\",ج\n")
	f.Add("s1,s2,stance\n\"\n")
	f.Add("\uFEFFs1,s2,stance,x\nأ,ب,disagree,1,2\n")
	f.Fuzz(func(t *testing.T, in string) {
		pairs, err := ReadCSV(strings.NewReader(in), "fuzz.csv")
		if err != nil {
			if !strings.HasPrefix(err.Error(), "fuzz.csv") {
				t.Errorf("error %q does not name the input", err)
			}
			return
		}
		if len(pairs) == 0 {
			t.Fatal("no error and no pairs")
		}
		for _, p := range pairs {
			if p.S1 == "" || p.S2 == "" || !utf8.ValidString(p.S1) || !utf8.ValidString(p.S2) || p.Label >= nLabels {
				t.Errorf("bad pair %+v", p)
			}
		}
	})
}
