package main

import (
	"fmt"
	"os"

	"example.com/linelint/lint"
)

func main() {
	for _, path := range os.Args[1:] {
		b, err := os.ReadFile(path)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			continue
		}
		for _, n := range lint.LongLines(string(b), 100) {
			fmt.Printf("%s:%d: line too long\n", path, n)
		}
	}
}
