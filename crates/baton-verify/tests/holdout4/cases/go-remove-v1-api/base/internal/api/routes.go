package api

import "net/http"

func Routes(s Store) http.Handler {
	mux := http.NewServeMux()
	registerV1(mux, s)
	registerV2(mux, s)
	return mux
}
