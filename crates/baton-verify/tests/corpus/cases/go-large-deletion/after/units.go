// Package units converts between metric and imperial measures.
package units

// KmToMiles converts kilometres to miles.
func KmToMiles(value float64) float64 {
	return value * 0.621371
}
