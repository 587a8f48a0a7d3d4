module example.com/fsutil

go 1.21
