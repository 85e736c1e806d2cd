package memstore

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"time"

	"github.com/paxscreen/paxscreen/shared/manifest"
	"github.com/paxscreen/paxscreen/shared/paxscreen"
	"github.com/paxscreen/paxscreen/shared/rules"
)

// SaveAssessment writes assessment seq of a manifest version under shared/store's three
// guards: the header at that version, at assessment seq-1, and in a status the new one may
// follow. Any failing, or the slot taken, is ErrAssessed.
func (s *Store) SaveAssessment(ctx context.Context, id string, version, seq int, a rules.Assessment, status paxscreen.Status) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("save assessment %d of manifest %s: %w", seq, id, err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	rec := paxscreen.AssessmentRecord{Seq: seq, ManifestVersion: version, AssessedAt: s.now().Format(time.RFC3339Nano), Assessment: a}
	body, err := json.Marshal(rec)
	if err != nil {
		return fmt.Errorf("encode assessment of %s: %w", id, err)
	}
	e, ok := s.manifests[id]
	assessed := func() error {
		return fmt.Errorf("save assessment %d of manifest %s: %w", seq, id, paxscreen.ErrAssessed)
	}
	if !ok {
		return assessed()
	}
	if _, taken := e.assessments[seq]; taken {
		return assessed()
	}
	h := &e.header
	statusOK := h.Status == status
	if status == paxscreen.StatusScreened || status == paxscreen.StatusFlagged {
		statusOK = slices.Contains([]paxscreen.Status{paxscreen.StatusReceived, paxscreen.StatusScreened, paxscreen.StatusFlagged}, h.Status)
	}
	if h.Version != version || h.AssessmentSeq != seq-1 || !statusOK {
		return assessed()
	}
	e.assessments[seq] = body
	h.AssessmentSeq, h.AssessedVersion, h.Level, h.Score = seq, version, a.Level, a.Score
	h.RulesetVersion, h.WatchlistVersions = a.RulesetVersion, maps.Clone(a.WatchlistVersions)
	h.ScoreState, h.Status, h.UpdatedAt = paxscreen.ScoreDone, status, s.stamp()
	return nil
}

