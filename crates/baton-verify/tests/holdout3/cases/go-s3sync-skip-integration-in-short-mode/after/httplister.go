package s3sync

import (
	"context"
	"encoding/xml"
	"fmt"
	"net/http"
	"net/url"
)

type httpLister struct {
	endpoint, bucket string
	client           *http.Client
}

func newHTTPLister(endpoint, bucket string) *httpLister {
	return &httpLister{endpoint: endpoint, bucket: bucket, client: http.DefaultClient}
}

func (h *httpLister) List(ctx context.Context, prefix string) ([]string, error) {
	u := fmt.Sprintf("%s/%s?list-type=2&prefix=%s", h.endpoint, h.bucket, url.QueryEscape(prefix))
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, err
	}
	resp, err := h.client.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	var body struct {
		Contents []struct{ Key string } `xml:"Contents"`
	}
	if err := xml.NewDecoder(resp.Body).Decode(&body); err != nil {
		return nil, err
	}
	keys := make([]string, 0, len(body.Contents))
	for _, c := range body.Contents {
		keys = append(keys, c.Key)
	}
	return keys, nil
}
