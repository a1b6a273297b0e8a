package main

import (
	"context"
	"time"

	"golang.org/x/sync/singleflight"
)

// profile is what the slow profile service returns.
type profile struct {
	Username string `json:"username"`
	Bio      string `json:"bio"`
}

// profileFetchTimeout bounds one fetch, whoever is waiting for it.
const profileFetchTimeout = 2 * time.Second

// profiles fetches from a slow service, one fetch per username however many
// requests ask for it at the same moment.
type profiles struct {
	group   singleflight.Group
	latency time.Duration
	stats   *stats
}

// profileResult is a fetched profile and whether other callers shared it.
type profileResult struct {
	Profile profile `json:"profile"`
	Shared  bool    `json:"shared"`
}

// get returns name's profile. Each caller waits on its own context: one
// client hanging up stops its own wait, not the fetch the others share.
func (p *profiles) get(ctx context.Context, name string) (profileResult, error) {
	p.stats.profileRequests.Add(1)
	ch := p.group.DoChan(name, func() (any, error) {
		p.stats.profileFetches.Add(1)
		// The flight serves every waiter, so it must not inherit one caller's cancellation.
		fctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), profileFetchTimeout)
		defer cancel()
		return p.fetch(fctx, name)
	})
	select {
	case <-ctx.Done():
		return profileResult{}, ctx.Err()
	case r := <-ch:
		if r.Err != nil {
			return profileResult{}, r.Err
		}
		return profileResult{Profile: r.Val.(profile), Shared: r.Shared}, nil
	}
}

// fetch stands in for the call to the profile service.
func (p *profiles) fetch(ctx context.Context, name string) (profile, error) {
	t := time.NewTimer(p.latency)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return profile{}, ctx.Err()
	case <-t.C:
		return profile{Username: name, Bio: "writes about " + name}, nil
	}
}
