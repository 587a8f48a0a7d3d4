package lint

import (
	"reflect"
	"testing"
)

func TestLongLines(t *testing.T) {
	got := LongLines("short\nthis one is long\nok", 8)
	if !reflect.DeepEqual(got, []int{2}) {
		t.Fatalf("got %v", got)
	}
}
