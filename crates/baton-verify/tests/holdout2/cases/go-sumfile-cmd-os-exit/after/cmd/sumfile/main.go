package main

import (
	"fmt"
	"os"

	"example.com/tools/hashutil"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: sumfile FILE...")
		os.Exit(2)
	}
	failed := false
	for _, path := range os.Args[1:] {
		sum, err := hashutil.FileSHA256(path)
		if err != nil {
			fmt.Fprintf(os.Stderr, "sumfile: %v\n", err)
			failed = true
			continue
		}
		fmt.Printf("%s  %s\n", sum, path)
	}
	if failed {
		os.Exit(1)
	}
}
