package main

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/events"

	"github.com/paxscreen/paxscreen/shared/api"
	"github.com/paxscreen/paxscreen/shared/httpapi"
	"github.com/paxscreen/paxscreen/shared/intake"
	"github.com/paxscreen/paxscreen/shared/manifest"
	"github.com/paxscreen/paxscreen/shared/testkit/memstore"
)

// Manifests as other systems and other people's tools write them, posted to the ingest handler
// as API Gateway delivers them: each is stored (201) or refused with a 400 problem that names the
// field or the place and what is wrong; never a 5xx, never a manifest with something lost.
func TestIngestOfManifestsWrittenElsewhere(t *testing.T) {
	read := func(path string) string {
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	paxlst := read("testdata/guide-iata-crew-pax.edi")
	flight := "organiserType=OPERATOR&regime=CHARTER&direction=INBOUND&aircraftType=A320&seatCapacity=180&aircraftRegistration=D-AXYZ&contactPhone=%2B49+30+555+0101"
	tests := []struct {
		name        string
		contentType string
		query       string
		body        string
		base64      bool
		status      int
		// For a 201, a warning code the receipt must carry; for a 400, the problem kind and a
		// finding (code at path) or a text the detail must hold.
		kind, code, path, detail string
		stored                   func(t *testing.T, m *manifest.Manifest)
	}{
		{
			name: "PAXLST after the guide: UNOA, a group with crew and passenger lists, IATA codes, e-mail with .AT., phone without +",
			// The ICAO codes and what PAXLST does not carry come as parameters.
			contentType: "text/plain", query: "format=paxlst&" + flight + "&departureAirport=LTAG&arrivalAirport=ETAR",
			body: paxlst, status: 201,
			stored: func(t *testing.T, m *manifest.Manifest) {
				c, f, p := m.Organiser.EmergencyContact, m.Flight, m.Persons
				if c.Name != "PETERSEN KARIN" || c.Email != "OPS@ZZCHARTER.DE" || c.Phone != "+49 30 555 0101" ||
					f.Departure.Airport != "LTAG" || f.Arrival.Airport != "ETAR" || f.Departure.Scheduled != "2026-12-01T06:00:00Z" ||
					len(p) != 3 || p[0].Role != "PIC" || p[2].Surname != "O'NEILL" || p[1].GivenNames != "PETER JAMES" {
					t.Errorf("stored %+v", m)
				}
			},
		},
		{
			name:        "the same PAXLST without the ICAO codes",
			contentType: "application/edifact", query: flight, body: paxlst,
			status: 400, kind: "invalid-manifest", code: "INVALID_AIRPORT_CODE", path: "/flight/departure/airport",
		},
		{
			name:        "PAXLST cut short",
			contentType: "application/edifact", query: flight, body: paxlst[:len(paxlst)/2],
			status: 400, kind: "malformed", detail: "cut short",
		},
		{
			name:        "Excel CSV UTF-8 in a decimal-comma locale, padded rows and unnamed columns",
			contentType: "text/csv", body: read("../../shared/manifest/testdata/excel-semicolon-padded.csv"),
			status: 201, code: "NO_DOCUMENT_ACCEPTED",
		},
		{
			name:        "Excel Unicode Text (UTF-16LE, tabs), which API Gateway sends base64-encoded",
			contentType: "text/csv", body: read("../../shared/manifest/testdata/excel-unicode-text.csv"), base64: true,
			status: 201, code: "NO_DOCUMENT_ACCEPTED",
		},
		{
			name:        "Excel CSV in the Windows code page, named by the Content-Type",
			contentType: "text/csv; charset=windows-1252", body: read("../../shared/manifest/testdata/windows-1252.csv"), base64: true,
			status: 201, code: "NO_DOCUMENT_ACCEPTED",
		},
		{
			name:        "Excel CSV in the Windows code page, not named",
			contentType: "text/csv", body: read("../../shared/manifest/testdata/windows-1252.csv"), base64: true,
			status: 400, kind: "malformed", detail: "line 17, column 10",
		},
		{
			name:        "an evacuation list naming a nationality by the country",
			contentType: "text/csv", body: strings.Replace(read("../../shared/manifest/testdata/spreadsheet-reference.csv"), "Zahra,1988,F,AFG", "Zahra,1988,F,Afghanistan", 1),
			status: 201, code: "COUNTRY_NAME_READ_AS_CODE",
			stored: func(t *testing.T, m *manifest.Manifest) {
				if got := m.Persons[2].Nationality; got != "AFG" {
					t.Errorf("nationality stored as %q, want AFG", got)
				}
			},
		},
	}
	st := memstore.New([]byte("test-key-ingest"), "t1")
	svc := &intake.Service{Store: st, Now: func() time.Time { return time.Date(2026, 11, 30, 12, 0, 0, 0, time.UTC) }, NewID: intake.NewID}
	h := &httpapi.Router{Routes: (&api.Ingest{Service: svc}).Routes(), Log: slog.New(slog.NewJSONHandler(io.Discard, nil))}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := submitEvent(t)
			req.Headers["content-type"] = tt.contentType
			req.QueryStringParameters = query(tt.query)
			req.Body = tt.body
			if tt.base64 {
				req.Body, req.IsBase64Encoded = base64.StdEncoding.EncodeToString([]byte(tt.body)), true
			}
			resp, err := h.Handle(context.Background(), req)
			if err != nil {
				t.Fatal(err)
			}
			if resp.StatusCode != tt.status {
				t.Fatalf("status %d, want %d: %.1500s", resp.StatusCode, tt.status, resp.Body)
			}
			var got struct {
				ID, Type, Detail string
				Errors, Warnings []struct{ Code, Path, Message string }
			}
			if err := json.Unmarshal([]byte(resp.Body), &got); err != nil {
				t.Fatalf("%v: %s", err, resp.Body)
			}
			if tt.status == http.StatusCreated {
				if tt.code != "" && !hasFinding(got.Warnings, tt.code, "") {
					t.Errorf("no %s warning: %s", tt.code, resp.Body)
				}
				if tt.stored != nil {
					rec, err := st.GetInOrganisation(context.Background(), got.ID, "org-a")
					if err != nil {
						t.Fatal(err)
					}
					tt.stored(t, rec.Manifest)
				}
				return
			}
			if !strings.HasSuffix(got.Type, tt.kind) || strings.Contains(resp.Body, `"retryable"`) {
				t.Errorf("problem %q, want %s: %s", got.Type, tt.kind, resp.Body)
			}
			if tt.code != "" && !hasFinding(got.Errors, tt.code, tt.path) {
				t.Errorf("no %s error at %q: %s", tt.code, tt.path, resp.Body)
			}
			if !strings.Contains(got.Detail, tt.detail) {
				t.Errorf("detail %q does not say %q", got.Detail, tt.detail)
			}
		})
	}
}

func hasFinding(fs []struct{ Code, Path, Message string }, code, path string) bool {
	for _, f := range fs {
		if f.Code == code && (path == "" || f.Path == path) {
			return true
		}
	}
	return false
}

func submitEvent(t *testing.T) httpapi.Request {
	b, err := os.ReadFile("../../events/ingest-post-manifest.json")
	if err != nil {
		t.Fatal(err)
	}
	var req httpapi.Request
	if err := json.Unmarshal(b, &req); err != nil {
		t.Fatal(err)
	}
	req.RequestContext.Authorizer = &events.APIGatewayV2HTTPRequestContextAuthorizerDescription{
		JWT: &events.APIGatewayV2HTTPRequestContextAuthorizerJWTDescription{Claims: map[string]string{"sub": "submitter-1", "roles": "[submitter]", "org": "org-a"}}}
	return req
}

func query(q string) map[string]string {
	v, err := url.ParseQuery(q)
	if err != nil {
		panic(err)
	}
	out := map[string]string{}
	for k := range v {
		out[k] = v.Get(k)
	}
	return out
}
