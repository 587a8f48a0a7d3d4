module example.com/subs

go 1.21
