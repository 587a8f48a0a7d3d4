package main

import (
	"flag"
	"fmt"
	"os"

	"example.com/tools/lintcfg/check"
)

func main() {
	path := flag.String("config", "lint.yaml", "path to the config file")
	flag.Parse()

	data, err := os.ReadFile(*path)
	if err != nil {
		fmt.Fprintf(os.Stderr, "lintcfg: %v\n", err)
		return
	}
	problems := check.Run(string(data))
	for _, p := range problems {
		fmt.Println(p)
	}
}
