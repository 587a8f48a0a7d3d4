module example.com/hrtools

go 1.21
