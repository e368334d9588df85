// Package clean turns the title and body of a scraped Arabic news article
// into a clean article: it drops the boilerplate that scrapers carry along
// (teaser labels, icon debris, related-story teasers, repeated paragraphs),
// moves photo captions out of the body and collects agency credits, and
// records every segment it removed or moved, with a reason, so a journalist
// can audit what was taken out. It works on plain text only and does no I/O.
//
// It must never lose real content: every rule is conservative and guarded
// by a test showing a normal paragraph it leaves alone, and a rule that is
// unsure keeps the text. It must never rewrite the words of a paragraph it
// keeps (only whitespace and invisible formatting characters are
// normalised), never panic, and never take more than linear time, since it
// runs on untrusted input of any size.
//
// Reason codes in [Removed] are stable and may be matched on:
//
//   - teaser-label: a navigation label on a line of its own ("اقرأ أيضا",
//     "موضوع يهمك", "الأكثر قراءة", "إعلان", "تابعونا على" …), or such a
//     label followed on the same line by a related headline.
//   - punctuation-only: a line with no letter or digit ("?", "؟", "...",
//     "|"), usually an icon or emoji mis-decoded by the scraper.
//   - share-links: a line made only of social network names.
//   - truncated-teaser: the cut-off opening of a related story, ending in
//     "…" or "...", recognised by its context (a label before it, or a
//     related headline after it).
//   - related-headline: the headline of a related story that follows a
//     teaser label or a truncated teaser, however many times it is printed;
//     or, with no label, one printed twice on one line and followed by its
//     section label («X X العراق»).
//   - repeated-paragraph: a paragraph already kept earlier (compared after
//     normalising whitespace, tatweel and harakat); the first copy stays.
//   - repeated-title: the title printed again before the first paragraph.
//   - caption: a photo caption, moved to [Result.Captions] without its credit.
//   - duplicate-caption: a second copy of a caption (glued to the first on
//     one line, or on a later line).
//   - credit-line: a line holding only an agency credit such as "(رويترز)";
//     the credit goes to [Result.Credits].
//
// Each reason belongs to one kind ([KindOf]): the coarse vocabulary of
// removals (teaser, related, share, headline, caption, credit, repeated,
// debris, and for page markup comments, cookie, footer, meta, navigation,
// embed) that package extract uses for what it strips from HTML too, so a
// user filters removals with one set of words whatever the input was.
package clean
