module github.com/backupco/s3sync

go 1.22
