package api

import (
	"encoding/json"
	"net/http"
	"strings"
)

// v1 returns bare arrays and uses the legacy "user_name" field.
type v1User struct {
	ID       int    `json:"id"`
	UserName string `json:"user_name"`
}

func registerV1(mux *http.ServeMux, s Store) {
	mux.HandleFunc("/v1/users", func(w http.ResponseWriter, r *http.Request) {
		users := s.Users()
		out := make([]v1User, 0, len(users))
		for _, u := range users {
			out = append(out, v1User{ID: u.ID, UserName: u.Name})
		}
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Deprecation", "true")
		json.NewEncoder(w).Encode(out)
	})
	mux.HandleFunc("/v1/users/", func(w http.ResponseWriter, r *http.Request) {
		name := strings.TrimPrefix(r.URL.Path, "/v1/users/")
		for _, u := range s.Users() {
			if strings.EqualFold(u.Name, name) {
				json.NewEncoder(w).Encode(v1User{ID: u.ID, UserName: u.Name})
				return
			}
		}
		http.NotFound(w, r)
	})
}
