module badlayers

go 1.26.0
