module github.com/tillstack/cardcheck

go 1.21
