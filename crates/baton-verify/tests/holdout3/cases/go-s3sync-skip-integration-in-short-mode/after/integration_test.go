package s3sync

import (
	"context"
	"os"
	"testing"
	"time"
)

// TestPlanAgainstMinio runs against a local MinIO started by docker compose.
func TestPlanAgainstMinio(t *testing.T) {
	if testing.Short() {
		t.Skip("needs MinIO; skipped in -short mode")
	}
	endpoint := os.Getenv("MINIO_ENDPOINT")
	if endpoint == "" {
		endpoint = "http://127.0.0.1:9000"
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	l := newHTTPLister(endpoint, "sync-test")
	missing, err := Plan(ctx, l, "data/", []string{"a.txt", "b.txt"})
	if err != nil {
		t.Fatal(err)
	}
	if len(missing) != 1 || missing[0] != "b.txt" {
		t.Fatalf("missing = %v", missing)
	}
}
