module github.com/backhaul/objsync

go 1.21
