module example.com/currency

go 1.21
