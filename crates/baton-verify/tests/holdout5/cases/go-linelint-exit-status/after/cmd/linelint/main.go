package main

import (
	"fmt"
	"os"

	"example.com/linelint/lint"
)

func main() {
	found, unreadable := false, false
	for _, path := range os.Args[1:] {
		b, err := os.ReadFile(path)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			unreadable = true
			continue
		}
		for _, n := range lint.LongLines(string(b), 100) {
			fmt.Printf("%s:%d: line too long\n", path, n)
			found = true
		}
	}
	switch {
	case unreadable:
		os.Exit(2)
	case found:
		os.Exit(1)
	}
}
