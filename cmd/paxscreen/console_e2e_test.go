package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	cdplog "github.com/chromedp/cdproto/log"
	cdpruntime "github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/paxscreen/paxscreen/shared/alert"
	"github.com/paxscreen/paxscreen/shared/devstack/devauth"
	"github.com/paxscreen/paxscreen/shared/httpapi"
	"github.com/paxscreen/paxscreen/shared/testkit/dynamotest"
)

// The console tested in a real browser (headless Chromium driven by chromedp) against the local
// stack, wired in this process exactly as `make run` wires it (paxscreen dev), on DynamoDB Local
// and the SNS/SQS emulator that scripts/test.sh starts.
//
// PAXSCREEN_SCREENSHOTS=dir also writes the README's screenshots there (make screenshots).

// chromium finds the browser, or skips (fails under CI) when there is none.
func chromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{os.Getenv("CHROMIUM"), "chromium", "chromium-browser", "google-chrome", "headless-shell"} {
		if name == "" {
			continue
		}
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	msg := "no Chromium found (Debian package chromium; scripts/test.sh installs it as root): the browser test did not run"
	if os.Getenv("CI") != "" {
		t.Fatal(msg)
	}
	t.Skip(msg)
	return ""
}

// syncBuffer collects the stack's console output from several goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// localStack starts paxscreen dev on a free port with a table of its own and returns its base URL.
func localStack(t *testing.T) string {
	t.Helper()
	if os.Getenv("AWS_ENDPOINT_URL_SNS") == "" {
		if os.Getenv("CI") != "" {
			t.Fatal("the SNS/SQS emulator is not running (AWS_ENDPOINT_URL_SNS unset)")
		}
		t.Skip("the SNS/SQS emulator is not running; run `make test`")
	}
	_, table := dynamotest.OwnTable(t, "paxscreen-console")
	t.Chdir("../..") // the stack reads template.yaml, events/ and ../shared/data from the project root
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	old := consolePollSeconds
	consolePollSeconds = 1
	ctx, cancel := context.WithCancel(context.Background())
	out := &syncBuffer{}
	done := make(chan error, 1)
	go func() { done <- dev(ctx, addr, "template.yaml", table, strings.NewReader(""), out) }()
	t.Cleanup(func() {
		cancel()
		select {
		case <-done:
		case <-time.After(15 * time.Second):
			t.Error("the local stack did not stop within 15 s")
		}
		consolePollSeconds = old
		if t.Failed() {
			t.Logf("local stack output:\n%s", out.String())
		}
	})
	base := "http://" + addr
	deadline := time.Now().Add(90 * time.Second)
	for {
		resp, err := http.Get(base + "/console/config.json")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				return base
			}
		}
		select {
		case err := <-done:
			t.Fatalf("the local stack stopped: %v\n%s", err, out.String())
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("the local stack did not answer within 90 s\n%s", out.String())
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// call is one API request as a client other than the browser makes it.
func call(t *testing.T, method, url, token string, headers map[string]string, body []byte) (int, http.Header, []byte) {
	t.Helper()
	req, err := http.NewRequest(method, url, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+token)
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header, b
}

// sample reads a sample manifest moved to arrive in a few hours, with documents of this run.
func sample(t *testing.T, name string, suffix string, arriveIn time.Duration) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("events", "manifests", name))
	if err != nil {
		t.Fatal(err)
	}
	var m struct {
		Flight struct{ Arrival struct{ Scheduled time.Time } }
	}
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	return reschedule(b, arriveIn-time.Until(m.Flight.Arrival.Scheduled), suffix)
}

func submit(t *testing.T, base, token string, body []byte) string {
	t.Helper()
	status, _, b := call(t, "POST", base+"/manifests", token, map[string]string{"Content-Type": "application/json"}, body)
	if status != http.StatusCreated {
		t.Fatalf("submit: %d %s", status, b)
	}
	var r struct{ ID string }
	json.Unmarshal(b, &r)
	return r.ID
}

