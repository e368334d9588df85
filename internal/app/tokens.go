package app

import (
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"errors"
	"fmt"
	"sort"
	"time"
	"unicode"

	"github.com/taqrir/taqrir/internal/statedoc"
)

// TokensFile holds the API tokens of a data directory, hashed.
const TokensFile = "tokens.json"

// Token is an API token as stored: its name and the SHA-256 of its
// secret, never the secret itself.
type Token struct {
	Name    string    `json:"name"`
	SHA256  string    `json:"sha256"`
	Created time.Time `json:"created"`
}

type tokenDoc struct {
	Tokens []Token `json:"tokens"`
}

// Tokens manages the API tokens of a data directory. They live in a
// document of their own (a file, or with --db a row of the database), so
// `taqrir token` works while the server runs: the server reads it on every
// check (it is small) and sees a new or revoked token at once.
type Tokens struct{ f jsonFile[tokenDoc] }

// OpenTokens returns the tokens of the data directory dir (its file).
func OpenTokens(dir string) *Tokens { return NewTokens(StateFiles(dir)) }

// NewTokens returns the tokens kept in st.
func NewTokens(st statedoc.Store) *Tokens {
	return &Tokens{f: jsonFile[tokenDoc]{st: st, name: TokensFile}}
}

// CheckName says what is wrong with the name of a token, saved search or
// source: 1 to 64 letters, digits, _ . or -.
func CheckName(what, name string) error {
	if !validName(name) {
		return fmt.Errorf("%s name %q: want 1 to 64 letters, digits, _ . or -", what, name)
	}
	return nil
}

// validName reports whether name is 1 to 64 characters, each a letter
// (Unicode L), a number (Unicode N), _ . or -; a byte that is not UTF-8 is
// none of these. (A loop, not the regexp ^[\p{L}\p{N}_.-]{1,64}$ it
// matches exactly: compiling that at package init cost every command
// 2.4 MB and several ms of start-up.)
func validName(name string) bool {
	n := 0
	for _, r := range name {
		if !unicode.IsLetter(r) && !unicode.IsNumber(r) && r != '_' && r != '.' && r != '-' {
			return false
		}
		n++
	}
	return n >= 1 && n <= 64
}

// ErrExists and ErrUnknown are wrapped by the errors for a name taken and
// a name not found.
var (
	ErrExists  = errors.New("app: name already in use")
	ErrUnknown = errors.New("app: no such name")
)

// TokenPrefix starts every token, so a leaked one is easy to recognise.
const TokenPrefix = "tq_"

// Create makes a new token named name and returns its secret, which is
// not kept: only its hash is.
func (t *Tokens) Create(name string, now time.Time) (string, error) {
	if err := CheckName("token", name); err != nil {
		return "", err
	}
	var raw [24]byte
	if _, err := rand.Read(raw[:]); err != nil {
		return "", err
	}
	secret := TokenPrefix + hex.EncodeToString(raw[:])
	err := t.f.update(func(d *tokenDoc) error {
		for _, x := range d.Tokens {
			if x.Name == name {
				return fmt.Errorf("%w: token %q exists (revoke it first)", ErrExists, name)
			}
		}
		d.Tokens = append(d.Tokens, Token{Name: name, SHA256: hashToken(secret), Created: now.UTC()})
		return nil
	})
	return secret, err
}

// List returns the tokens by name (hashes only).
func (t *Tokens) List() ([]Token, error) {
	d, err := t.f.read()
	sort.Slice(d.Tokens, func(i, j int) bool { return d.Tokens[i].Name < d.Tokens[j].Name })
	return d.Tokens, err
}

// Revoke deletes the token named name.
func (t *Tokens) Revoke(name string) error {
	return t.f.update(func(d *tokenDoc) error {
		for i, x := range d.Tokens {
			if x.Name == name {
				d.Tokens = append(d.Tokens[:i], d.Tokens[i+1:]...)
				return nil
			}
		}
		return fmt.Errorf("%w: no token named %q (taqrir token list shows them)", ErrUnknown, name)
	})
}

// Check returns the name of the token whose secret this is, or false.
func (t *Tokens) Check(secret string) (string, bool) {
	if secret == "" {
		return "", false
	}
	d, err := t.f.read()
	if err != nil {
		return "", false
	}
	h := []byte(hashToken(secret))
	for _, x := range d.Tokens {
		if subtle.ConstantTimeCompare(h, []byte(x.SHA256)) == 1 {
			return x.Name, true
		}
	}
	return "", false
}

func hashToken(secret string) string {
	s := sha256.Sum256([]byte(secret))
	return hex.EncodeToString(s[:])
}
