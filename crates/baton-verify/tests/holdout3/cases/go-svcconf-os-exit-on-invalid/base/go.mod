module example.com/platform/svcconf

go 1.22
