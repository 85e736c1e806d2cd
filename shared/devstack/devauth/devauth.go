// Package devauth stands in for the OIDC provider on a developer's machine: it mints tokens
// signed with a local key and verifies them as API Gateway's JWT authorizer would, turning their
// claims into the map the authorizer passes to handlers. Only the local stack uses it: deployed
// functions never verify tokens themselves, API Gateway does, so this path cannot be enabled in
// the deployed template.
package devauth

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

// The local issuer and audience; the deployed stack takes its own from template parameters.
const (
	Issuer   = "https://paxscreen.local/dev"
	Audience = "paxscreen-local"
)

// ErrUnauthorized wraps every verification failure.
var ErrUnauthorized = errors.New("unauthorized")

// Authority holds the local signing key.
type Authority struct {
	key *ecdsa.PrivateKey
}

// New makes an authority with a fresh key (tests).
func New() (*Authority, error) {
	k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, err
	}
	return &Authority{key: k}, nil
}

// LoadOrCreate reads the key at path, creating it (mode 0600) on first use so that tokens minted
// by `paxscreen token` work with a later `paxscreen dev`.
func LoadOrCreate(path string) (*Authority, error) {
	b, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		a, err := New()
		if err != nil {
			return nil, err
		}
		der, err := x509.MarshalECPrivateKey(a.key)
		if err != nil {
			return nil, err
		}
		if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
			return nil, err
		}
		if err := os.WriteFile(path, pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: der}), 0o600); err != nil {
			return nil, err
		}
		return a, nil
	}
	if err != nil {
		return nil, err
	}
	block, _ := pem.Decode(b)
	if block == nil {
		return nil, fmt.Errorf("%s: not a PEM key", path)
	}
	k, err := x509.ParseECPrivateKey(block.Bytes)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return &Authority{key: k}, nil
}

// Mint issues a token for a subject with roles and an organisation ("" for none).
func (a *Authority) Mint(subject, org string, roles []string, ttl time.Duration) (string, error) {
	now := time.Now()
	claims := jwt.MapClaims{
		"iss": Issuer, "aud": Audience, "sub": subject, "roles": roles,
		"iat": now.Unix(), "nbf": now.Unix(), "exp": now.Add(ttl).Unix(),
	}
	if org != "" {
		claims["org"] = org
	}
	return jwt.NewWithClaims(jwt.SigningMethodES256, claims).SignedString(a.key)
}

// Verify checks an Authorization header value ("Bearer <token>") for signature, issuer, audience
// and lifetime, and returns the claims as API Gateway passes them: every value a string, lists
// as "[a b]".
func (a *Authority) Verify(authorization string) (map[string]string, error) {
	raw, ok := strings.CutPrefix(authorization, "Bearer ")
	if !ok || raw == "" {
		return nil, fmt.Errorf("%w: no bearer token", ErrUnauthorized)
	}
	tok, err := jwt.Parse(raw, func(*jwt.Token) (any, error) { return &a.key.PublicKey, nil },
		jwt.WithValidMethods([]string{"ES256"}), jwt.WithIssuer(Issuer), jwt.WithAudience(Audience),
		jwt.WithExpirationRequired(), jwt.WithLeeway(5*time.Second))
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrUnauthorized, err)
	}
	mc, _ := tok.Claims.(jwt.MapClaims)
	out := map[string]string{}
	for k, v := range mc {
		switch x := v.(type) {
		case string:
			out[k] = x
		case float64:
			out[k] = fmt.Sprintf("%.0f", x)
		case []any:
			parts := make([]string, len(x))
			for i, p := range x {
				parts[i] = fmt.Sprint(p)
			}
			out[k] = "[" + strings.Join(parts, " ") + "]"
		default:
			out[k] = fmt.Sprint(x)
		}
	}
	if out["sub"] == "" {
		return nil, fmt.Errorf("%w: token has no subject", ErrUnauthorized)
	}
	return out, nil
}

// SortedRoles normalises a comma-separated role list.
func SortedRoles(s string) []string {
	var roles []string
	for _, r := range strings.Split(s, ",") {
		if r = strings.TrimSpace(r); r != "" {
			roles = append(roles, r)
		}
	}
	sort.Strings(roles)
	return roles
}
