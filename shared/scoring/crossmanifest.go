package scoring

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/paxscreen/paxscreen/shared/manifest"
	"github.com/paxscreen/paxscreen/shared/organisation"
	"github.com/paxscreen/paxscreen/shared/paxscreen"
	"github.com/paxscreen/paxscreen/shared/rules"
)

// maxSameSchedule bounds the organisation's manifests read for one flight's schedule: more than
// any organiser files for one arrival minute.
const maxSameSchedule = 100

// sameSchedule lists the organisation's other live manifests arriving at the same time: the
// candidates for a duplicate submission of this flight, which the rules compare field by field.
// It reads the organiser index, so it finds a resubmission even when no document is shared.
func (s *Service) sameSchedule(ctx context.Context, h *paxscreen.Header) ([]rules.OtherManifest, error) {
	// A manifest that belongs to no organisation has no organiser index to search.
	if h.Organisation == "" || h.Organisation == organisation.Unowned || h.ArrivalTime == "" {
		return nil, nil
	}
	page, err := s.Store.List(ctx, h.Organisation, paxscreen.ListQuery{From: h.ArrivalTime, To: h.ArrivalTime, Limit: maxSameSchedule})
	if err != nil {
		return nil, fmt.Errorf("find manifests on the schedule of %s: %w", h.ID, err)
	}
	var out []rules.OtherManifest
	for _, o := range page.Items {
		if o.ID == h.ID || o.Status == paxscreen.StatusClosed {
			continue
		}
		dep, _ := manifest.ParseTime(o.DepartureTime)
		arr, _ := manifest.ParseTime(o.ArrivalTime)
		out = append(out, rules.OtherManifest{ID: o.ID, Organisation: o.Organisation, FlightNumber: o.FlightNumber, Registration: o.Registration,
			DepartureAirport: o.DepartureAirport, ArrivalAirport: o.ArrivalAirport, Departure: dep, Arrival: arr})
	}
	return out, nil
}

// reassessNamed assesses again each manifest a's cross-manifest findings name, unless its latest
// assessment already names manifest id. Only one step: the other manifest's new assessment names
// this one, whose assessment already names it, so nothing ping-pongs.
func (s *Service) reassessNamed(ctx context.Context, id string, a *rules.Assessment) error {
	var errs []error
	for _, other := range rules.NamedManifests(a) {
		h, err := s.Store.GetHeader(ctx, other)
		if errors.Is(err, paxscreen.ErrNotFound) {
			continue
		}
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if h.AssessmentSeq > 0 {
			latest, err := s.Store.Assessment(ctx, other, h.AssessmentSeq)
			if err != nil {
				errs = append(errs, err)
				continue
			}
			if latest.ManifestVersion == h.Version && slices.Contains(rules.NamedManifests(&latest.Assessment), id) {
				continue
			}
		} else {
			continue // never assessed yet: its own first assessment will see this manifest
		}
		if _, _, err := s.score(ctx, other, h.Version, true); err != nil {
			errs = append(errs, fmt.Errorf("reassess manifest %s named by %s: %w", other, id, err))
		}
	}
	return errors.Join(errs...)
}
