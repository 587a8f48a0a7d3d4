package api

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

func TestV2List(t *testing.T) {
	rec := httptest.NewRecorder()
	Routes(memStore{{ID: 1, Name: "ada"}}).ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/v2/users", nil))
	if got, want := rec.Body.String(), `{"data":[{"id":1,"name":"ada"}]}`+"\n"; got != want {
		t.Fatalf("got %q, want %q", got, want)
	}
}
