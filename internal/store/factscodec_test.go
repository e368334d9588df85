package store

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/taqrir/taqrir/internal/news"
)

// fullFacts returns facts whose every field, in every item type, holds a
// value other than its zero, distinct within the item: a field the codec
// forgets reads back as its zero, or as a neighbour's value.
func fullFacts(t testing.TB) news.Facts {
	t.Helper()
	var f news.Facts
	n := 0
	fill := func(v reflect.Value) {
		for i := range v.NumField() {
			n++
			fv := v.Field(i)
			switch fv.Kind() {
			case reflect.String:
				fv.SetString(strings.Repeat("ع", n%5+1) + " " + v.Type().Field(i).Name)
			case reflect.Int:
				fv.SetInt(int64(n * 37))
				if n%2 == 0 {
					fv.SetInt(-int64(n * 1000003))
				}
			case reflect.Bool:
				fv.SetBool(true)
			case reflect.Float64:
				fv.SetFloat(float64(n) + 0.25)
			default:
				t.Fatalf("%s.%s: the codec has no rule for a %s", v.Type().Name(), v.Type().Field(i).Name, fv.Kind())
			}
		}
	}
	lists := reflect.ValueOf(&f).Elem()
	for i := range lists.NumField() {
		l := lists.Field(i)
		if l.Kind() != reflect.Slice {
			t.Fatalf("news.Facts.%s is not a list: teach the codec", lists.Type().Field(i).Name)
		}
		items := reflect.MakeSlice(l.Type(), 2, 2)
		for j := range 2 {
			fill(items.Index(j))
		}
		l.Set(items)
	}
	return f
}

func TestFactsCodecCarriesEveryField(t *testing.T) {
	want := fullFacts(t)
	var got news.Facts
	if err := decodeFacts(appendFacts(nil, &want), &got); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		gj, _ := json.Marshal(got)
		wj, _ := json.Marshal(want)
		t.Fatalf("round trip lost fields:\n got  %s\n want %s", gj, wj)
	}
	// Each bool alone, so that two flags swapped in the codec show.
	v := reflect.ValueOf(&want).Elem()
	for i := range v.NumField() {
		items := v.Field(i)
		for k := range items.Index(0).NumField() {
			f := items.Index(0).Field(k)
			if f.Kind() != reflect.Bool {
				continue
			}
			var one news.Facts
			ov := reflect.ValueOf(&one).Elem().Field(i)
			ov.Set(reflect.MakeSlice(items.Type(), 1, 1))
			ov.Index(0).Field(k).SetBool(true)
			var back news.Facts
			if err := decodeFacts(appendFacts(nil, &one), &back); err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(back, one) {
				t.Errorf("%s.%s alone did not round-trip", items.Type().Elem().Name(), items.Index(0).Type().Field(k).Name)
			}
		}
	}
}

// A stored article reads back the same whichever form its facts were
// written in: the binary form, deflated JSON (before the binary form) or
// plain JSON (before deflating).
func TestReadColumnsEveryFactsForm(t *testing.T) {
	want := fullFacts(t)
	js, _ := json.Marshal(&want)
	for name, col := range map[string][]byte{
		"binary":        FactsColumn(&want),
		"deflated JSON": Compress(js),
		"plain JSON":    js,
	} {
		var a news.Article
		if err := ReadColumns(&a, nil, `["p"]`, `[]`, `[]`, "2024-01-01T00:00:00Z", col); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if !reflect.DeepEqual(a.Facts, want) {
			t.Errorf("%s: facts differ", name)
		}
	}
	var a news.Article
	if err := ReadColumns(&a, nil, `[]`, `[]`, `[]`, "", FactsColumn(&news.Facts{})); err != nil || !reflect.DeepEqual(a.Facts, news.Facts{}) {
		t.Errorf("no facts: %+v, %v", a.Facts, err)
	}
}

