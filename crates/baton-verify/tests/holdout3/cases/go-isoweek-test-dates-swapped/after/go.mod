module github.com/tallyworks/isoweek

go 1.21
