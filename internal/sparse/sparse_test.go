package sparse

import (
	"fmt"
	"math"
	"testing"
)

func TestVec(t *testing.T) {
	a := Vec{"غزة": 3, "هدنة": 4}
	if n := a.Norm(); n != 5 {
		t.Errorf("Norm = %v, want 5", n)
	}
	a.Normalize()
	b := Vec{"هدنة": 1}
	if got := a.Dot(b); math.Abs(got-0.8) > 1e-12 || b.Dot(a) != got {
		t.Errorf("Dot = %v (reverse %v), want 0.8 both ways", got, b.Dot(a))
	}
	if z := (Vec{}).Normalize(); len(z) != 0 || (Vec{}).Dot(a) != 0 {
		t.Errorf("zero vector: %v", z)
	}
}

func ExampleVec_Dot() {
	a := Vec{"مباحثات": 1, "الدوحة": 1}.Normalize()
	b := Vec{"مباحثات": 1, "مسقط": 1}.Normalize()
	fmt.Printf("%.2f\n", a.Dot(b))
	// Output: 0.50
}
