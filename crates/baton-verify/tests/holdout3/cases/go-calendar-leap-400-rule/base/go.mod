module git.internal.example/hr/calendar

go 1.21
