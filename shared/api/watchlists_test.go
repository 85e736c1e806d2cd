package api_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"mime/multipart"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/paxscreen/paxscreen/shared/api"
	"github.com/paxscreen/paxscreen/shared/httpapi"
	"github.com/paxscreen/paxscreen/shared/intake"
	"github.com/paxscreen/paxscreen/shared/rules"
	"github.com/paxscreen/paxscreen/shared/scoring"
	"github.com/paxscreen/paxscreen/shared/screening"
	"github.com/paxscreen/paxscreen/shared/testkit/storecontract"
)

// TestPublishedWatchlistFlagsAListedPerson publishes a list through the API into DynamoDB
// Local, scores a manifest carrying a listed person under a variant spelling, and finds the
// CRITICAL hit with its explanation.
func TestPublishedWatchlistFlagsAListedPerson(t *testing.T) {
	eachOwnDB(t, "watchlists", func(t *testing.T, db storecontract.Store) {
		log := slog.New(slog.NewJSONHandler(io.Discard, nil))
		lists := &httpapi.Router{Routes: (&api.Watchlists{Store: db}).Routes(), Log: log}
		ctx := context.Background()

		sample, err := os.ReadFile("../../events/watchlist-sample.json")
		if err != nil {
			t.Fatal(err)
		}
		put := func(source, contentType string, body []byte, roles string) httpapi.Response {
			req := as(event(t, "watchlist-put.json"), roles, "")
			req.PathParameters = map[string]string{"source": source}
			req.Headers = map[string]string{"content-type": contentType}
			req.Body = string(body)
			resp, err := lists.Handle(ctx, req)
			if err != nil {
				t.Fatal(err)
			}
			return resp
		}
		if r := put("SAMPLE", "application/json", sample, "reviewer"); r.StatusCode != http.StatusForbidden {
			t.Errorf("a reviewer published a list: %d", r.StatusCode)
		}
		if r := put("sample list", "application/json", sample, "admin"); r.StatusCode != http.StatusBadRequest {
			t.Errorf("bad source name: %d", r.StatusCode)
		}
		if r := put("X", "application/xml", []byte(`<?xml version="1.0"?><!DOCTYPE a [<!ENTITY e "bomb">]><CONSOLIDATED_LIST>&e;</CONSOLIDATED_LIST>`), "admin"); r.StatusCode != http.StatusBadRequest {
			t.Errorf("XML with a DTD (entity expansion): %d, want 400", r.StatusCode)
		}
		if r := put("X", "text/plain", sample, "admin"); r.StatusCode != http.StatusUnsupportedMediaType {
			t.Errorf("text/plain: %d", r.StatusCode)
		}
		r := put("SAMPLE", "application/json", sample, "admin")
		if r.StatusCode != http.StatusCreated {
			t.Fatalf("publish: %d %s", r.StatusCode, r.Body)
		}
		version := decode(t, r)["version"].(string)

		// The real lists, when the reference data is beside the project: UN as XML, OFAC as parts.
		if un, err := os.ReadFile("../../../shared/data/watchlists/un-consolidated-2026-02-27.xml"); err == nil {
			if r := put("UN", "application/xml", un, "admin"); r.StatusCode != http.StatusCreated {
				t.Errorf("publish UN: %d %.300s", r.StatusCode, r.Body)
			}
			var buf bytes.Buffer
			mw := multipart.NewWriter(&buf)
			for _, part := range []string{"sdn", "alt", "add"} {
				b, err := os.ReadFile("../../../shared/data/watchlists/ofac-sdn-2021/" + part + ".csv")
				if err != nil {
					t.Fatal(err)
				}
				w, _ := mw.CreateFormFile(part, part+".csv")
				w.Write(b)
			}
			mw.Close()
			if r := put("OFAC", mw.FormDataContentType(), buf.Bytes(), "admin"); r.StatusCode != http.StatusCreated {
				t.Errorf("publish OFAC: %d %.300s", r.StatusCode, r.Body)
			}
		}
		listReq := as(event(t, "watchlist-list.json"), "reviewer", "")
		listed, _ := lists.Handle(ctx, listReq)
		if !strings.Contains(listed.Body, `"source":"SAMPLE"`) || !strings.Contains(listed.Body, version) {
			t.Errorf("GET /watchlists: %s", listed.Body)
		}

		loader := &screening.Loader{Store: db, Threshold: 0.75, StrongThreshold: 0.9}
		svc := &intake.Service{Store: db, Now: time.Now, NewID: intake.NewID}
		ingest := &httpapi.Router{Routes: (&api.Ingest{Service: svc}).Routes(), Log: log}
		body, _ := os.ReadFile("../../events/manifests/listed-person.json")
		resp, _ := ingest.Handle(ctx, as(submitEvent(t, "application/json", string(body)), "submitter", "org-w"))
		if resp.StatusCode != http.StatusCreated {
			t.Fatalf("submit: %d %s", resp.StatusCode, resp.Body)
		}
		id := decode(t, resp)["id"].(string)
		score := &scoring.Service{Store: db, Rules: rules.Default(), Screener: loader}
		out, a, err := score.Score(ctx, id, 1)
		if err != nil || out != scoring.Scored {
			t.Fatalf("score: %v %v", out, err)
		}
		if a.Level != rules.LevelCritical || a.WatchlistVersions["SAMPLE"] != version {
			t.Fatalf("level %s, versions %v", a.Level, a.WatchlistVersions)
		}
		var strong *rules.Hit
		for i := range a.Hits {
			if a.Hits[i].Rule == rules.RuleWatchlistStrong && a.Hits[i].PersonIndex != nil && *a.Hits[i].PersonIndex == 5 {
				strong = &a.Hits[i]
			}
		}
		if strong == nil {
			t.Fatalf("no strong watchlist hit on the listed person: %+v", a.Hits)
		}
		ev, _ := json.Marshal(strong.Evidence)
		for _, want := range []string{`"entryId":"QDi.017"`, `"parts"`, `"dateOfBirth"`} {
			if !strings.Contains(string(ev), want) {
				t.Errorf("explanation lacks %s: %s", want, ev)
			}
		}
	})
}
