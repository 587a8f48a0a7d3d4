module github.com/deployd/envfile

go 1.21
