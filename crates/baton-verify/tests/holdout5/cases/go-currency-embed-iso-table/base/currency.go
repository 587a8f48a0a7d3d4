package currency

import "fmt"

var decimals = map[string]int{
	"USD": 2,
	"EUR": 2,
}

// Format renders minor units as a decimal string, e.g. 1234 USD -> "12.34 USD".
func Format(minor int64, code string) (string, error) {
	d, ok := decimals[code]
	if !ok {
		return "", fmt.Errorf("unknown currency %q", code)
	}
	if d == 0 {
		return fmt.Sprintf("%d %s", minor, code), nil
	}
	pow := int64(1)
	for i := 0; i < d; i++ {
		pow *= 10
	}
	return fmt.Sprintf("%d.%0*d %s", minor/pow, d, minor%pow, code), nil
}
