module github.com/quietstore/kvlog

go 1.21
