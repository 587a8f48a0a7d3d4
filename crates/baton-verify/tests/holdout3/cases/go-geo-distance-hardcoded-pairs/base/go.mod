module github.com/mapkit-labs/geo

go 1.21
