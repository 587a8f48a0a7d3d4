package api

import (
	"encoding/json"
	"net/http"
)

type User struct {
	ID   int    `json:"id"`
	Name string `json:"name"`
}

type Store interface {
	Users() []User
}

func registerV2(mux *http.ServeMux, s Store) {
	mux.HandleFunc("/v2/users", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(map[string]any{"data": s.Users()})
	})
}
