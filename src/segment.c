/* Paragraphs and sentences. */
#include <string.h>

#include "internal.h"

static bool is_break(char c) { return c == '\n' || c == '\r'; }

/* Closing characters that may follow a sentence terminator: quotes and brackets. */
static bool is_closer(int32_t c)
{
    return c == '"' || c == '\'' || c == ')' || c == ']' || c == 0x201D || c == 0x2019 ||
           c == 0x00BB || c == 0x201C || c == 0x203A;
}

static bool is_opener(int32_t c)
{
    return c == '"' || c == '\'' || c == '(' || c == '[' || c == 0x201C || c == 0x2018 ||
           c == 0x00AB || c == 0x201E || c == '`' || c == 0x2039;
}

static bool ends_sentence_punct(int32_t c)
{
    return c == '.' || c == '!' || c == '?' || c == 0x2026 || c == ':' || is_closer(c);
}

static int add_paragraph(ws_doc *d, size_t s, size_t e)
{
    if (ws_grow(&d->paras, &d->cap_paras, d->nparas + 1, sizeof *d->paras))
        return WS_ERR_NOMEM;
    d->paras[d->nparas++] = (ws_paragraph){.r = {s, e}};
    return 0;
}

static size_t trim_start(const char *t, size_t s, size_t e)
{
    while (s < e) {
        size_t k = s;
        if (!ws_is_space(ws_utf8_next(t, e, &k)))
            break;
        s = k;
    }
    return s;
}

static size_t trim_end(const char *t, size_t s, size_t e)
{
    while (e > s) {
        size_t k;
        if (!ws_is_space(ws_utf8_prev(t, e, &k)))
            break;
        e = k;
    }
    return e;
}

/* A line continues the previous one (hard-wrapped text) when the previous line does not end a
 * sentence and this one starts in lower case. */
static bool continues(const char *t, size_t prev_end_trimmed, size_t prev_start, size_t s,
                      size_t e)
{
    size_t k;
    int32_t last = ws_utf8_prev(t, prev_end_trimmed, &k);
    if (prev_end_trimmed <= prev_start || ends_sentence_punct(last))
        return false;
    size_t i = s;
    int32_t first = ws_utf8_next(t, e, &i);
    return ws_is_lower(first);
}

static int split_paragraphs(ws_doc *d)
{
    const char *t = d->text;
    size_t i = 0, n = d->len;
    bool have = false, blank_before = true;
    while (i < n) {
        size_t ls = i;
        while (i < n && !is_break(t[i]))
            i++;
        size_t le = i;
        if (i < n && t[i] == '\r' && i + 1 < n && t[i + 1] == '\n')
            i++;
        if (i < n)
            i++;
        size_t s = trim_start(t, ls, le), e = trim_end(t, s, le);
        if (s == e) {
            blank_before = true;
            continue;
        }
        ws_paragraph *p = have ? &d->paras[d->nparas - 1] : NULL;
        if (p && !blank_before && continues(t, p->r.end, p->r.start, s, e)) {
            p->r.end = e;
        } else if (add_paragraph(d, s, e)) {
            return WS_ERR_NOMEM;
        }
        have = true;
        blank_before = false;
    }
    return 0;
}

/* The word that ends at byte `end` (exclusive), back to the previous space. */
static size_t word_start(const char *t, size_t from, size_t end)
{
    size_t s = end;
    while (s > from) {
        size_t k;
        int32_t c = ws_utf8_prev(t, s, &k);
        if (ws_is_space(c) || is_opener(c))
            break;
        s = k;
    }
    return s;
}

/* Whether the period at `dot` (text[dot] == '.') belongs to an abbreviation, an initial or a
 * number, so that it does not end the sentence before the word at `next`. */
