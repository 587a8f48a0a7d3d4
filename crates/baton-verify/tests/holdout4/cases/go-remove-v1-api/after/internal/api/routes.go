package api

import "net/http"

func Routes(s Store) http.Handler {
	mux := http.NewServeMux()
	registerV2(mux, s)
	return mux
}
