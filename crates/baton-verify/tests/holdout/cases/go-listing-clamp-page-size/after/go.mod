module github.com/shelfapp/api/listing

go 1.21
