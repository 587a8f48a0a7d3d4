package textfmt

import (
	"reflect"
	"testing"
)

func TestWrapASCII(t *testing.T) {
	got := Wrap("the quick brown fox", 10)
	want := []string{"the quick", "brown fox"}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("got %q want %q", got, want)
	}
}

func TestWrapUnicode(t *testing.T) {
	got := Wrap("hello world uber", 11)
	want := []string{"hello world", "uber"}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("got %q want %q", got, want)
	}
}