func TestConsoleInABrowser(t *testing.T) {
	browser := chromium(t)
	base := localStack(t)
	shots := os.Getenv("PAXSCREEN_SCREENSHOTS")

	authority, err := devauth.LoadOrCreate(devKeyPath)
	if err != nil {
		t.Fatal(err)
	}
	submitter, _ := authority.Mint("local-submitter", "local-org", []string{httpapi.RoleSubmitter}, time.Hour)
	suffix := strings.ToUpper(fmt.Sprintf("%04x", time.Now().UnixNano()&0xffff))
	listedBody := sample(t, "listed-person.json", suffix, 3*time.Hour)
	listed := submit(t, base, submitter, listedBody)
	submit(t, base, submitter, sample(t, "document-problems.json", suffix, 5*time.Hour))

	// The whole browser session is bounded: a hung page fails the test rather than hanging CI.
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(browser),
		chromedp.WindowSize(1280, 1000),
		// As root (CI containers) Chromium refuses to start with its sandbox.
		chromedp.NoSandbox,
		chromedp.Flag("disable-dev-shm-usage", true),
	)
	allocCtx, stopAlloc := chromedp.NewExecAllocator(ctx, opts...)
	defer stopAlloc() // stops the browser process it started
	bctx, stopBrowser := chromedp.NewContext(allocCtx)
	defer stopBrowser()
	page := &pageLog{}
	if err := page.listen(bctx); err != nil {
		t.Fatalf("start the browser: %v", err)
	}

	css := func(sel string) chromedp.CSS { return chromedp.CSS(sel) }
	do := func(what string, steps ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(bctx, steps...); err != nil {
			main, _ := chromedp.Run(bctx, chromedp.Text(css("main")))
			state, _ := chromedp.Run(bctx, chromedp.Evaluate[string](`JSON.stringify({hash: location.hash, focus: document.activeElement?.id, filter: document.querySelector('#p-filter')?.value, count: document.querySelector('#p-count')?.textContent})`))
			t.Fatalf("%s: %v\nstate: %s\npage: %.3000s\nbrowser errors: %v", what, err, state, main, page.errors())
		}
	}
	text := func(sel string) string {
		t.Helper()
		v, err := chromedp.Run(bctx, chromedp.Text(css(sel)))
		if err != nil {
			t.Fatalf("read %s: %v", sel, err)
		}
		return v
	}
	goTo := func(hash string) chromedp.Action[chromedp.Void] {
		return chromedp.Evaluate[chromedp.Void]("location.hash = " + strconvQuote(hash) + "; undefined")
	}
	shot := func(name string, full bool) {
		t.Helper()
		if shots == "" {
			return
		}
		var png []byte
		var err error
		if full {
			png, err = chromedp.Run(bctx, chromedp.FullScreenshot(100))
		} else {
			png, err = chromedp.Run(bctx, chromedp.CaptureScreenshot())
		}
		if err != nil {
			t.Fatalf("screenshot %s: %v", name, err)
		}
		if err := os.WriteFile(filepath.Join(shots, name), png, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// audit checks what a screen reader and a keyboard need on the current view: a name for
	// every control, one h1, a header cell in every table, nothing focusable hidden from it.
	audit := func(where string) {
		t.Helper()
		problems, err := chromedp.Run(bctx, chromedp.Evaluate[[]string](a11yAudit))
		if err != nil {
			t.Fatalf("accessibility audit of %s: %v", where, err)
		}
		for _, p := range problems {
			t.Errorf("%s: %s", where, p)
		}
	}
	signIn := func(label string) {
		t.Helper()
		sel := css(`button.identity[data-label^="` + label + `"]`)
		do("sign in as "+label, chromedp.WaitVisible(sel), chromedp.Click(sel))
	}
	signOut := func() {
		t.Helper()
		do("sign out", chromedp.Click(css("#signout")), chromedp.WaitVisible(css("button.identity")))
	}

	// The reviewer taps the link in the alert: after sign-in the manifest view opens directly.
	do("open the alert's link", chromedp.Navigate(alert.ConsoleLink(base+"/console", listed)),
		// Content-Security-Policy refusals break a page silently: record them to fail on later.
		chromedp.Evaluate[chromedp.Void](`window.cspViolations = []; document.addEventListener('securitypolicyviolation', e => window.cspViolations.push(e.violatedDirective + ' ' + e.blockedURI)); undefined`))
	do("wait for the sign-in page", chromedp.WaitVisible(css("button.identity")))
	audit("the sign-in page")
	signIn("Reviewer")
	// The alert is sent once the assessment is stored; here the link may be faster than the
	// score function, and the view offers the assessment when it arrives.
	do("land on the manifest from the alert", chromedp.WaitVisible(css("section.summary")))
	if has, _ := chromedp.Run(bctx, chromedp.Evaluate[bool](`!document.querySelector('article.match')`)); has {
		do("show the assessment when it arrives", chromedp.WaitVisible(css("#show-newer")), chromedp.Click(css("#show-newer")))
	}
	do("see the match", chromedp.WaitVisible(css("article.match")))
	if h1 := text("main h1"); h1 != "Flight RWB403 / D-AXYZ" {
		t.Errorf("the alert's link opened %q", h1)
	}

	// Back to the queue: the listed person's flight is there, assessed.
	do("go to the queue", chromedp.Click(css(`p.crumbs a`)))
	row := css(`tr[data-level="CRITICAL"] a[data-id="` + listed + `"]`)
	do("find the listed-person manifest in the queue", chromedp.WaitVisible(row))

	// A manifest that arrives while the queue is open appears without a reload, marked new.
	fresh := submit(t, base, submitter, sample(t, "clean.json", suffix, 2*time.Hour))
	do("see a new manifest appear, then its assessment",
		chromedp.WaitVisible(css(`tr.fresh a[data-id="`+fresh+`"]`)),
		chromedp.WaitVisible(css(`tr.fresh:not([data-level=""]) a[data-id="`+fresh+`"]`)))
	shot("console-queue.png", false)
	audit("the queue")

	// The list API's filters and paging, from the queue's form and links.
	do("filter on status and airport",
		chromedp.SetValue(css("#f-status"), "FLAGGED"), chromedp.SendKeys(css("#f-arrival"), "etar"),
		chromedp.Click(css(`form.filters button[type=submit]`)),
		chromedp.Poll[chromedp.Void](`location.hash === '#/queue?status=FLAGGED&arrival=ETAR'`),
		chromedp.WaitVisible(row))
	if got, _ := chromedp.Run(bctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll('#queue tbody tr td:first-child')].map(td => td.textContent)`)); len(got) == 0 || strings.Count(strings.Join(got, " "), "FLAGGED") != len(got) {
		t.Errorf("statuses under the FLAGGED filter: %v", got)
	}
	do("page one manifest at a time", goTo("#/queue?limit=1"), chromedp.WaitVisible(css(`a[rel=next]`)))
	first := text("#queue tbody")
	do("next page", chromedp.Click(css(`a[rel=next]`)), chromedp.Poll[chromedp.Void](`location.hash.includes('cursor=')`),
		chromedp.WaitVisible(css(`nav.paging a[href="#/queue?limit=1"]`)))
	if second := text("#queue tbody"); second == first || strings.Count(second, "LTAG") != 1 {
		t.Errorf("page 2 %q after page 1 %q", second, first)
	}
	do("back to the whole queue", goTo("#/queue"), chromedp.WaitVisible(row))

	// The manifest view explains the match: query parts against listed parts, how each matched,
	// and the evidence with its effect.
	// By keyboard: focus the flight's link and press Enter.
	do("open the manifest", chromedp.Evaluate[chromedp.Void](`document.querySelector(`+strconvQuote(string(row))+`).focus(); undefined`),
		chromedp.KeyEvent("\r"), chromedp.WaitVisible(css("article.match")))
	audit("the manifest view")
	match := text("article.match")
	for _, want := range []string{"Strong identity match", "SHEHATA", "shehata", "shihata", "phonetic", "dateOfBirth", "1960-06-29", "confirms"} {
		if !strings.Contains(match, want) {
			t.Errorf("the match explanation does not show %q:\n%s", want, match)
		}
	}
	persons, findings := text("#persons tbody"), text("section.findings-section")
	if !strings.Contains(persons, "SHEHATA") || !strings.Contains(findings, "WATCHLIST_STRONG_MATCH") || !strings.Contains(findings, "/persons/5") {
		t.Errorf("persons or findings incomplete:\npersons: %.300s\nfindings: %.500s", persons, findings)
	}
	shot("console-manifest.png", true)

	// The organiser amends the manifest while the reviewer reads it: a decision on what is on
	// screen is refused, with a way to reload.
	status, hdr, b := call(t, "GET", base+"/manifests/"+listed, submitter, nil, nil)
	if status != 200 {
		t.Fatalf("read back: %d %s", status, b)
	}
	status, _, b = call(t, "PUT", base+"/manifests/"+listed, submitter, map[string]string{"Content-Type": "application/json", "If-Match": hdr.Get("ETag")}, listedBody)
	if status != 200 {
		t.Fatalf("amend: %d %s", status, b)
	}
	decide := func(decision, reason string) {
		t.Helper()
		do("record "+decision,
			chromedp.Click(css(`input[name=decision][value=`+decision+`]`)),
			chromedp.SetValue(css("#reason"), reason),
			chromedp.Click(css("#decide-submit")))
	}
	decide("ESCALATED", "listed person on board")
	do("see the stale-assessment message", chromedp.WaitVisible(css("#decide-msg .stale")))
	if stale := text("#decide-msg .stale"); !strings.Contains(stale, "Not recorded") || !strings.Contains(stale, "changed since you opened it") {
		t.Errorf("stale message %q", stale)
	}
	// Reload until the amended version's assessment is on screen (the stream scores it).
	for i := 0; ; i++ {
		do("reload", chromedp.Click(css("#reload")), chromedp.WaitVisible(css("section.decide")))
		if legend, _ := chromedp.Run(bctx, chromedp.Evaluate[string](`document.querySelector('#decide legend')?.textContent ?? ''`)); strings.Contains(legend, "version 2") {
			break
		}
		if i > 40 {
			t.Fatal("the amended version's assessment never reached the screen")
		}
		time.Sleep(250 * time.Millisecond)
		// Not assessed yet: the section offers a reload button of its own.
		if has, _ := chromedp.Run(bctx, chromedp.Evaluate[bool](`!!document.querySelector('#decide')`)); has {
			decide("ESCALATED", "probe")
			do("wait for the refusal", chromedp.WaitVisible(css("#reload")))
		} else {
			do("wait for the reload button", chromedp.WaitVisible(css("#reload")))
		}
	}
	decide("ESCALATED", "UN-listed person on board: hand over to the duty officer")
	do("see the decision recorded", chromedp.WaitVisible(css("#decide-msg .ok")))
	if audit := text("#audit tbody"); !strings.Contains(audit, "DECIDED") || !strings.Contains(audit, "ESCALATED") || !strings.Contains(audit, "local-reviewer") || !strings.Contains(audit, "hand over to the duty officer") {
		t.Errorf("the audit trail does not show the decision:\n%s", audit)
	}

	// A submitter of another organisation sees nothing of it: not in the list, not by its link.
	signOut()
	signIn("Submitter of other-org")
	do("read the other organisation's queue", chromedp.Poll[chromedp.Void](`document.querySelector('#queue-state')?.textContent`))
	if queue := text("main"); strings.Contains(queue, listed) || strings.Contains(queue, "RWB40") || !strings.Contains(queue, "No manifests match") {
		t.Errorf("another organisation's submitter sees:\n%s", queue)
	}
	do("open the manifest by its link", goTo("#/manifests/"+listed), chromedp.WaitVisible(css("main p.error")))
	if got := text("main"); !strings.Contains(got, "Manifest not found") || strings.Contains(got, "SHEHATA") {
		t.Errorf("another organisation's submitter opening the link sees:\n%s", got)
	}

	// The manifest's own submitter sees its status and validation findings, never its risk.
	signOut()
	signIn("Submitter of local-org")
	do("open the organisation's own manifest", goTo("#/manifests/"+listed), chromedp.WaitVisible(css("#persons")))
	own := text("main")
	for _, leak := range []string{"CRITICAL", "WATCHLIST", "Watchlist", "Score", "ESCALATED", "Audit trail", "Risk"} {
		if strings.Contains(own, leak) {
			t.Errorf("the submitter's view shows %q:\n%s", leak, own)
		}
	}
	audit("the submitter's manifest view")
	if !strings.Contains(own, "IN_REVIEW") {
		t.Errorf("the submitter's view does not show the status IN_REVIEW:\n%.600s", own)
	}

	// A 1,000-person manifest stays usable: sorted, filtered and paged in the page.
	big := submit(t, base, submitter, bigManifest(t, 1000, suffix))
	signOut()
	signIn("Reviewer")
	start := time.Now()
	do("open the 1,000-person manifest", goTo("#/manifests/"+big), chromedp.WaitVisible(css("#persons tbody tr")))
	openTime := time.Since(start)
	if got := text("#p-count"); got != "1000 persons, showing 1–100" {
		t.Errorf("persons count %q", got)
	}
	sortMs, err := chromedp.Run(bctx, chromedp.Evaluate[float64](`(() => { const t = performance.now(); document.querySelector('#persons thead th:nth-child(4) button').click(); return performance.now() - t; })()`))
	if err != nil {
		t.Fatal(err)
	}
	if first := text("#persons tbody tr th"); !strings.HasPrefix(first, "AALTO") {
		t.Errorf("sorted by name, the first person is %q", first)
	}
	do("filter the persons", chromedp.SendKeys(css("#p-filter"), "Person0500"),
		chromedp.Poll[chromedp.Void](`document.querySelector('#p-count').textContent === '1 of 1000 persons match'`))
	do("clear the filter and page",
		chromedp.Evaluate[chromedp.Void](`(f => { f.value = ''; f.dispatchEvent(new Event('input')); })(document.querySelector('#p-filter')); undefined`),
		chromedp.Poll[chromedp.Void](`document.querySelector('#p-count').textContent === '1000 persons, showing 1–100'`),
		chromedp.Click(css(`nav.paging button:last-child`)),
		chromedp.Poll[chromedp.Void](`document.querySelector('#p-count').textContent === '1000 persons, showing 101–200'`))
	t.Logf("1,000 persons: manifest view open in %v (API and render), sort by name %.1f ms", openTime.Round(time.Millisecond), sortMs)
	if shots != "" {
		writeConsoleFigures(t, filepath.Join(shots, "CONSOLE-PERFORMANCE.md"), openTime, sortMs)
	}

	// On a phone: the manifest view in one column.
	if shots != "" {
		do("phone view", chromedp.EmulateViewport(390, 844, chromedp.EmulateScale(2), chromedp.EmulateMobile),
			goTo("#/manifests/"+listed), chromedp.WaitVisible(css("article.match")))
		shot("console-phone.png", false)
	}
	if errs := page.errors(); len(errs) > 0 {
		t.Errorf("errors in the page (script exceptions, Content-Security-Policy violations): %v", errs)
	}
	if v, err := chromedp.Run(bctx, chromedp.Evaluate[[]string](`window.cspViolations || []`)); err != nil || len(v) > 0 {
		t.Errorf("Content-Security-Policy violations: %v %v", v, err)
	}
}

func strconvQuote(s string) string { b, _ := json.Marshal(s); return string(b) }

// pageLog collects what the page reports that a user would never see: uncaught exceptions,
// console.error calls and Content-Security-Policy refusals (which break the page silently).
// Failed API answers (a 404, a 409) are expected and not collected.
type pageLog struct {
	mu   sync.Mutex
	errs []string
}

func (p *pageLog) listen(ctx context.Context) error {
	return chromedp.Listen(ctx, func(ev any) {
		var msg string
		switch e := ev.(type) {
		case *cdpruntime.EventExceptionThrown:
			msg = "exception: " + e.ExceptionDetails.Text
			if e.ExceptionDetails.Exception != nil {
				msg += " " + e.ExceptionDetails.Exception.Description
			}
		case *cdpruntime.EventConsoleAPICalled:
			if e.Type == "error" {
				msg = "console.error"
				for _, a := range e.Args {
					msg += " " + a.Description
					if a.Value != nil {
						msg += fmt.Sprint(a.Value)
					}
				}
			}
		case *cdplog.EventEntryAdded:
			if strings.Contains(e.Entry.Text, "Content Security Policy") {
				msg = "CSP: " + e.Entry.Text
			}
		}
		if msg != "" {
			p.mu.Lock()
			p.errs = append(p.errs, msg)
			p.mu.Unlock()
		}
	})
}

func (p *pageLog) errors() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]string(nil), p.errs...)
}

// bigManifest is the clean sample with n persons: a pilot and n-1 passengers with distinct names
// and documents (surnames from AALTO on, so that sorting has a known first).
func bigManifest(t *testing.T, n int, suffix string) []byte {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(sample(t, "clean.json", suffix, 6*time.Hour), &m); err != nil {
		t.Fatal(err)
	}
	flight := m["flight"].(map[string]any)
	flight["number"] = "RWB999"
	flight["aircraftType"] = "B744"
	flight["seatCapacity"] = n
	persons := make([]any, n)
	for i := range persons {
		role := "PAX"
		if i == 0 {
			role = "PIC"
		}
		persons[i] = map[string]any{
			"ref": fmt.Sprintf("p%d", i), "role": role,
			"surname":    fmt.Sprintf("%s%c", []string{"Aalto", "Berg", "Costa", "Dahl", "Ekström", "Fofanah", "Haddad", "Ivanova"}[i%8], 'a'+rune(i%26)),
			"givenNames": fmt.Sprintf("Person%04d", i), "dateOfBirth": time.Date(1950, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i*17).Format("2006-01-02"),
			"sex": []string{"F", "M", "X"}[i%3], "nationality": []string{"SWE", "DEU", "SYR", "AFG", "UKR"}[i%5],
			"documents": []any{map[string]any{"type": "P", "number": fmt.Sprintf("Z%07d%s", i, suffix), "issuingState": []string{"SWE", "D", "SYR", "AFG", "UKR"}[i%5], "expiry": "2033-01-31"}},
		}
	}
	m["persons"] = persons
	b, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// writeConsoleFigures records the 1,000-person figures beside the screenshots (make screenshots).
func writeConsoleFigures(t *testing.T, path string, open time.Duration, sortMs float64) {
	t.Helper()
	cpu := "unknown CPU"
	if b, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, line := range strings.Split(string(b), "\n") {
			if strings.HasPrefix(line, "model name") {
				cpu = strings.TrimSpace(strings.SplitN(line, ":", 2)[1])
				break
			}
		}
	}
	version, _ := exec.Command(chromium(t), "--version").Output()
	doc := fmt.Sprintf(`# Console performance

Written by `+"`make screenshots`"+` (the browser test, cmd/paxscreen/console_e2e_test.go, run as
`+"`PAXSCREEN_SCREENSHOTS=$PWD/docs scripts/test.sh -run TestConsoleInABrowser ./cmd/paxscreen/`"+`)
on %s with %d cores available to Go, %s, headless, against the local stack on DynamoDB
Local. One run; the figures move by tens of percent from run to run on a shared machine.

| what | figure |
|---|---|
| open a 1,000-person manifest (GET manifest, assessments, audit; render every section) | %v |
| sort the persons table by name (1,000 rows sorted, 100 rendered) | %.1f ms |

The persons table renders 100 rows a page, so sorting and filtering stay well under the 100 ms at
which a response stops feeling instant (Nielsen), also on slower phones.
`, cpu, runtime.NumCPU(), strings.TrimSpace(string(version)), open.Round(time.Millisecond), sortMs)
	if err := os.WriteFile(path, []byte(doc), 0o644); err != nil {
		t.Fatal(err)
	}
}

// a11yAudit lists, in the page, what would leave a screen-reader or keyboard user stuck.
const a11yAudit = `(() => {
  const out = [];
  const name = el => (el.getAttribute('aria-label') || el.textContent || '').trim();
  for (const el of document.querySelectorAll('input:not([type=hidden]), select, textarea')) {
    if (!el.labels?.length && !el.getAttribute('aria-label') && !el.getAttribute('aria-labelledby')) out.push('unlabelled ' + el.outerHTML.slice(0, 80));
  }
  for (const el of document.querySelectorAll('button, a[href]')) {
    if (!name(el)) out.push('control without a name ' + el.outerHTML.slice(0, 80));
  }
  const h1 = document.querySelectorAll('main h1').length;
  if (h1 !== 1) out.push(h1 + ' h1 headings in main');
  for (const t of document.querySelectorAll('table')) {
    if (!t.querySelector('th')) out.push('table without header cells');
  }
  for (const el of document.querySelectorAll('[tabindex]')) {
    if (Number(el.getAttribute('tabindex')) > 0) out.push('positive tabindex ' + el.outerHTML.slice(0, 80));
  }
  for (const el of document.querySelectorAll('[aria-hidden=true] a, [aria-hidden=true] button, [aria-hidden=true] input')) out.push('focusable inside aria-hidden');
  if (!document.documentElement.lang) out.push('no lang on html');
  return out;
})()`
