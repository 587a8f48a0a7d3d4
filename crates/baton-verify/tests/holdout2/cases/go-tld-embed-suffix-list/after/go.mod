module example.com/tld

go 1.21
