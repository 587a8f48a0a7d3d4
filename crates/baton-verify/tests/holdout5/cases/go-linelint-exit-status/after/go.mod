module example.com/linelint

go 1.21
