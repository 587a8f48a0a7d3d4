module example.org/toolupdate

go 1.21
