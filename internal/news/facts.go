package news

// Facts are what taqrir reads out of one article. Every offset is a byte
// offset into the article's Body() (its paragraphs joined by blank lines),
// so a fact can be cited back to its sentence. Facts are embedded in
// Article, so their JSON keys (entities, dates, quantities, claims) sit at
// the top level of an article's JSON.
type Facts struct {
	Entities   []Entity   `json:"entities"`
	Dates      []Date     `json:"dates"`
	Quantities []Quantity `json:"quantities"`
	Claims     []Claim    `json:"claims"`
}

// FillEmpty turns absent lists into empty ones, so JSON output always has
// every key as an array (scripts need not test for null).
func (f *Facts) FillEmpty() {
	if f.Entities == nil {
		f.Entities = []Entity{}
	}
	if f.Dates == nil {
		f.Dates = []Date{}
	}
	if f.Quantities == nil {
		f.Quantities = []Quantity{}
	}
	if f.Claims == nil {
		f.Claims = []Claim{}
	}
}

// Entity types, as in ANERcorp (GPE is folded into LOC).
const (
	EntityPerson = "PERS"
	EntityOrg    = "ORG"
	EntityPlace  = "LOC"
	EntityMisc   = "MISC"
)

// Entity is one mention of a named entity.
type Entity struct {
	Text      string `json:"text"`      // the mention as written
	Type      string `json:"type"`      // PERS, ORG, LOC or MISC
	Canonical string `json:"canonical"` // the entity's canonical name, shared by all its aliases
	Start     int    `json:"start"`
	End       int    `json:"end"`
	// Role is a title or office held by a person in this mention
	// ("سفير", "رئيس الوزراء"); Of is the entity the role belongs to
	// ("الولايات المتحدة") and In where it is held ("العراق").
	Role string `json:"role,omitempty"`
	Of   string `json:"of,omitempty"`
	In   string `json:"in,omitempty"`
	// Metonymy marks a place named for its government (واشنطن for the US).
	Metonymy bool `json:"metonymy,omitempty"`
}

// Date granularities.
const (
	GranDay      = "day"
	GranWeek     = "week"
	GranMonth    = "month"
	GranYear     = "year"
	GranTime     = "time"     // a time of day, with or without a date
	GranRange    = "range"    // Value is "start/end"
	GranDuration = "duration" // Value is an ISO 8601 duration such as "P3W"
	GranVague    = "vague"    // منذ أسابيع: kept, never resolved
)

// Date is one date, time or duration expression, normalised TIMEX-style.
type Date struct {
	Text        string `json:"text"`
	Value       string `json:"value"` // "2021-04-07", "2021-04", "2021", "2021-W14", "2021-04-07T10:30", "2021-04-01/2021-04-07", "P3W"; "" when unresolved
	Granularity string `json:"granularity"`
	Start       int    `json:"start"`
	End         int    `json:"end"`
	// Relative marks an expression resolved against the publication date
	// (أمس, الأسبوع الماضي); Unresolved one that could not be (no anchor).
	Relative   bool `json:"relative,omitempty"`
	Unresolved bool `json:"unresolved,omitempty"`
	// Calendar is "hijri" when the text gave a Hijri date (Value is then
	// the Gregorian equivalent).
	Calendar string `json:"calendar,omitempty"`
}

// Quantity is one figure: a number with what it counts.
type Quantity struct {
	Text        string  `json:"text"`
	Value       float64 `json:"value"`
	Unit        string  `json:"unit"` // a unit or counted noun, normalised ("دولار", "%", "جندي"); "" when bare
	Approximate bool    `json:"approximate"`
	Start       int     `json:"start"`
	End         int     `json:"end"`
	// Counted is the noun phrase the number counts as written
	// ("جنديا أمريكيا", "قتيلا"), for reports.
	Counted string `json:"counted,omitempty"`
}

// Claim is one attributed statement: who said what.
type Claim struct {
	Speaker   string `json:"speaker"`             // the speaker as written, or a descriptor ("3 مسؤولين حكوميين"); empty when the source is a document an outlet read (then Anonymous, and Medium names it)
	Canonical string `json:"canonical,omitempty"` // the speaker entity's canonical name, when it is a named entity
	Text      string `json:"text"`                // the content of the claim
	Cue       string `json:"cue"`                 // the attribution cue as written (قال، أكد، بحسب…)
	Anonymous bool   `json:"anonymous"`
	Direct    bool   `json:"direct,omitempty"` // a direct quote («…» or "…")
	Medium    string `json:"medium,omitempty"` // where it was said (لصحيفة …)
	Start     int    `json:"start"`            // the content span
	End       int    `json:"end"`
	// SentenceStart and SentenceEnd bound the sentence (or sentences) that
	// carry the claim, for citations.
	SentenceStart int `json:"sentence_start"`
	SentenceEnd   int `json:"sentence_end"`
}
