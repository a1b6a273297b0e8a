module empty

go 1.26.0
