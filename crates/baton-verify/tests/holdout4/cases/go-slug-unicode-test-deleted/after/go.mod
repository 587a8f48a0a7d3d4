module example.com/blogslug

go 1.21
