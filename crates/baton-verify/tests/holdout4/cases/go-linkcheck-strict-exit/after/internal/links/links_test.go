package links

import (
	"reflect"
	"testing"
)

func TestExtract(t *testing.T) {
	md := "see [docs](https://go.dev/doc) and [local](./x.md) or [b](http://a.b/c?d=1)"
	want := []string{"https://go.dev/doc", "http://a.b/c?d=1"}
	if got := Extract(md); !reflect.DeepEqual(got, want) {
		t.Fatalf("got %v, want %v", got, want)
	}
}