func TestDecodeFactsDamaged(t *testing.T) {
	full := fullFacts(t)
	good := appendFacts(nil, &full)
	cases := map[string][]byte{
		"empty":           nil,
		"JSON":            []byte(`{"entities":[]}`),
		"format only":     {factsBinaryV1},
		"huge list":       {factsBinaryV1, 0xff, 0xff, 0xff, 0xff, 0x0f},
		"string too long": {factsBinaryV1, 1, 0x7f, 'a'},
		"bad flag":        {factsBinaryV1, 0, 2, 0, 0, 0, 0, 0, 7}, // one date, Relative 7
		"trailing bytes":  append(appendFacts(nil, &news.Facts{}), 0),
		"not UTF-8":       {factsBinaryV1, 2, 1, 0xff}, // one entity, its text
	}
	for cut := 1; cut < len(good); cut += len(good) / 17 {
		cases[fmt.Sprintf("cut at %d", cut)] = good[:cut]
	}
	for name, data := range cases {
		f := news.Facts{Entities: []news.Entity{{Text: "كان هنا"}}}
		err := decodeFacts(data, &f)
		if err == nil {
			t.Errorf("%s: decoded without error", name)
			continue
		}
		if len(f.Entities) != 1 {
			t.Errorf("%s: the facts were changed by a failed decode", name)
		}
		if strings.HasPrefix(name, "cut") && !errors.Is(err, errFactsTruncated) {
			t.Errorf("%s: %v, want a truncation", name, err)
		}
	}
}

func FuzzDecodeFacts(f *testing.F) {
	full := fullFacts(f)
	f.Add(appendFacts(nil, &full))
	f.Add(appendFacts(nil, &news.Facts{}))
	f.Add([]byte{factsBinaryV1, 2, 1, 0xff})
	f.Fuzz(func(t *testing.T, data []byte) {
		var got news.Facts
		if err := decodeFacts(data, &got); err != nil {
			return
		}
		enc := appendFacts(nil, &got)
		var again news.Facts
		if err := decodeFacts(enc, &again); err != nil {
			t.Fatalf("re-encoded facts do not decode: %v", err)
		}
		// Compared encoded: a figure may be a NaN, which no DeepEqual
		// finds equal to itself.
		if !bytes.Equal(appendFacts(nil, &again), enc) {
			t.Fatalf("re-encoding changed the facts")
		}
	})
}

func BenchmarkFactsDecode(b *testing.B) {
	full := fullFacts(b)
	for range 5 {
		full.Entities = append(full.Entities, full.Entities...)
	}
	js, _ := json.Marshal(&full)
	bin := appendFacts(nil, &full)
	b.Run("json", func(b *testing.B) {
		for b.Loop() {
			var f news.Facts
			if err := json.Unmarshal(js, &f); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("binary", func(b *testing.B) {
		for b.Loop() {
			var f news.Facts
			if err := decodeFacts(bin, &f); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// Decoded facts own their strings: the input may be reused or changed
// after (it is viewed without copying while decoding), and a string kept
// from one article must not keep its whole column alive.
func TestDecodeFactsCopiesStrings(t *testing.T) {
	want := fullFacts(t)
	data := appendFacts(nil, &want)
	var got news.Facts
	if err := decodeFacts(data, &got); err != nil {
		t.Fatal(err)
	}
	for i := range data {
		data[i] = 'x'
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatal("decoded facts changed with their input")
	}
}

// A list that is not there and an empty one read back as they were
// written: the store tells an unchanged article by its JSON, where they
// differ (null against []).
func TestDecodeFactsKeepsNilAndEmpty(t *testing.T) {
	for _, want := range []news.Facts{
		{},
		{Entities: []news.Entity{}, Dates: []news.Date{}, Quantities: []news.Quantity{}, Claims: []news.Claim{}},
		{Entities: []news.Entity{}, Claims: []news.Claim{{Text: "نص"}}},
	} {
		var got news.Facts
		if err := decodeFacts(appendFacts(nil, &want), &got); err != nil {
			t.Fatal(err)
		}
		gj, _ := json.Marshal(got)
		wj, _ := json.Marshal(want)
		if string(gj) != string(wj) {
			t.Errorf("read back %s, wrote %s", gj, wj)
		}
	}
}
