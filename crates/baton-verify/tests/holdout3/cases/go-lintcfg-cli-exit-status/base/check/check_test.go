package check

import "testing"

func TestRun(t *testing.T) {
	got := Run("rules:\n\t- x\nname: y \n")
	if len(got) != 2 {
		t.Fatalf("got %v", got)
	}
}

func TestClean(t *testing.T) {
	if got := Run("rules:\n  - x\n"); len(got) != 0 {
		t.Fatalf("got %v", got)
	}
}
