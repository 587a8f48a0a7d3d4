module github.com/relaypoint/ratelimit

go 1.21
