module github.com/example/userapi

go 1.21