static bool period_continues(const ws_doc *d, size_t from, size_t dot, size_t next, size_t end)
{
    const char *t = d->text;
    size_t ws = word_start(t, from, dot + 1);
    size_t wlen = dot + 1 - ws;
    size_t k = ws;
    int32_t c0 = ws_utf8_next(t, dot + 1, &k);
    if (k == dot && ws_is_upper(c0))
        return true; /* an initial: "J. Smith" */
    bool found;
    uint32_t attrs = ws_list_attrs_of(d->eng->abbreviations, t + ws, wlen, &found);
    if (!found)
        return false;
    if (!(attrs & d->eng->a_may_end))
        return true;
    /* "U.S. officials" continues; "in the U.S. The next day" ends: the next word decides, and
     * a quotation opening with a capital ("shortly after 3 a.m. “I will …") ends it too */
    size_t q = next;
    int32_t c1 = ws_utf8_next(t, end, &q);
    if (c1 != '(' && c1 != '[' && is_opener(c1) && q < end && ws_is_upper(ws_utf8_next(t, end, &q)))
        return false;
    size_t ne = next;
    while (ne < end && !ws_space_at(t, ne, end) && t[ne] != ',')
        ne++;
    return ws_list_find(d->eng->stopwords, t + next, ne - next) < 0;
}

static int add_sentence(ws_doc *d, size_t s, size_t e, size_t para)
{
    s = trim_start(d->text, s, e);
    e = trim_end(d->text, s, e);
    if (s == e)
        return 0;
    if (ws_grow(&d->sents, &d->cap_sents, d->nsents + 1, sizeof *d->sents))
        return WS_ERR_NOMEM;
    d->sents[d->nsents++] = (ws_sentence){{s, e}, para};
    return 0;
}

static int split_sentences(ws_doc *d, size_t pi)
{
    const char *t = d->text;
    ws_paragraph *p = &d->paras[pi];
    p->first_sentence = d->nsents;
    size_t start = p->r.start, i = p->r.start, end = p->r.end;
    while (i < end) {
        size_t at = i;
        int32_t c = ws_utf8_next(t, end, &i);
        if (c != '.' && c != '!' && c != '?' && c != 0x2026)
            continue;
        size_t j = i;
        while (j < end) { /* more terminators and closing quotes: ?!" .." */
            size_t k = j;
            int32_t n = ws_utf8_next(t, end, &k);
            if (n != '.' && n != '!' && n != '?' && !is_closer(n))
                break;
            j = k;
        }
        size_t after = j;
        size_t k = j;
        if (j < end && !ws_is_space(ws_utf8_next(t, end, &k)))
            continue; /* "3.5", "U.S.-led", "Yahoo!" inside a word */
        size_t next = trim_start(t, j, end);
        if (next >= end)
            break;
        k = next;
        int32_t nc = ws_utf8_next(t, end, &k);
        if (!(ws_is_upper(nc) || ws_is_digit(nc) || is_opener(nc)))
            continue;
        if (c == '.' && after == i && period_continues(d, start, at, next, end))
            continue;
        if (add_sentence(d, start, after, pi))
            return WS_ERR_NOMEM;
        start = next;
        i = next;
    }
    if (add_sentence(d, start, end, pi))
        return WS_ERR_NOMEM;
    p->nsentences = d->nsents - p->first_sentence;
    return 0;
}

/* Whether a line opens with a quotation followed by a colon, after a short label if any, the way
 * a headline of a related story does: '"It's like living on an island": Northern estates fear
 * bridge closure', 'Read more: "We were never asked": parents on …'. */
static bool quote_then_colon(const char *t, size_t s, size_t e)
{
    size_t k = s;
    bool opens = k < e && is_opener(ws_utf8_next(t, e, &k));
    for (size_t j = s; !opens && j + 1 < e && j < s + 24; j++)
        if (t[j] == ':' && t[j + 1] == ' ') { /* after a label: "Read more: " */
            s = j + 2;
            break;
        }
    size_t i = s;
    if (i >= e || !is_opener(ws_utf8_next(t, e, &i)))
        return false;
    while (i < e) { /* the closing mark, not an apostrophe: "It's" */
        int32_t c = ws_utf8_next(t, e, &i);
        if (is_closer(c) && i < e && t[i] == ':')
            return true;
    }
    return false;
}

