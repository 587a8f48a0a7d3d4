module example.com/badge

go 1.21