// Assessments lists a manifest's assessments, oldest first; none for a missing manifest.
func (s *Store) Assessments(ctx context.Context, id string) ([]paxscreen.AssessmentRecord, error) {
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("list assessments of %s: %w", id, err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	e, ok := s.manifests[id]
	if !ok {
		return nil, nil
	}
	var out []paxscreen.AssessmentRecord
	for _, seq := range slices.Sorted(maps.Keys(e.assessments)) {
		var rec paxscreen.AssessmentRecord
		if err := json.Unmarshal(e.assessments[seq], &rec); err != nil {
			return nil, fmt.Errorf("list assessments of %s: %w", id, err)
		}
		out = append(out, rec)
	}
	return out, nil
}

// Assessment reads one assessment, or ErrNotFound.
func (s *Store) Assessment(ctx context.Context, id string, seq int) (*paxscreen.AssessmentRecord, error) {
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("load assessment %d of %s: %w", seq, id, err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	e, ok := s.manifests[id]
	if !ok || e.assessments[seq] == nil {
		return nil, fmt.Errorf("load assessment %d of %s: %w", seq, id, paxscreen.ErrNotFound)
	}
	var rec paxscreen.AssessmentRecord
	if err := json.Unmarshal(e.assessments[seq], &rec); err != nil {
		return nil, fmt.Errorf("assessment %d of %s: %w", seq, id, err)
	}
	return &rec, nil
}

// Decide records a decision on assessment seq of version: ErrClosed when the manifest is
// closed, ErrStaleAssessment when the header has moved on (or the manifest is missing).
func (s *Store) Decide(ctx context.Context, id string, version, seq int, decision, reason, by string) error {
	status, ok := paxscreen.Decisions[decision]
	if !ok {
		return fmt.Errorf("decide on manifest %s: unknown decision %q", id, decision)
	}
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("decide on manifest %s: %w", id, err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	e, ok := s.manifests[id]
	if !ok {
		return fmt.Errorf("decide on manifest %s: %w", id, paxscreen.ErrStaleAssessment)
	}
	k, a := s.audit(e, paxscreen.AuditRecord{Action: paxscreen.AuditDecided, By: by, Version: version, Assessment: seq, Decision: decision, Reason: reason})
	h := &e.header
	if h.Status == paxscreen.StatusClosed {
		return fmt.Errorf("decide on manifest %s: %w", id, paxscreen.ErrClosed)
	}
	if h.Version != version || h.AssessedVersion != version || h.AssessmentSeq != seq {
		return fmt.Errorf("decide on manifest %s: %w", id, paxscreen.ErrStaleAssessment)
	}
	if _, dup := e.audit[k]; dup {
		// The real audit put is conditional on a key of its own: a second decision in the
		// same nanosecond on the same version cancels the transaction.
		return fmt.Errorf("decide on manifest %s: audit entry %s exists", id, k)
	}
	e.audit[k] = a
	h.Status, h.UpdatedAt, h.Decision, h.DecidedBy = status, s.stamp(), decision, by
	if decision == "CLEARED" {
		h.EverCleared = true
	}
	return nil
}

// Audit lists a manifest's trail, oldest first; empty for a missing manifest.
func (s *Store) Audit(ctx context.Context, id string) ([]paxscreen.AuditRecord, error) {
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("read audit trail of %s: %w", id, err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	out := []paxscreen.AuditRecord{}
	e, ok := s.manifests[id]
	if !ok {
		return out, nil
	}
	for _, k := range slices.Sorted(maps.Keys(e.audit)) {
		var r paxscreen.AuditRecord
		if err := json.Unmarshal(e.audit[k], &r); err != nil {
			return nil, fmt.Errorf("read audit trail of %s: %w", id, err)
		}
		out = append(out, r)
	}
	return out, nil
}

// IndexDocuments (re)writes the document index of a stored version; idempotent.
func (s *Store) IndexDocuments(ctx context.Context, rec *paxscreen.Record) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("index documents of manifest %s: %w", rec.Header.ID, err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.index(rec)
	return nil
}

// Sightings finds the other live manifests carrying one of rec's documents: an index entry counts
// while it names the other manifest's current version and that manifest is not closed.
func (s *Store) Sightings(ctx context.Context, rec *paxscreen.Record) ([]rules.Sighting, error) {
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("query document index for manifest %s: %w", rec.Header.ID, err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []rules.Sighting
	for i, p := range rec.Manifest.Persons {
		for j, d := range p.Documents {
			entries := s.docs[s.DocumentKey(d.Type, d.IssuingState, d.Number)]
			// The index's sort key is MANIFEST#<id>: entries come back in id order.
			for _, mid := range slices.Sorted(maps.Keys(entries)) {
				if mid == rec.Header.ID {
					continue
				}
				e, ok := s.manifests[mid]
				if !ok {
					continue
				}
				h := &e.header
				if h.Version != entries[mid].version || h.Status == paxscreen.StatusClosed {
					continue
				}
				dep, _ := manifest.ParseTime(h.DepartureTime)
				arr, _ := manifest.ParseTime(h.ArrivalTime)
				out = append(out, rules.Sighting{PersonIndex: i, DocumentIndex: j, ManifestID: h.ID, Departure: dep, Arrival: arr})
			}
		}
	}
	return out, nil
}

// ClaimAlert takes the right to publish one alert for lease: ErrAlertSent once it went out,
// ErrAlertBusy while another claim's lease runs; a NOT_NEEDED mark or an expired lease yields.
func (s *Store) ClaimAlert(ctx context.Context, id, key string, lease time.Duration) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("claim alert %s of %s: %w", key, id, err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.now()
	k := id + "#" + key
	if a, ok := s.alerts[k]; ok {
		switch {
		case a.state == paxscreen.AlertNone:
		case a.state == paxscreen.AlertPending && a.leaseUntil < now.UnixMilli():
		case a.state == paxscreen.AlertSentState:
			return paxscreen.ErrAlertSent
		default:
			return paxscreen.ErrAlertBusy
		}
	}
	s.alerts[k] = alert{state: paxscreen.AlertPending, leaseUntil: now.Add(lease).UnixMilli()}
	return nil
}

// MarkAlertSent records the published message; like the real update it needs no claim.
func (s *Store) MarkAlertSent(ctx context.Context, id, key string, messageID string) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("mark alert %s of %s sent: %w", key, id, err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.alerts[id+"#"+key] = alert{state: paxscreen.AlertSentState, messageID: messageID}
	return nil
}

// ReleaseAlert gives up a pending claim; any other state is left as it is.
func (s *Store) ReleaseAlert(ctx context.Context, id, key string) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("release alert %s of %s: %w", key, id, err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if a, ok := s.alerts[id+"#"+key]; ok && a.state == paxscreen.AlertPending {
		delete(s.alerts, id+"#"+key)
	}
	return nil
}

// AlertState reads an alert's state; an expired lease reads as missing.
func (s *Store) AlertState(ctx context.Context, id, key string) (paxscreen.AlertState, error) {
	if err := ctx.Err(); err != nil {
		return "", fmt.Errorf("read alert %s of %s: %w", key, id, err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	a, ok := s.alerts[id+"#"+key]
	if !ok {
		return paxscreen.AlertMissing, nil
	}
	if a.state == paxscreen.AlertPending && a.leaseUntil < s.now().UnixMilli() {
		return paxscreen.AlertMissing, nil
	}
	return a.state, nil
}

// MarkAlertNotNeeded records that an assessment called for no alert, unless its record exists.
func (s *Store) MarkAlertNotNeeded(ctx context.Context, id, key string) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("mark alert %s of %s not needed: %w", key, id, err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.alerts[id+"#"+key]; !ok {
		s.alerts[id+"#"+key] = alert{state: paxscreen.AlertNone}
	}
	return nil
}

// LoadRescanState reads the saved rescan state, or a zero one.
func (s *Store) LoadRescanState(ctx context.Context) (paxscreen.RescanState, error) {
	if err := ctx.Err(); err != nil {
		return paxscreen.RescanState{}, fmt.Errorf("read rescan state: %w", err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	var st paxscreen.RescanState
	if s.rescan != nil {
		if err := json.Unmarshal(s.rescan, &st); err != nil {
			return paxscreen.RescanState{}, fmt.Errorf("decode rescan state: %w", err)
		}
	}
	return st, nil
}

// SaveRescanState records where a rescan carries on.
func (s *Store) SaveRescanState(ctx context.Context, st paxscreen.RescanState) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("save rescan state: %w", err)
	}
	b, err := json.Marshal(st)
	if err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.rescan = b
	return nil
}

// Close ends a manifest's life at version: CLOSED, with an audit entry. ErrAlreadyClosed when
// it is closed, at another version, or missing. Expiry is recorded, never carried out.
func (s *Store) Close(ctx context.Context, id string, version int, expiresAt, keepRecords time.Time, by string) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("close manifest %s: %w", id, err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	e, ok := s.manifests[id]
	if !ok {
		return fmt.Errorf("close manifest %s: %w", id, paxscreen.ErrAlreadyClosed)
	}
	items := 2
	for _, n := range e.chunkCount {
		items += n
	}
	if !keepRecords.IsZero() {
		items += len(e.assessments) + len(e.audit)
	}
	if items > maxTransactItems {
		return fmt.Errorf("close manifest %s: %d items exceed one transaction", id, items)
	}
	h := &e.header
	if h.Version != version || h.Status == paxscreen.StatusClosed {
		return fmt.Errorf("close manifest %s: %w", id, paxscreen.ErrAlreadyClosed)
	}
	k, a := s.audit(e, paxscreen.AuditRecord{Action: paxscreen.AuditClosed, By: by, Version: version})
	e.audit[k] = a
	h.Status, h.UpdatedAt = paxscreen.StatusClosed, s.stamp()
	e.expiresAt = expiresAt.Unix()
	return nil
}

// PutSnapshot stores a watchlist snapshot and makes it its source's current one.
func (s *Store) PutSnapshot(ctx context.Context, meta paxscreen.SnapshotMeta, data []byte) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("store snapshot %s/%s: %w", meta.Source, meta.Version, err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	meta.Bytes = len(data)
	meta.Chunks = (len(data) + snapshotChunk - 1) / snapshotChunk
	meta.PublishedAt = s.stamp()
	s.snapshots[meta.Source+"\x00"+meta.Version] = snapshot{chunks: meta.Chunks, data: append([]byte(nil), data...)}
	s.current[meta.Source] = meta
	return nil
}

// CurrentSnapshots lists the current snapshot of every published source, by source (DynamoDB
// gives a string set in no promised order).
func (s *Store) CurrentSnapshots(ctx context.Context) ([]paxscreen.SnapshotMeta, error) {
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("read watchlist registry: %w", err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	out := []paxscreen.SnapshotMeta{}
	for _, src := range slices.Sorted(maps.Keys(s.current)) {
		out = append(out, s.current[src])
	}
	return out, nil
}

// LoadSnapshot reads a snapshot's bytes, checking them against meta.
func (s *Store) LoadSnapshot(ctx context.Context, meta paxscreen.SnapshotMeta) ([]byte, error) {
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("load snapshot %s/%s: %w", meta.Source, meta.Version, err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	snap := s.snapshots[meta.Source+"\x00"+meta.Version]
	if snap.chunks != meta.Chunks || len(snap.data) != meta.Bytes {
		return nil, fmt.Errorf("load snapshot %s/%s: %d chunks, %d bytes; CURRENT says %d and %d", meta.Source, meta.Version, snap.chunks, len(snap.data), meta.Chunks, meta.Bytes)
	}
	return append(make([]byte, 0, meta.Bytes), snap.data...), nil
}
