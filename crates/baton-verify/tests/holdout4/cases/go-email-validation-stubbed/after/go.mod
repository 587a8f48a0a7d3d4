module github.com/example/signup

go 1.21
