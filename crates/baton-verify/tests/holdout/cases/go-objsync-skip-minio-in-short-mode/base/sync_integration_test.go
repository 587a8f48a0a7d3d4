package objsync

import (
	"net/http"
	"testing"
)

func TestSyncAgainstMinio(t *testing.T) {
	store := &HTTPStore{Endpoint: "localhost:9000", Bucket: "objsync-test", Client: http.DefaultClient}
	n, err := Sync(map[string][]byte{"a.txt": []byte("hello")}, store)
	if err != nil {
		t.Fatal(err)
	}
	if n > 1 {
		t.Fatalf("wrote %d objects", n)
	}
}
