package paxlst

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/paxscreen/paxscreen/shared/manifest"
)

var snippets = []string{
	"", "UNA", "UNA:+.? '", "UNA:+.? 'UNB'", "UNA*|,! ~UNB|X~", "UNB+X?", "UNB+X'UNH+1+PAXLST:D:05B:UN:IATA'",
	"UNH+1+PAXLST'BGM+745'NAD+FL'DOC+P'DTM+36:x'LOC+91'UNT+1+1'",
	"UNB+UNOC:4+S+R+261130:1800+1'UNH+1+PAXLST:D:05B'BGM+250'NAD+FM+++M\xfcller'EMP+1++PIC'UNT+5+1'UNZ+1+1'",
	"UNH+1+PAXLST'BGM+745'TDT+20'LOC+125+A'DTM+189:9999999999:201'LOC+87'DTM+232:2612011030'UNT+7+1'",
	"UNH+1+PAXLST'BGM+745'NAD+FL'DTM+329:2016:602'DTM+329:201613:610'DOC+V'DTM+36:1'UNT+1+1'UNE+1+1'UNZ+x+y'",
	"UNG+PAXLST'UNG+X'UNE'UNE'UNZ'UNZ'UNH+1+PAXLST'",
	// Issue 16: what other systems write.
	"\uFEFF \r\nUNA:+.? 'UNB+UNOA:4'UNH+1+PAXLST:D:05B+R+01:C'BGM+745'NAD+FL+++a\xfc'CNT+42:2'UNT+5+1'UNH+2+PAXLST:D:05B+R+03:F'NAD+FL'CNT+42: 2'UNT+4+2'",
	"UNH+1+PAXLST+X+02'UNH+2+PAXLST+X+x:Q'UNH+3+PAXLST+Y+1:F'",
	"UNH+1+PAXLST'BGM+745'TDT+20+X'LOC+92+A'DTM+232:2612010600'LOC+92+B'DTM+189: 2612010700'TDT'LOC+22+C'LOC+92+D'DTM+232'",
}

func addSeeds(f *testing.F) {
	files, err := filepath.Glob("testdata/*.edi")
	if err != nil || len(files) == 0 {
		f.Fatal("no testdata seeds", err)
	}
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	for _, s := range snippets {
		f.Add([]byte(s))
	}
}

func checkDecodeError(t *testing.T, body []byte, err error) {
	t.Helper()
	var de *manifest.DecodeError
	if !errors.As(err, &de) {
		t.Fatalf("error is not a *manifest.DecodeError: %v", err)
	}
	if de.Format != "paxlst" || de.Line < 1 || de.Column < 1 || de.Offset < 0 || de.Offset > int64(len(body)) || de.Msg == "" {
		t.Fatalf("decode error without a place: %+v", de)
	}
}

func FuzzTokenize(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, body []byte) {
		segs, _, err := Tokenize(body)
		if err != nil {
			checkDecodeError(t, body, err)
			return
		}
		prev := -1
		for _, s := range segs {
			if !validTag(s.Tag) || s.Offset <= prev || s.Offset >= len(body) {
				t.Fatalf("segment %+v out of place (previous at %d)", s, prev)
			}
			prev = s.Offset
		}
	})
}

func FuzzDecode(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, body []byte) {
		m, findings, err := Decode(body, nil)
		if err != nil {
			checkDecodeError(t, body, err)
			return
		}
		for _, fd := range findings {
			if !strings.HasPrefix(fd.Message, "segment ") || (fd.Severity != manifest.Error && fd.Severity != manifest.Warning) ||
				(fd.Path != "" && !strings.HasPrefix(fd.Path, "/")) {
				t.Fatalf("malformed finding %+v", fd)
			}
		}
		manifest.Normalise(m)
		manifest.Validate(m, manifest.Options{})
		// What was decoded can be written again, or Encode says why not; it never panics.
		_, _ = Encode(m, EncodeOptions{})
	})
}
