package devauth

import (
	"errors"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

func TestVerifyRefusesBadTokens(t *testing.T) {
	a, err := New()
	if err != nil {
		t.Fatal(err)
	}
	other, _ := New()
	good, _ := a.Mint("alice", "org-a", []string{"submitter"}, time.Hour)
	expired, _ := a.Mint("alice", "org-a", []string{"submitter"}, -time.Hour)
	forged, _ := other.Mint("alice", "org-a", []string{"admin"}, time.Hour)
	sign := func(claims jwt.MapClaims) string {
		s, _ := jwt.NewWithClaims(jwt.SigningMethodES256, claims).SignedString(a.key)
		return s
	}
	exp := time.Now().Add(time.Hour).Unix()
	wrongAudience := sign(jwt.MapClaims{"iss": Issuer, "aud": "someone-else", "sub": "alice", "exp": exp})
	wrongIssuer := sign(jwt.MapClaims{"iss": "https://evil.example", "aud": Audience, "sub": "alice", "exp": exp})
	noExpiry := sign(jwt.MapClaims{"iss": Issuer, "aud": Audience, "sub": "alice"})
	none, _ := jwt.NewWithClaims(jwt.SigningMethodNone, jwt.MapClaims{"iss": Issuer, "aud": Audience, "sub": "alice", "exp": exp}).SignedString(jwt.UnsafeAllowNoneSignatureType)

	for name, header := range map[string]string{
		"missing": "", "not bearer": "Basic " + good, "garbage": "Bearer abc.def.ghi", "expired": "Bearer " + expired,
		"wrongly signed": "Bearer " + forged, "wrong audience": "Bearer " + wrongAudience, "wrong issuer": "Bearer " + wrongIssuer,
		"no expiry": "Bearer " + noExpiry, "alg none": "Bearer " + none,
	} {
		if _, err := a.Verify(header); !errors.Is(err, ErrUnauthorized) {
			t.Errorf("%s: want ErrUnauthorized, got %v", name, err)
		}
	}
	claims, err := a.Verify("Bearer " + good)
	if err != nil {
		t.Fatal(err)
	}
	if claims["sub"] != "alice" || claims["org"] != "org-a" || claims["roles"] != "[submitter]" {
		t.Errorf("claims %v", claims)
	}
}

func TestKeyPersistsAcrossRuns(t *testing.T) {
	path := t.TempDir() + "/key.pem"
	a, err := LoadOrCreate(path)
	if err != nil {
		t.Fatal(err)
	}
	tok, _ := a.Mint("bob", "", []string{"reviewer"}, time.Hour)
	b, err := LoadOrCreate(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := b.Verify("Bearer " + tok); err != nil {
		t.Errorf("a token minted before a restart no longer verifies: %v", err)
	}
}
