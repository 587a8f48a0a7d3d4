module github.com/billing-tools/invoice

go 1.21
