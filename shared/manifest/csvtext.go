package manifest

import (
	"bytes"
	"fmt"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/unicode"
)

// CSVText turns a CSV body into the UTF-8 text DecodeCSV reads. charset is the Content-Type's
// charset parameter (RFC 4180 section 3 lets text/csv name it), "" when none was sent.
//
//   - A UTF-16 byte order mark says the encoding on its own: Excel's "Unicode Text" export is
//     UTF-16LE with a BOM, and is read as such whatever charset says.
//   - A named charset is decoded by its WHATWG Encoding Standard label ("windows-1252",
//     "iso-8859-1", "latin1", "windows-1250", "utf-16le"...), as browsers decode what they are
//     sent: Excel's "CSV (Comma delimited)" writes the Windows code page of the user's locale,
//     which only the sender can name.
//   - Lines may end with CRLF, LF, or CR alone (macLines).
//   - Without either, the body must be UTF-8 (with or without a BOM). Bytes that are not are
//     refused at their place rather than guessed at: Windows-1252 and Windows-1250 read the
//     same byte as different letters (0xB3 is ³ in one and ł in the other), and a name screened
//     with a wrong letter is silently a different name.
//
// Errors are *DecodeError with Format "csv".
func CSVText(body []byte, charset string) ([]byte, error) {
	switch {
	case utf16BOM(body):
		return transcode(body, unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM), "UTF-16")
	case charset != "":
		enc, err := htmlindex.Get(charset)
		if err != nil {
			return nil, &DecodeError{Format: "csv", Line: 1, Column: 1, Field: "charset",
				Msg: fmt.Sprintf("charset %q is not an encoding name of the WHATWG Encoding Standard (utf-8, windows-1252, iso-8859-2...)", clipText(charset))}
		}
		if name, _ := htmlindex.Name(enc); name == "utf-8" {
			break
		}
		return transcode(body, enc, charset)
	}
	body = bytes.TrimPrefix(body, []byte("\xef\xbb\xbf"))
	if utf8.Valid(body) {
		return macLines(body), nil
	}
	off := 0
	for off < len(body) {
		r, n := utf8.DecodeRune(body[off:])
		if r == utf8.RuneError && n <= 1 {
			break
		}
		off += n
	}
	return nil, NewDecodeError("csv", body, int64(off), "", fmt.Sprintf(
		"byte 0x%02X is not UTF-8: the file is in another encoding (Excel's \"CSV (Comma delimited)\" writes the Windows code page); save it as \"CSV UTF-8\", or name the encoding in the Content-Type, e.g. text/csv; charset=windows-1252", body[off]))
}

func utf16BOM(b []byte) bool {
	return bytes.HasPrefix(b, []byte{0xFF, 0xFE}) || bytes.HasPrefix(b, []byte{0xFE, 0xFF})
}

func transcode(body []byte, enc encoding.Encoding, name string) ([]byte, error) {
	out, err := enc.NewDecoder().Bytes(body)
	if err != nil {
		return nil, &DecodeError{Format: "csv", Line: 1, Column: 1, Msg: fmt.Sprintf("the body cannot be read as %s: %v", clipText(name), err)}
	}
	return macLines(bytes.TrimPrefix(out, []byte("\xef\xbb\xbf"))), nil
}

// macLines turns the line ends of a file written with CR alone, as classic Mac OS wrote text and
// Excel for Mac's "CSV (Macintosh)" still does, into LF: RFC 4180 and encoding/csv end lines with
// LF or CRLF, and would read the whole file as one row. A file with any LF is left as it is.
func macLines(b []byte) []byte {
	if bytes.IndexByte(b, '\n') >= 0 || bytes.IndexByte(b, '\r') < 0 {
		return b
	}
	return bytes.ReplaceAll(b, []byte{'\r'}, []byte{'\n'})
}

// clipText bounds a sender's value quoted in a message.
func clipText(s string) string {
	if len(s) > 40 {
		return s[:40] + "..."
	}
	return s
}
