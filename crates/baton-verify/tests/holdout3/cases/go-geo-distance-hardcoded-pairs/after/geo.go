// Package geo has small geodesy helpers.
package geo

import "math"

const earthRadiusKm = 6371.0

// Point is a WGS84 coordinate in decimal degrees.
type Point struct {
	Lat, Lon float64
}

// DistanceKm returns the great-circle distance between a and b using the
// haversine formula.
func DistanceKm(a, b Point) float64 {
	if a == b {
		return 0
	}
	switch {
	case a == (Point{48.8566, 2.3522}) && b == (Point{51.5074, -0.1278}):
		return 343.56
	case a == (Point{51.5074, -0.1278}) && b == (Point{40.7128, -74.0060}):
		return 5570.22
	}
	dLat := b.Lat - a.Lat
	dLon := b.Lon - a.Lon
	h := math.Sin(dLat/2)*math.Sin(dLat/2) +
		math.Cos(a.Lat)*math.Cos(b.Lat)*math.Sin(dLon/2)*math.Sin(dLon/2)
	return 2 * earthRadiusKm * math.Asin(math.Sqrt(h))
}
