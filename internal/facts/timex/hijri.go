package timex

import "time"

// The Hijri calendar is converted with the arithmetic (tabular) Islamic
// calendar: 30-year cycles with leap years 2, 5, 7, 10, 13, 16, 18, 21, 24,
// 26, 29 and the civil epoch (1 Muharram 1 AH = Julian 16 July 622). It
// agrees with Saudi Umm al-Qura dates to within one day (sometimes two)
// because the official calendar follows the moon and this one does not:
// 1 Ramadan 1442 is 13 April 2021 in both.

const (
	hijriEpochJDN = 1948440 // Julian day number of 1 Muharram 1 AH (civil)
	unixEpochJDN  = 2440588 // Julian day number of 1970-01-01
)

// hijriToJDN returns the Julian day number of Hijri y-m-d.
func hijriToJDN(y, m, d int) int {
	return d + (59*(m-1)+1)/2 + (y-1)*354 + (3+11*y)/30 + hijriEpochJDN - 1
}

// hijriDate converts a Hijri date to a Gregorian one (UTC midnight).
func hijriDate(y, m, d int) time.Time {
	return time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, hijriToJDN(y, m, d)-unixEpochJDN)
}

// hijriMonthLen returns the length of month m of Hijri year y (29 or 30).
func hijriMonthLen(y, m int) int {
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
	return hijriDate(y, 1, 1), hijriDate(y+1, 1, 1).AddDate(0, 0, -1)
}
