package httpapi

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"
)

// ReadJSON decodes a JSON request body into v, or returns the answer to give instead: 415 unless
// the Content-Type is application/json, 413 over max bytes, 400 for a body that is not exactly
// one JSON value of v's shape (unknown members, a second value or trailing bytes after it are all
// refused: whatever follows a value is something the client meant and we would silently drop).
func ReadJSON(req *Request, max int, v any) *Response {
	mt, _, err := mime.ParseMediaType(Header(req, "Content-Type"))
	if err != nil || mt != "application/json" {
		r := Problem(http.StatusUnsupportedMediaType, "unsupported-media-type", "Unsupported media type", "Send the body as application/json.", nil)
		return &r
	}
	if BodySize(req) > max {
		r := Problem(http.StatusRequestEntityTooLarge, "too-large", "Body too large", "The body is larger than "+strconv.Itoa(max)+" bytes.", nil)
		return &r
	}
	body, err := Body(req)
	if err != nil {
		r := Problem(http.StatusBadRequest, "malformed", "Malformed body", "The body is marked base64 but is not valid base64.", nil)
		return &r
	}
	if err := DecodeJSON(body, v); err != nil {
		r := Problem(http.StatusBadRequest, "malformed", "Malformed body", err.Error(), nil)
		return &r
	}
	return nil
}

// DecodeJSON decodes exactly one JSON value into v: unknown members, and anything but white space
// after the value, are errors. Messages name positions and fields, never quote the body.
func DecodeJSON(body []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		if errors.Is(err, io.EOF) {
			return errors.New("the body is empty; send one JSON object")
		}
		return errors.New("the body is not the expected JSON object: " + strings.TrimPrefix(err.Error(), "json: "))
	}
	end := dec.InputOffset()
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return errors.New("unexpected data after the JSON object, which ends at byte " + strconv.FormatInt(end, 10) + "; send exactly one JSON object")
	}
	return nil
}
