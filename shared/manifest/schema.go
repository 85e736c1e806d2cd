package manifest

import _ "embed"

// Schema is the JSON Schema (draft 2020-12) of the canonical JSON form, for clients and editors.
// Validate checks far more than a schema can (calendars, check digits, guardians, capacity).
//
//go:embed manifest.schema.json
var Schema []byte
