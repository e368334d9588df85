package realnews

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// JudgedActorsFile holds verdicts on the actors reports list, written by
// reading them (see the README): the gold lists a story's key actors only,
// so an actor outside it is not wrong for that; the verdicts say which of
// the listed actors an analyst would strike out.
const JudgedActorsFile = "actors-judged.tsv"

// Verdicts on a listed actor.
const (
	VerdictOK       = "ok"         // a real participant, named and typed right
	VerdictType     = "wrong-type" // a real participant typed wrong (a city as ORG)
	VerdictNotActor = "not-actor"  // no actor: a word, a verb, an operation's name, a platform named in passing
	VerdictFragment = "fragment"   // part of a name, or a name glued to a word
	VerdictRepeat   = "repeat"     // another spelling of an actor listed above it
)

// JudgedActors maps story id → "name (TYPE)" → verdict.
type JudgedActors map[string]map[string]string

// LoadJudgedActors reads dir's actors-judged.tsv: story, actor as
// "name (TYPE)", verdict, a note; # lines are comments. A missing file is
// an empty set.
func LoadJudgedActors(dir string) (JudgedActors, error) {
	return loadVerdicts(dir, JudgedActorsFile, ReadJudgedActors)
}

// ReadJudgedActors parses the verdicts (see LoadJudgedActors).
func ReadJudgedActors(r io.Reader) (JudgedActors, error) {
	return readVerdicts[JudgedActors](r, "actor", VerdictOK, VerdictType, VerdictNotActor, VerdictFragment, VerdictRepeat)
}

// loadVerdicts reads the verdicts file name of dir with read; a missing
// file is an empty set.
func loadVerdicts[V ~map[string]map[string]string](dir, name string, read func(io.Reader) (V, error)) (V, error) {
	f, err := os.Open(filepath.Join(dir, name))
	if errors.Is(err, fs.ErrNotExist) {
		return V{}, nil
	} else if err != nil {
		return nil, err
	}
	defer f.Close()
	j, err := read(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", filepath.Join(dir, name), err)
	}
	return j, nil
}

// readVerdicts parses a verdicts file: story, the item judged (what
// names it), one of verdicts, a note; # lines are comments. An item
// judged twice for one story, or a verdict not among verdicts, is
// ErrBadGold.
func readVerdicts[V ~map[string]map[string]string](r io.Reader, what string, verdicts ...string) (V, error) {
	j := V{}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	n := 0
	for sc.Scan() {
		n++
		line := sc.Text()
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		cols := strings.Split(line, "\t")
		if len(cols) < 3 {
			return nil, fmt.Errorf("%w: line %d: want story, %s, verdict[, note]", ErrBadGold, n, what)
		}
		if !slices.Contains(verdicts, cols[2]) {
			return nil, fmt.Errorf("%w: line %d: verdict %q (want one of %s)", ErrBadGold, n, cols[2], strings.Join(verdicts, ", "))
		}
		if j[cols[0]] == nil {
			j[cols[0]] = map[string]string{}
		}
		if _, dup := j[cols[0]][cols[1]]; dup {
			return nil, fmt.Errorf("%w: line %d: %s judged twice for %s", ErrBadGold, n, cols[1], cols[0])
		}
		j[cols[0]][cols[1]] = cols[2]
	}
	return j, sc.Err()
}

// Judge scores a story's top actors against the verdicts: how many are
// judged, how many ok, and the unjudged ones.
func (j JudgedActors) Judge(story string, top []string) (judged, ok int, unjudged []string) {
	for _, a := range top {
		v, found := j[story][a]
		if !found {
			unjudged = append(unjudged, a)
			continue
		}
		judged++
		if v == VerdictOK {
			ok++
		}
	}
	return judged, ok, unjudged
}
