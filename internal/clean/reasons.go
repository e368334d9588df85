package clean

// The one vocabulary of removals. Every removed or moved segment, whether
// cleaning took it from the text or extraction from a page's markup, has a
// kind (what the segment was), and cleaning's records also have a finer
// reason code (the rule that took it); each reason belongs to one kind. Kinds
// and reasons are stable and may be matched on (JSON "kind", "reason").
const (
	KindTeaser   = "teaser"     // a teaser label or the truncated opening of another story
	KindRelated  = "related"    // a related-stories or most-read block, a related headline
	KindShare    = "share"      // share buttons, follow-us links
	KindComments = "comments"   // a comments section or comment form
	KindCookie   = "cookie"     // a cookie or consent banner, a newsletter box
	KindHeadline = "headline"   // the headline printed again in the body
	KindCredit   = "credit"     // a line that is only an agency or photo credit
	KindCaption  = "caption"    // a photo caption, moved out of the body
	KindRepeated = "repeated"   // a paragraph printed twice
	KindDebris   = "debris"     // icon or punctuation debris
	KindFooter   = "footer"     // a page footer, copyright line, print/send tools, an advert line
	KindMeta     = "meta"       // a line that is only the date, the byline or the source of the article
	KindNav      = "navigation" // a row of section links or page tools
	KindEmbed    = "embed"      // an embedded social-media post (tweet, Instagram, TikTok)
)

// Reason codes, documented in doc.go; each belongs to the kind KindOf gives.
const (
	ReasonTeaserLabel       = "teaser-label"
	ReasonPunctuationOnly   = "punctuation-only"
	ReasonShareLinks        = "share-links"
	ReasonTruncatedTeaser   = "truncated-teaser"
	ReasonRelatedHeadline   = "related-headline"
	ReasonRepeatedParagraph = "repeated-paragraph"
	ReasonRepeatedTitle     = "repeated-title"
	ReasonCaption           = "caption"
	ReasonDuplicateCaption  = "duplicate-caption"
	ReasonCreditLine        = "credit-line"
)

// reasonKinds maps every reason code to its kind.
var reasonKinds = map[string]string{
	ReasonTeaserLabel:       KindTeaser,
	ReasonTruncatedTeaser:   KindTeaser,
	ReasonPunctuationOnly:   KindDebris,
	ReasonShareLinks:        KindShare,
	ReasonRelatedHeadline:   KindRelated,
	ReasonRepeatedParagraph: KindRepeated,
	ReasonRepeatedTitle:     KindHeadline,
	ReasonCaption:           KindCaption,
	ReasonDuplicateCaption:  KindCaption,
	ReasonCreditLine:        KindCredit,
}

// KindOf returns the kind a reason code belongs to (KindDebris for a code
// it does not know).
func KindOf(reason string) string {
	if k, ok := reasonKinds[reason]; ok {
		return k
	}
	return KindDebris
}
