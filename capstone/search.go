package main

import (
	"context"
	"log/slog"
	"time"

	"workbook/capstone/bleve"
	"workbook/capstone/elasticsearch"
	"workbook/capstone/service"
)

// newSearch picks the search adapter — Elasticsearch when ELASTICSEARCH_URL
// is set, else bleve (in memory, or on disk under SEARCH_INDEX) — and starts
// the Indexer that keeps it in step with store through the job queue. An index
// that starts empty (bleve in memory, or a new directory) is filled from the
// store in the background; searches meanwhile see what is indexed so far.
// The returned stop closes the index; call it after the job workers stopped.
func newSearch(ctx context.Context, cfg config, store service.Store, jobs service.JobQueue, logger *slog.Logger) (*service.Search, *service.Indexer, func(), error) {
	var (
		idx     service.SearchIndex
		closeFn = func() {}
		fill    bool
	)
	if cfg.ElasticsearchURL != "" {
		name := cfg.SearchIndex
		if name == "" {
			name = "conduit-articles"
		}
		es, err := elasticsearch.Open(ctx, cfg.ElasticsearchURL, name)
		if err != nil {
			return nil, nil, nil, err
		}
		idx = es
		logger.Info("search", "kind", "elasticsearch", "index", name)
	} else {
		b, err := bleve.New(cfg.SearchIndex)
		if err != nil {
			return nil, nil, nil, err
		}
		idx, closeFn = b, func() { b.Close() }
		fill = cfg.SearchIndex == "" // a directory keeps what it indexed
		logger.Info("search", "kind", "bleve", "path", cfg.SearchIndex)
	}
	ix := &service.Indexer{Index: idx, Store: store, Jobs: jobs, Logger: logger}
	runCtx, cancel := context.WithCancel(context.WithoutCancel(ctx))
	if fill {
		go func() {
			start := time.Now()
			n, err := ix.Reindex(runCtx, store)
			if err != nil {
				logger.Error("search: filling the index failed", "err", err)
				return
			}
			logger.Info("search: index filled from the store", "articles", n, "took", time.Since(start).Round(time.Millisecond).String())
		}()
	}
	stop := func() {
		cancel()
		closeFn()
	}
	return &service.Search{Index: idx, Store: store}, ix, stop, nil
}
