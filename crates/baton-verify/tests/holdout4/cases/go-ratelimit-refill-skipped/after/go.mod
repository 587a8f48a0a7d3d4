module github.com/example/edgeproxy

go 1.21
