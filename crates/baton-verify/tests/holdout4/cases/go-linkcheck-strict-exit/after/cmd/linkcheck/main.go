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
	strict := flag.Bool("strict", false, "exit with status 1 if any link is broken")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: linkcheck [-strict] [-timeout d] <file.md>")
		os.Exit(2)
	}
	data, err := os.ReadFile(flag.Arg(0))
	if err != nil {
		log.Fatal(err)
	}
	checker := links.NewChecker(*timeout)
	broken := 0
	for _, r := range checker.CheckAll(links.Extract(string(data))) {
		if r.Err != nil {
			broken++
			fmt.Printf("BROKEN %s (%v)\n", r.URL, r.Err)
		}
	}
	if *strict && broken > 0 {
		fmt.Fprintf(os.Stderr, "%d broken link(s)\n", broken)
		os.Exit(1)
	}
}
