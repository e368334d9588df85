package stance

import "fmt"

// Label is how two statements relate.
type Label uint8

const (
	Agree    Label = iota // the same account: one restates the other
	Disagree              // contradicting accounts of the same thing
	Other                 // not about the same thing
	nLabels
)

// Labels lists every label in model order.
var Labels = [nLabels]Label{Agree, Disagree, Other}

var labelNames = [nLabels]string{"agree", "disagree", "other"}

// String returns the label's name as written in ANS and in JSON:
// agree, disagree or other.
func (l Label) String() string {
	if l < nLabels {
		return labelNames[l]
	}
	return fmt.Sprintf("Label(%d)", uint8(l))
}

// MarshalText writes the label's name.
func (l Label) MarshalText() ([]byte, error) {
	if l >= nLabels {
		return nil, fmt.Errorf("stance: no label %d", uint8(l))
	}
	return []byte(l.String()), nil
}

// ParseLabel reads a label name (agree, disagree, other).
func ParseLabel(s string) (Label, error) {
	for i, n := range labelNames {
		if s == n {
			return Label(i), nil
		}
	}
	return 0, fmt.Errorf("stance: unknown label %q (want agree, disagree or other)", s)
}
