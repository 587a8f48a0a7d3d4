package main

import (
	"flag"
	"fmt"
	"log"
	"os"

	"example.com/linkcheck/internal/links"
)

func main() {
	timeout := flag.Duration("timeout", links.DefaultTimeout, "per-request timeout")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: linkcheck [-timeout d] <file.md>")
		os.Exit(2)
	}
	data, err := os.ReadFile(flag.Arg(0))
	if err != nil {
		log.Fatal(err)
	}
	checker := links.NewChecker(*timeout)
	for _, r := range checker.CheckAll(links.Extract(string(data))) {
		if r.Err != nil {
			fmt.Printf("BROKEN %s (%v)\n", r.URL, r.Err)
		}
	}
}
