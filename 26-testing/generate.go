package main

// The mock of bookmark.Repository used by the service tests is generated,
// never edited by hand. TestMocksAreCurrent fails when it is stale.
//go:generate go tool mockery
