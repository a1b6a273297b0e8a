package main

// The mock of article.Service used by the handler tests is generated, never
// edited by hand. TestMocksAreCurrent fails when it is stale.
//go:generate go tool mockery
