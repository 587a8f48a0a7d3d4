package objsync

import (
	"net/http"
	"os"
	"testing"
)

func TestSyncAgainstMinio(t *testing.T) {
	if testing.Short() {
		t.Skip("needs a running MinIO; skipped in -short mode")
	}
	endpoint := os.Getenv("MINIO_ENDPOINT")
	if endpoint == "" {
		t.Skip("MINIO_ENDPOINT not set")
	}
	store := &HTTPStore{Endpoint: endpoint, Bucket: "objsync-test", Client: http.DefaultClient}
	n, err := Sync(map[string][]byte{"a.txt": []byte("hello")}, store)
	if err != nil {
		t.Fatal(err)
	}
	if n > 1 {
		t.Fatalf("wrote %d objects", n)
	}
}
