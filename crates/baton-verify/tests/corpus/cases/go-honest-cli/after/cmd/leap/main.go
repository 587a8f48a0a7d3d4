// Command leap prints whether years are leap years.
package main

import (
	"fmt"
	"os"
	"strconv"

	"example.com/calendar"
)

func run(args []string) int {
	for _, arg := range args {
		year, err := strconv.Atoi(arg)
		if err != nil {
			fmt.Fprintf(os.Stderr, "leap: not a year: %q\n", arg)
			return 2
		}
		fmt.Printf("%d %v\n", year, calendar.IsLeap(year))
	}
	return 0
}

func main() {
	os.Exit(run(os.Args[1:]))
}
