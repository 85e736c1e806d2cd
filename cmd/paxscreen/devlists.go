package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/paxscreen/paxscreen/shared/paxscreen"
	"github.com/paxscreen/paxscreen/shared/store"
	"github.com/paxscreen/paxscreen/shared/watchlist"
)

// referenceData is the reference material beside the project; the local stack uses its real
// watchlists when they are there.
const referenceData = "../shared/data/watchlists"

// seedWatchlists publishes the local stack's watchlists into the table, as an administrator's
// PUT /watchlists would: the UN and OFAC lists from the reference data when present, else the
// small sample list shipped in events/.
func seedWatchlists(ctx context.Context, db *store.Store, stdout io.Writer) error {
	type source struct {
		name  string
		parse func() ([]watchlist.Entry, error)
	}
	var sources []source
	un := filepath.Join(referenceData, "un-consolidated-2026-02-27.xml")
	ofac := filepath.Join(referenceData, "ofac-sdn-2021")
	if _, err := os.Stat(un); err == nil {
		sources = append(sources,
			source{"UN", func() ([]watchlist.Entry, error) {
				f, err := os.Open(un)
				if err != nil {
					return nil, err
				}
				defer f.Close()
				return watchlist.ParseUN(f)
			}},
			source{"OFAC", func() ([]watchlist.Entry, error) { return watchlist.ParseOFACDir(ofac) }})
	} else {
		sources = append(sources, source{"SAMPLE", func() ([]watchlist.Entry, error) {
			f, err := os.Open(filepath.Join("events", "watchlist-sample.json"))
			if err != nil {
				return nil, err
			}
			defer f.Close()
			return watchlist.ParseJSON(f)
		}})
	}
	for _, s := range sources {
		entries, err := s.parse()
		if err != nil {
			return fmt.Errorf("watchlist %s: %w", s.name, err)
		}
		ix := watchlist.Build(entries)
		data, err := ix.MarshalBinary()
		if err != nil {
			return err
		}
		meta := paxscreen.SnapshotMeta{Source: s.name, Version: ix.Version(), PublishedBy: "paxscreen dev"}
		for _, info := range ix.Sources() {
			meta.Entries += info.Entries
			meta.Individuals += info.Individuals
		}
		if err := db.PutSnapshot(ctx, meta, data); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "paxscreen dev: watchlist %s version %s (%d individuals)\n", s.name, meta.Version, meta.Individuals)
	}
	return nil
}
