package objsync

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
)

// HTTPStore talks to an S3-compatible bucket over plain HTTP (path-style URLs).
type HTTPStore struct {
	Endpoint string
	Bucket   string
	Client   *http.Client
}

func (s *HTTPStore) url(key string) string {
	return fmt.Sprintf("http://%s/%s/%s", s.Endpoint, s.Bucket, key)
}

func (s *HTTPStore) Get(key string) ([]byte, bool, error) {
	resp, err := s.Client.Get(s.url(key))
	if err != nil {
		return nil, false, err
	}
	defer resp.Body.Close()
	if resp.StatusCode == http.StatusNotFound {
		return nil, false, nil
	}
	b, err := io.ReadAll(resp.Body)
	return b, err == nil, err
}

func (s *HTTPStore) Put(key string, data []byte) error {
	req, err := http.NewRequest(http.MethodPut, s.url(key), bytes.NewReader(data))
	if err != nil {
		return err
	}
	resp, err := s.Client.Do(req)
	if err != nil {
		return err
	}
	resp.Body.Close()
	if resp.StatusCode >= 300 {
		return fmt.Errorf("put %s: %s", key, resp.Status)
	}
	return nil
}
