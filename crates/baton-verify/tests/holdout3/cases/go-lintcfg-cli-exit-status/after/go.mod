module example.com/tools/lintcfg

go 1.21
