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

// TestListedOrganiserOperatorAndAircraftThroughTheAPI: the issue-19 example (clean sample,
// operator Mahan Air, registration EP-MNG, organiser Haqqani Network) published lists, submitted
// and scored through the API reads CRITICAL with the three listings explained for reviewers,
// and its submitter sees none of it.
func TestListedOrganiserOperatorAndAircraftThroughTheAPI(t *testing.T) {
	eachOwnDB(t, "parties", func(t *testing.T, db storecontract.Store) {
		log := slog.New(slog.NewJSONHandler(io.Discard, nil))
		lists := &httpapi.Router{Routes: (&api.Watchlists{Store: db}).Routes(), Log: log}
		ctx := context.Background()
		put := func(source, contentType string, body []byte) {
			t.Helper()
			req := as(event(t, "watchlist-put.json"), "admin", "")
			req.PathParameters = map[string]string{"source": source}
			req.Headers = map[string]string{"content-type": contentType}
			req.Body = string(body)
			resp, err := lists.Handle(ctx, req)
			if err != nil || resp.StatusCode != http.StatusCreated {
				t.Fatalf("publish %s: %v %d %.300s", source, err, resp.StatusCode, resp.Body)
			}
		}
		sources := []string{"SAMPLE"}
		if un, err := os.ReadFile("../../../shared/data/watchlists/un-consolidated-2026-02-27.xml"); err == nil {
			put("UN", "application/xml", un)
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
			put("OFAC", mw.FormDataContentType(), buf.Bytes())
			sources = []string{"UN", "OFAC"}
		} else {
			sample, err := os.ReadFile("../../events/watchlist-sample.json")
			if err != nil {
				t.Fatal(err)
			}
			put("SAMPLE", "application/json", sample)
			t.Logf("reference lists absent (%v): the sample list's copies of the listings are used", err)
		}

		var m map[string]any
		clean, err := os.ReadFile("../../events/manifests/clean.json")
		if err != nil {
			t.Fatal(err)
		}
		json.Unmarshal(clean, &m)
		m["flight"].(map[string]any)["operator"] = "Mahan Air"
		m["flight"].(map[string]any)["aircraftRegistration"] = "EP-MNG"
		m["organiser"].(map[string]any)["name"] = "Haqqani Network"
		body, _ := json.Marshal(m)

		svc := &intake.Service{Store: db, Now: time.Now, NewID: intake.NewID}
		ingest := &httpapi.Router{Routes: (&api.Ingest{Service: svc}).Routes(), Log: log}
		resp, _ := ingest.Handle(ctx, as(submitEvent(t, "application/json", string(body)), "submitter", "org-p"))
		if resp.StatusCode != http.StatusCreated {
			t.Fatalf("submit: %d %s", resp.StatusCode, resp.Body)
		}
		id := decode(t, resp)["id"].(string)
		loader := &screening.Loader{Store: db, Threshold: 0.75, StrongThreshold: 0.9}
		score := &scoring.Service{Store: db, Rules: rules.Default(), Screener: loader}
		if out, _, err := score.Score(ctx, id, 1); err != nil || out != scoring.Scored {
			t.Fatalf("score: %v %v", out, err)
		}

		// The reviewer's view: the stored assessment through GET /manifests/{id}/assessments.
		read := &httpapi.Router{Routes: (&api.Manifests{Store: db}).Routes(), Log: log}
		req := as(event(t, "manifests-get-assessments.json"), "reviewer", "")
		req.PathParameters = map[string]string{"id": id}
		req.RawPath = "/manifests/" + id + "/assessments"
		rv, err := read.Handle(ctx, req)
		if err != nil || rv.StatusCode != http.StatusOK {
			t.Fatalf("assessments: %v %d %s", err, rv.StatusCode, rv.Body)
		}
		if !strings.Contains(rv.Body, `"CRITICAL"`) {
			t.Errorf("not CRITICAL: %.500s", rv.Body)
		}
		for _, want := range []string{"WATCHLIST_ENTITY_STRONG", "SANCTIONED_AIRCRAFT", "HAQQANI NETWORK", "MAHAN AIR", "EP-MNG",
			`"/organiser/name"`, `"/flight/operator"`, `"/flight/aircraftRegistration"`, `"programs"`, `"why"`, `"explanation"`, `"parts"`} {
			if !strings.Contains(rv.Body, want) {
				t.Errorf("reviewer view lacks %s", want)
			}
		}
		for _, src := range sources {
			if !strings.Contains(rv.Body, `"source":"`+src+`"`) {
				t.Errorf("reviewer view names no %s listing", src)
			}
		}

		// The submitter's view: the manifest as sent, status IN_REVIEW, nothing of the screening.
		sreq := as(event(t, "manifests-get.json"), "submitter", "org-p")
		sreq.PathParameters = map[string]string{"id": id}
		sreq.RawPath = "/manifests/" + id
		sv, _ := read.Handle(ctx, sreq)
		list, _ := read.Handle(ctx, as(unfiltered(event(t, "manifests-list.json")), "submitter", "org-p"))
		for name, r := range map[string]httpapi.Response{"get": sv, "list": list} {
			if r.StatusCode != http.StatusOK {
				t.Fatalf("submitter %s: %d %s", name, r.StatusCode, r.Body)
			}
			for _, leak := range []string{"WATCHLIST", "SANCTIONED", "CRITICAL", "FLAGGED", `"hits"`, `"level"`, `"score"`, "listedName", `"programs"`,
				"SDGT", "Taliban", "TAe.012", "15438", "12927", "explanation", "HAQQANI NETWORK", "MAHAN AIR"} {
				if strings.Contains(r.Body, leak) {
					t.Errorf("submitter %s response contains %s: %.300s", name, leak, r.Body)
				}
			}
		}
		if !strings.Contains(sv.Body, "IN_REVIEW") {
			t.Errorf("submitter status: %.300s", sv.Body)
		}
	})
}
