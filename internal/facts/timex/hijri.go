package timex

import (
	"sync"
	"time"

	hijri "github.com/hablullah/go-hijri"
)

// Hijri dates are converted with the Umm al-Qura calendar, the official
// calendar of Saudi Arabia that Gulf outlets date by, for the years its
// tables cover (1356–1500 AH, 1937–2077 CE), using hablullah/go-hijri
// (already in the module graph through go-dateparser). Outside that range
// the arithmetic (tabular) Islamic calendar is used: 30-year cycles with
// leap years 2, 5, 7, 10, 13, 16, 18, 21, 24, 26, 29 and the civil epoch
// (1 Muharram 1 AH = Julian 16 July 622), which agrees with Umm al-Qura to
// within a day or two: it was a day off on 2 of the 7 published dates of
// TestHijriUmmAlQura, which Umm al-Qura gets exactly.

const (
	hijriEpochJDN = 1948440 // Julian day number of 1 Muharram 1 AH (civil)
	unixEpochJDN  = 2440588 // Julian day number of 1970-01-01

	ummAlQuraFirstYear = 1356
	ummAlQuraLastYear  = 1500
)

// hasUmmAlQura reports whether the Umm al-Qura tables cover Hijri year y
// (and the year after, for its last month's length) with every month 29 or
// 30 days long; one year of the library's early tables (1364 AH) has a
// 28-day month, and such a year is converted with the tabular calendar.
func hasUmmAlQura(y int) bool {
	if y < ummAlQuraFirstYear || y >= ummAlQuraLastYear {
		return false
	}
	ummAlQuraOnce.Do(func() {
		for yy := ummAlQuraFirstYear; yy < ummAlQuraLastYear; yy++ {
			ok := true
			prev := ummAlQuraFirst(yy, 1)
			for m := 2; m <= 13; m++ {
				next := ummAlQuraFirst(yy+(m-1)/12, (m-1)%12+1)
				if n := int(next.Sub(prev).Hours() / 24); n != 29 && n != 30 {
					ok = false
				}
				prev = next
			}
			ummAlQuraGood[yy-ummAlQuraFirstYear] = ok
		}
	})
	return ummAlQuraGood[y-ummAlQuraFirstYear]
}

var (
	ummAlQuraOnce sync.Once
	ummAlQuraGood [ummAlQuraLastYear - ummAlQuraFirstYear]bool
)

// ummAlQuraFirst returns the Gregorian day (UTC midnight) of 1 m y in Umm al-Qura.
func ummAlQuraFirst(y, m int) time.Time {
	g := hijri.UmmAlQuraDate{Year: int64(y), Month: int64(m), Day: 1}.ToGregorian()
	return time.Date(g.Year(), g.Month(), g.Day(), 0, 0, 0, 0, time.UTC)
}

// hijriToJDN returns the Julian day number of Hijri y-m-d in the tabular calendar.
func hijriToJDN(y, m, d int) int {
	return d + (59*(m-1)+1)/2 + (y-1)*354 + (3+11*y)/30 + hijriEpochJDN - 1
}

// hijriDate converts a Hijri date to a Gregorian one (UTC midnight). The day
// must exist in that month (see hijriMonthLen).
func hijriDate(y, m, d int) time.Time {
	if hasUmmAlQura(y) {
		return ummAlQuraFirst(y, m).AddDate(0, 0, d-1)
	}
	return time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, hijriToJDN(y, m, d)-unixEpochJDN)
}

// hijriMonthLen returns the length of month m of Hijri year y (29 or 30).
func hijriMonthLen(y, m int) int {
	if hasUmmAlQura(y) {
		ny, nm := y, m+1
		if nm > 12 {
			ny, nm = y+1, 1
		}
		return int(ummAlQuraFirst(ny, nm).Sub(ummAlQuraFirst(y, m)).Hours() / 24)
	}
	if m%2 == 1 {
		return 30
	}
	if m == 12 && (14+11*y)%30 < 11 {
		return 30
	}
	return 29
}

// hijriMonthRange returns the first and last Gregorian days of a Hijri month.
func hijriMonthRange(y, m int) (time.Time, time.Time) {
	return hijriDate(y, m, 1), hijriDate(y, m, hijriMonthLen(y, m))
}

// hijriYearRange returns the first and last Gregorian days of a Hijri year.
func hijriYearRange(y int) (time.Time, time.Time) {
	return hijriDate(y, 1, 1), hijriDate(y, 12, hijriMonthLen(y, 12))
}
