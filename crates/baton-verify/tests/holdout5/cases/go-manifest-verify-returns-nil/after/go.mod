module example.com/manifest

go 1.21
