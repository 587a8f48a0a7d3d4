module github.com/inkwell/blog/slugs

go 1.21
