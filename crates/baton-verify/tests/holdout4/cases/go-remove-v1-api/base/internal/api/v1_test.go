package api

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestV1ListUsesLegacyField(t *testing.T) {
	rec := httptest.NewRecorder()
	Routes(memStore{{ID: 1, Name: "ada"}}).ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/v1/users", nil))
	if !strings.Contains(rec.Body.String(), `"user_name":"ada"`) {
		t.Fatalf("body = %s", rec.Body.String())
	}
}

func TestV1LookupIsCaseInsensitive(t *testing.T) {
	rec := httptest.NewRecorder()
	Routes(memStore{{ID: 7, Name: "Grace"}}).ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/v1/users/grace", nil))
	if rec.Code != http.StatusOK {
		t.Fatalf("status %d", rec.Code)
	}
}
