package render

import (
	"strconv"
	"time"
)

// monthNames are the month names a reader of Arabic news in most of the
// region reads (مارس rather than آذار).
var monthNames = [12]string{"يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"}

func monthName(m time.Month) string { return monthNames[m-1] }

// dateLabel reads a TIMEX value of the timeline for a person: 2025-03-14 is
// «14 مارس 2025», 2025-03 «مارس 2025», a week 2025-W11 the days it spans
// «10–16 مارس 2025», a range its two ends. A value it cannot read is
// returned as it is.
func dateLabel(v string) string {
	if len(v) == 16 && v[10] == 'T' {
		if t, err := time.Parse("2006-01-02T15:04", v); err == nil {
			return dayMonthYear(t) + "، " + t.Format("15:04")
		}
	}
	if a, b, ok := cut(v, "/"); ok {
		s, _, ok1 := spanOf(a)
		_, e, ok2 := spanOf(b)
		if ok1 && ok2 && e.After(s) {
			return spanLabel(s, e.AddDate(0, 0, -1))
		}
		return v
	}
	switch len(v) {
	case 10:
		if t, err := time.Parse("2006-01-02", v); err == nil {
			return dayMonthYear(t)
		}
	case 7:
		if t, err := time.Parse("2006-01", v); err == nil {
			return monthName(t.Month()) + " " + strconv.Itoa(t.Year())
		}
	case 4:
		if _, err := time.Parse("2006", v); err == nil {
			return v
		}
	}
	if s, e, ok := spanOf(v); ok && len(v) > 5 && v[5] == 'W' {
		return spanLabel(s, e.AddDate(0, 0, -1))
	}
	return v
}

func dayMonthYear(t time.Time) string {
	return strconv.Itoa(t.Day()) + " " + monthName(t.Month()) + " " + strconv.Itoa(t.Year())
}

// spanLabel names the days first to last, both included, sharing the month
// and the year where they agree: «10–16 مارس 2025», «28 أبريل – 4 مايو
// 2025», «29 ديسمبر 2025 – 4 يناير 2026».
func spanLabel(first, last time.Time) string {
	switch {
	case first.Equal(last):
		return dayMonthYear(first)
	case first.Year() != last.Year():
		return dayMonthYear(first) + " – " + dayMonthYear(last)
	case first.Month() != last.Month():
		return strconv.Itoa(first.Day()) + " " + monthName(first.Month()) + " – " + dayMonthYear(last)
	}
	return strconv.Itoa(first.Day()) + "–" + dayMonthYear(last)
}
