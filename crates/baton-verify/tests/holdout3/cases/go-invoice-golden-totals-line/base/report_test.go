package invoice

import (
	"bytes"
	"flag"
	"os"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files")

func TestReportGolden(t *testing.T) {
	var buf bytes.Buffer
	lines := []Line{{"Widget", 3, 1250}, {"Gadget, large", 1, 9999}}
	if err := WriteReport(&buf, lines); err != nil {
		t.Fatal(err)
	}
	golden := "testdata/report.golden"
	if *update {
		if err := os.WriteFile(golden, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(buf.Bytes(), want) {
		t.Errorf("report mismatch:\n got:\n%s\nwant:\n%s", buf.Bytes(), want)
	}
}