/* Whether a paragraph holds a photo credit, the mark of a caption: "(Photo: …", "Photo: …". */
static bool photo_credit(const char *t, size_t s, size_t e)
{
    static const char *const marks[] = {"(Photo:", "(Photo by", "Photo: ", "(AP Photo",
                                        "Photograph: "};
    for (size_t m = 0; m < sizeof marks / sizeof *marks; m++) {
        size_t n = strlen(marks[m]);
        for (size_t i = s; i + n <= e; i++)
            if (t[i] == marks[m][0] && !memcmp(t + i, marks[m], n))
                return true;
    }
    return false;
}

/* Whether a line quotes after a colon: ": “", ": \"", ": ‘", ": '". */
static bool colon_quote(const char *t, size_t s, size_t e)
{
    for (size_t i = s; i + 2 < e; i++) {
        if (t[i] != ':' || t[i + 1] != ' ')
            continue;
        size_t j = i + 2;
        if (j < e && is_opener(ws_utf8_next(t, e, &j)))
            return true;
    }
    return false;
}

/* Headlines and captions are not prose: most words capitalized and no final punctuation, or a
 * photo credit. */
static void classify(ws_doc *d, ws_paragraph *p)
{
    const char *t = d->text;
    size_t i = p->r.start, words = 0, caps = 0;
    bool in_word = false;
    while (i < p->r.end) {
        int32_t c = ws_utf8_next(t, p->r.end, &i);
        if (ws_is_letter(c)) {
            if (!in_word) {
                words++;
                if (ws_is_upper(c))
                    caps++;
            }
            in_word = true;
        } else if (ws_is_space(c)) {
            in_word = false;
        }
    }
    size_t k;
    int32_t last = ws_utf8_prev(t, p->r.end, &k);
    /* a closing mark ends a sentence after . ! ? or , — not in 'signed away her home "without
     * reading a page"'; but a line that quotes after a colon ("Feeney: ‘We Will Not …’") is
     * speech, not a headline to skip */
    int32_t before = is_closer(last) && k > p->r.start ? ws_utf8_prev(t, k, &k) : 0;
    bool final_punct =
        last == '.' || last == '!' || last == '?' ||
        (is_closer(last) && (before == '.' || before == '!' || before == '?' || before == ',' ||
                             is_closer(before) || colon_quote(t, p->r.start, p->r.end)));
    /* the first line of an article without final punctuation is its headline, whatever its case */
    bool opening = p == d->paras;
    p->headline = !final_punct && words >= 2 &&
                  (caps * 10 >= words * 6 || (opening && words <= 25) ||
                   quote_then_colon(t, p->r.start, p->r.end));
    /* "Ben Carson Defends Himself Against Claims He Exaggerated His Life Story." */
    p->title_case =
        p->headline || (opening && words >= 4 && words <= 25 && caps * 10 >= words * 8) ||
        (words >= 3 && words <= 8 && caps == words); /* "Minority Outreach Undone By Trump." */
    size_t s = p->r.start;
    int32_t first = ws_utf8_next(t, p->r.end, &s);
    /* a photo credit: "© Reuters", "… (Photo: Freya Lind / Holmstad Gazette)" */
    p->boilerplate = first == 0x00A9 || photo_credit(t, p->r.start, p->r.end);
}

int ws_segment(ws_doc *d)
{
    int rc = split_paragraphs(d);
    for (size_t i = 0; rc == 0 && i < d->nparas; i++) {
        classify(d, &d->paras[i]);
        rc = split_sentences(d, i);
    }
    return rc;
}

size_t ws_sentence_at(const ws_doc *d, size_t byte)
{
    size_t lo = 0, hi = d->nsents;
    while (lo < hi) { /* first sentence whose end is beyond byte */
        size_t mid = lo + (hi - lo) / 2;
        if (d->sents[mid].r.end <= byte)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < d->nsents ? lo : (d->nsents ? d->nsents - 1 : 0);
}

size_t ws_paragraph_at(const ws_doc *d, size_t byte)
{
    size_t lo = 0, hi = d->nparas;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (d->paras[mid].r.end <= byte)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < d->nparas ? lo : (d->nparas ? d->nparas - 1 : 0);
}
