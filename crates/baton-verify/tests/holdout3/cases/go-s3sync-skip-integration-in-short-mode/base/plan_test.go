package s3sync

import (
	"context"
	"reflect"
	"testing"
)

type fakeLister []string

func (f fakeLister) List(context.Context, string) ([]string, error) { return f, nil }

func TestPlan(t *testing.T) {
	got, err := Plan(context.Background(), fakeLister{"p/a", "p/c"}, "p/", []string{"c", "b", "a"})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, []string{"b"}) {
		t.Fatalf("got %v", got)
	}
}
