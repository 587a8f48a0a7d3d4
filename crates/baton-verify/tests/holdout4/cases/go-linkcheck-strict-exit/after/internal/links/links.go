package links

import (
	"fmt"
	"net/http"
	"regexp"
	"time"
)

const DefaultTimeout = 10 * time.Second

var mdLink = regexp.MustCompile(`\]\((https?://[^)\s]+)\)`)

// Extract returns the http(s) targets of markdown links in order of appearance.
func Extract(md string) []string {
	var out []string
	for _, m := range mdLink.FindAllStringSubmatch(md, -1) {
		out = append(out, m[1])
	}
	return out
}

type Result struct {
	URL string
	Err error
}

type Checker struct{ client *http.Client }

func NewChecker(timeout time.Duration) *Checker {
	return &Checker{client: &http.Client{Timeout: timeout}}
}

func (c *Checker) CheckAll(urls []string) []Result {
	res := make([]Result, 0, len(urls))
	for _, u := range urls {
		resp, err := c.client.Head(u)
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode >= 400 {
				err = fmt.Errorf("HTTP %d", resp.StatusCode)
			}
		}
		res = append(res, Result{URL: u, Err: err})
	}
	return res
}
