package objsync

import "testing"

type memStore map[string][]byte

func (m memStore) Get(k string) ([]byte, bool, error) { v, ok := m[k]; return v, ok, nil }
func (m memStore) Put(k string, d []byte) error     { m[k] = d; return nil }

func TestSyncSkipsUnchanged(t *testing.T) {
	dst := memStore{"a": []byte("1")}
	n, err := Sync(map[string][]byte{"a": []byte("1"), "b": []byte("2")}, dst)
	if err != nil || n != 1 {
		t.Fatalf("n=%d err=%v", n, err)
	}
}
