/* Attribution frames: for each direct quotation the "after" and "before" frames that attach a cue
 * and a speaker mention; for each sentence the "sentence" frames that find reported speech. */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* How far before an opening mark a "before" frame looks ("Russian President Vladimir Putin told
 * reporters on Monday: " fits easily). Bounds the work on long paragraphs. */
#define BEFORE_WINDOW 300
/* Text allowed between the cue of one quotation and the next quotation it also introduces:
 * "Q1," she said, "Q2." */
#define SPLIT_GAP 60
/* The same when that text is a phrase set off by commas and the second quotation goes on in
 * lower case: "Q1," said X, director of … at the … in London, "but Q2." */
#define SPLIT_GAP_PHRASE 200
/* Reported speech is looked for in sentences up to this long; longer ones are run-on text
 * (tables, lists, scraped markup), and skipping them bounds the work per sentence. */
#define MAX_SENTENCE 4096
/* Reported speech with at most this many words outside its quote marks is a direct quotation
 * ("said “…”", "said that “…”"); one word outside already makes it mixed ("said it “is …”"), as
 * the corpus guidelines have it. */
#define DIRECT_OUTSIDE_WORDS 0
/* Reports looked for in one sentence ("…, but officials said …"): news sentences hold two or
 * three; the bound keeps a sentence of thousands of clauses linear. */
#define MAX_CLAUSES 4
/* Tails chained after one report ("calling him a “stiff” and accusing him of …"): two or three
 * in real sentences; the bound keeps a sentence of many "and"s linear. */
#define MAX_TAILS 3

int ws_match_error(ws_doc *d, const ws_frame *f, int rc)
{
    if (rc == PCRE2_ERROR_MATCHLIMIT || rc == PCRE2_ERROR_DEPTHLIMIT ||
        rc == PCRE2_ERROR_HEAPLIMIT || rc == PCRE2_ERROR_JIT_STACKLIMIT)
        return ws_fail_at(d->err, WS_ERR_LIMIT, f->file, f->line, 1,
                          "frame '%s' hit a PCRE2 limit (runaway backtracking?)", f->name);
    if (rc == PCRE2_ERROR_NOMEMORY)
        return ws_fail(d->err, WS_ERR_NOMEM, "out of memory in frame '%s'", f->name);
    PCRE2_UCHAR buf[200];
    pcre2_get_error_message(rc, buf, sizeof buf);
    return ws_fail_at(d->err, WS_ERR_INTERNAL, f->file, f->line, 1, "frame '%s': %s", f->name,
                      (const char *)buf);
}

static ws_range group_range(const ws_frame *f, pcre2_match_data *md, int g, size_t base)
{
    PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
    if (g < 0 || ov[2 * g] == PCRE2_UNSET)
        return (ws_range){WS_NONE, WS_NONE};
    (void)f;
    return (ws_range){base + ov[2 * g], base + ov[2 * g + 1]};
}

static int add_cand(ws_doc *d, ws_cand c)
{
    if (ws_grow(&d->cands, &d->cap_cands, d->ncands + 1, sizeof *d->cands))
        return WS_ERR_NOMEM;
    c.entity = WS_NONE;
    c.explain = NULL;
    c.paragraph = ws_paragraph_at(d, c.content.start);
    c.sentence = ws_sentence_at(d, c.content.start);
    d->cands[d->ncands++] = c;
    return 0;
}

/* Fills cue and mention of c from a frame match. */
static void take_frame(ws_cand *c, const ws_frame *f, pcre2_match_data *md, size_t base)
{
    c->cue = f->g_cue > 0 ? group_range(f, md, f->g_cue, base) : (ws_range){WS_NONE, WS_NONE};
    c->mention =
        f->g_mention > 0 ? group_range(f, md, f->g_mention, base) : (ws_range){WS_NONE, WS_NONE};
    c->appos = f->g_appos > 0 ? group_range(f, md, f->g_appos, base) : (ws_range){WS_NONE, WS_NONE};
    c->has_cue = c->cue.start != WS_NONE && c->cue.end > c->cue.start;
    c->has_mention = c->mention.start != WS_NONE && c->mention.end > c->mention.start;
    c->rule = f->name;
}

static size_t char_boundary(const char *t, size_t i, size_t limit)
{
    while (i < limit && ((unsigned char)t[i] & 0xC0) == 0x80)
        i++;
    return i;
}

/* The next frame of kind `where`, from index *i on, that matches text[s..e); *i becomes its
 * index. Returns 1 on a match (d->md holds it), 0 when none matches, or a negative ws_status. */
static int next_match(ws_doc *d, ws_frame_where where, size_t *i, size_t s, size_t e,
                      uint32_t options)
{
    for (; *i < d->eng->nframes; (*i)++) {
        const ws_frame *f = &d->eng->frames[*i];
        if (f->where != where)
            continue;
        int rc = ws_frame_match(f, d->text + s, e - s, 0, options, d->md, d->mc);
        if (rc >= 0)
            return 1;
        if (rc != PCRE2_ERROR_NOMATCH)
            return ws_match_error(d, f, rc);
    }
    return 0;
}

static bool has_frames(const ws_engine *e, ws_frame_where where)
{
    for (size_t i = 0; i < e->nframes; i++)
        if (e->frames[i].where == where)
            return true;
    return false;
}

/* Whether text[s..e) may hold a cue: true when no filter frame is defined or one matches.
 * Most sentences hold none, and one scan for any cue is cheaper than every frame's search. */
static int may_hold_cue(ws_doc *d, size_t s, size_t e)
{
    size_t i = 0;
    return has_frames(d->eng, WS_WHERE_FILTER) ? next_match(d, WS_WHERE_FILTER, &i, s, e, 0) : 1;
}

/* Where a before frame looks for the attribution of quotation q: from the start of its
 * sentence (at most BEFORE_WINDOW back) to its opening mark, or the paragraph before when that
 * ends with a colon and the quotation opens its own ("Mr. Mthembu said:" on a line). */
static void before_window(const ws_doc *d, const ws_qspan *q, size_t *s, size_t *end)
{
    *s = d->paras[q->paragraph].r.start;
    *end = q->outer.start;
    size_t si = ws_sentence_at(d, q->outer.start);
    if (si < d->nsents && d->sents[si].r.start > *s && d->sents[si].r.start <= *end)
        *s = d->sents[si].r.start;
    if (*s == *end && q->paragraph > 0) {
        const ws_paragraph *prev = &d->paras[q->paragraph - 1];
        if (d->text[prev->r.end - 1] == ':')
            *s = prev->r.start, *end = prev->r.end;
    }
    if (*end - *s > BEFORE_WINDOW)
        *s = char_boundary(d->text, *end - BEFORE_WINDOW, *end);
}

/* Tries the after frames, then the before frames, on one direct quotation. Returns 1 when one
 * matched (*match_end then tells where the attribution ended), 0 when none did. */
static int attach_frame(ws_doc *d, const ws_qspan *q, ws_cand *c, size_t *match_end)
{
    for (int pass = 0; pass < 2; pass++) {
        ws_frame_where where = pass == 0 ? WS_WHERE_AFTER : WS_WHERE_BEFORE;
        size_t s, end;
        if (where == WS_WHERE_AFTER) {
            if (q->open_ended)
                continue;
            s = q->outer.end, end = d->paras[q->paragraph].r.end;
        } else {
            if (q->continuation)
                continue;
            before_window(d, q, &s, &end);
            int hold = may_hold_cue(d, s, end);
            if (hold <= 0)
                return hold;
        }
        for (size_t i = 0;; i++) {
            int rc = next_match(d, where, &i, s, end, 0);
            if (rc < 0)
                return rc;
            if (rc == 0)
                break;
            PCRE2_SIZE *ov = pcre2_get_ovector_pointer(d->md);
            if (where == WS_WHERE_BEFORE && s + ov[1] != end)
                continue; /* a before frame ends at the opening mark */
            take_frame(c, &d->eng->frames[i], d->md, s);
            *match_end = s + ov[1];
            return 1;
        }
    }
    return 0;
}

/* Whether a quotation opens in lower case after a comma, as the rest of a sentence does. */
static bool goes_on(const ws_doc *d, const ws_qspan *next)
{
    size_t k = next->outer.start, at = next->inner.start;
    while (k > 0 && ws_is_space(ws_utf8_prev(d->text, k, &k)))
        ;
    if (d->text[k] != ',' || at >= next->inner.end)
        return false;
    return ws_is_lower(ws_utf8_next(d->text, next->inner.end, &at));
}

/* Whether the text between an attribution and the next quotation only joins them. */
static bool joins(const ws_doc *d, size_t from, const ws_qspan *next)
{
    size_t to = next->outer.start;
    if (to < from || to - from > (goes_on(d, next) ? SPLIT_GAP_PHRASE : SPLIT_GAP))
        return false;
    for (size_t i = from; i < to; i++) {
        char c = d->text[i];
        size_t k = i + 1;
        bool space_next = k >= to || ws_is_space(ws_utf8_next(d->text, to, &k));
        if (c == '!' || c == '?' || (c == '.' && space_next))
            return false; /* "Kenansville, N.C., “…" holds no sentence end */
    }
    return true;
}

static bool skipped(const ws_doc *d, size_t pi)
{
    return d->paras[pi].headline || d->paras[pi].boilerplate;
}

static int direct_quotes(ws_doc *d)
{
    size_t joined_to = WS_NONE; /* a quotation introduced by the previous one's attribution */
    ws_cand joined = {0};
    for (size_t qi = 0; qi < d->nqspans; qi++) {
        const ws_qspan *q = &d->qspans[qi];
        if (skipped(d, q->paragraph))
            continue;
        ws_cand c = {0};
        c.type = WS_DIRECT;
        c.content = q->inner;
        c.qspan = qi;
        c.rule = "unattributed";
        size_t end = 0;
        int rc = attach_frame(d, q, &c, &end);
        if (rc < 0)
            return rc;
        if (rc == 0 && joined_to == qi) {
            c.cue = joined.cue, c.mention = joined.mention;
            c.has_cue = joined.has_cue, c.has_mention = joined.has_mention;
            c.rule = "split";
        } else if (rc == 1 && joined_to == qi && c.has_cue && joined.has_cue &&
                   c.cue.start == joined.cue.start) {
            c.rule = "split"; /* "Q1," he said, "Q2.": the cue between them introduces both */
        }
        joined_to = WS_NONE;
        if (rc == 1 && qi + 1 < d->nqspans && d->qspans[qi + 1].paragraph == q->paragraph &&
            end <= d->qspans[qi + 1].outer.start && joins(d, end, &d->qspans[qi + 1])) {
            joined_to = qi + 1;
            joined = c;
        }
        if ((rc = add_cand(d, c)))
            return rc;
    }
    return 0;
}

static size_t trim_content_end(const char *t, size_t s, size_t e)
{
    while (e > s) {
        size_t k;
        int32_t c = ws_utf8_prev(t, e, &k);
        if (ws_is_space(c) || c == ',' || c == '.' || c == ';' || c == ':')
            e = k;
        else
            break;
    }
    return e;
}

/* The first of cands[lo, hi) (in order and disjoint) whose content ends after byte pos. */
static size_t first_ending_after(const ws_doc *d, size_t lo, size_t hi, size_t pos)
{
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (d->cands[mid].content.end <= pos)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Why check_content() turns reported speech down when what it holds is a quotation that the
 * speech can still attribute (lend_attribution()). */
static const char ALL_QUOTED[] = "is a direct quotation", CROSSES[] = "crosses a quotation";

/* Checks reported speech against the direct quotations: NULL when it is acceptable (setting
 * *mixed when it holds a quotation), otherwise why not. */
static const char *check_content(ws_doc *d, ws_range r, bool *mixed)
{
    size_t quoted_words = 0;
    *mixed = false;
    size_t lo = 0, hi = d->nqspans; /* spans are in order and disjoint: the first that ends after */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (d->qspans[mid].outer.end <= r.start)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (size_t qi = lo; qi < d->nqspans && d->qspans[qi].outer.start < r.end; qi++) {
        const ws_qspan *q = &d->qspans[qi];
        if (q->outer.start < r.start || q->outer.end > r.end + 1)
            return CROSSES;
        size_t k = q->outer.start; /* "told the channel: “…”": a colon introduces a quotation */
        for (size_t sp; k > r.start && (sp = ws_space_before(d->text, r.start, k));)
            k -= sp;
        if (k > r.start && d->text[k - 1] == ':')
            return "holds a quotation a colon introduces";
        if (k >= r.start + 3 && q->outer.end + 1 >= r.end && /* the quotation ends the content */
            ws_count_words(d->text, r.start, k) <= 6 && /* a dateline, a name */
            (!memcmp(d->text + k - 3, "\xE2\x80\x94", 3) ||   /* an em dash */
             !memcmp(d->text + k - 3, "\xE2\x80\x93", 3)))     /* an en dash */
            return ALL_QUOTED; /* "Ré — “Déjà vu,” Zoë Kraus said": set apart */
        quoted_words += q->words;
        *mixed = true;
    }
    if (*mixed && ws_count_words(d->text, r.start, r.end) <= quoted_words + DIRECT_OUTSIDE_WORDS)
        return ALL_QUOTED;
    size_t ai = first_ending_after(d, d->ndirect, d->answers_end, r.start);
    if (ai < d->answers_end && d->cands[ai].content.start < r.end)
        return "overlaps an answer";
    const ws_cand *last = d->ncands > d->answers_end ? &d->cands[d->ncands - 1] : NULL;
    if (last && last->content.start < r.end && r.start < last->content.end)
        return "overlaps reported speech"; /* sentences come in order: only the last can */
    return NULL;
}

/* Direct quotations inside mixed reported speech are part of it, not quotations of their own. */
static void absorb(ws_doc *d, ws_range r)
{
    for (size_t ci = first_ending_after(d, 0, d->ndirect, r.start);
         ci < d->ndirect && d->cands[ci].content.start < r.end; ci++) {
        ws_cand *c = &d->cands[ci];
        if (c->content.start >= r.start && c->content.end <= r.end)
            c->dropped = true;
    }
}

/* Reported speech that is all quotation ("said that “…”"), or that runs on into a quotation
 * past its sentence ("said the race was “far from over. We will win.”"), attributes the
 * quotations that open inside it when nothing else did. Returns whether one took it. */
static bool lend_attribution(ws_doc *d, const ws_cand *r)
{
    bool lent = false;
    for (size_t ci = first_ending_after(d, 0, d->ndirect, r->content.start);
         ci < d->ndirect && d->cands[ci].content.start <= r->content.end; ci++) {
        ws_cand *c = &d->cands[ci];
        const ws_qspan *q = &d->qspans[c->qspan];
        if (c->has_cue || c->dropped || c->answer || q->outer.start < r->content.start)
            continue;
        c->cue = r->cue, c->mention = r->mention, c->appos = r->appos;
        c->has_cue = r->has_cue, c->has_mention = r->has_mention;
        c->rule = r->rule;
        lent = true;
    }
    return lent;
}

/* Where the next clause of a sentence starts when reported speech ended at byte `at` before
 * a conjunction ("…, but officials said …"), or WS_NONE. */
static size_t next_clause(const ws_doc *d, size_t at, size_t end)
{
    static const char *const joins[] = {"but ", "while ", "whereas ", "although ", "and "};
    const char *t = d->text;
    size_t i = at;
    if (i < end && t[i] == ',')
        i++;
    size_t spaced = i;
    for (size_t k = i; k < end && ws_is_space(ws_utf8_next(t, end, &k));) /* no-break ones too */
        i = k;
    if (i == spaced)
        return WS_NONE;
    for (size_t k = 0; k < sizeof joins / sizeof *joins; k++) {
        size_t n = strlen(joins[k]);
        if (end - i > n && !memcmp(t + i, joins[k], n))
            return i + n;
    }
    return WS_NONE;
}

/* Reported speech that runs over a quotation with an attribution of its own ("…unserious - “We
 * need the details,” she said - and charged …") ends before that quotation: the quotation is
 * hers, not part of the report. */
static void end_before_attributed(const ws_doc *d, ws_range *r)
{
    for (size_t ci = first_ending_after(d, 0, d->ndirect, r->start);
         ci < d->ndirect && d->cands[ci].content.start < r->end; ci++) {
        const ws_cand *c = &d->cands[ci];
        const ws_qspan *q = &d->qspans[c->qspan];
        if (!c->has_cue || c->answer || q->outer.start <= r->start || c->cue.start < q->outer.end ||
            c->cue.end > r->end)
            continue; /* only an attribution after the quotation, inside the report */
        size_t mark, before;
        ws_utf8_prev(d->text, q->outer.end, &mark); /* the closing mark */
        int32_t last = mark > q->outer.start ? ws_utf8_prev(d->text, mark, &before) : 0;
        if (last != ',' && last != '?' && last != '!')
            continue; /* set apart ("'...,' she said"), not a scare quote ("a 'disgrace' Monday") */
        size_t e = q->outer.start;
        while (e > r->start) { /* and the dash or comma that set it apart */
            size_t k;
            int32_t ch = ws_utf8_prev(d->text, e, &k);
            if (!(ws_is_space(ch) || ch == ',' || ch == '-' || ch == 0x2014 || ch == 0x2013 ||
                  ch == ':' || ch == ';'))
                break;
            e = k;
        }
        r->end = e;
        return;
    }
}

/* What became of reported speech offered to place_report(). */
enum { REPORT_REJECTED, REPORT_QUOTED, REPORT_LENT, REPORT_ADDED };

/* Reported speech c, its cue and mention taken: added (mixed when it holds a quotation) when
 * check_content() accepts it; when it is all quotation, its attribution is lent to the quotation
 * (REPORT_LENT) or the quotation had one already (REPORT_QUOTED). A negative ws_status on error. */
static int place_report(ws_doc *d, ws_cand *c)
{
    end_before_attributed(d, &c->content);
    if (ws_count_words(d->text, c->content.start, c->content.end) < 3)
        return REPORT_REJECTED;
    bool mixed;
    const char *why_not = check_content(d, c->content, &mixed);
    if (why_not == ALL_QUOTED || why_not == CROSSES)
        return lend_attribution(d, c) ? REPORT_LENT : REPORT_QUOTED;
    if (why_not)
        return REPORT_REJECTED;
    if (mixed) {
        c->type = WS_MIXED;
        absorb(d, c->content);
    }
    int rc = add_cand(d, *c);
    return rc < 0 ? rc : REPORT_ADDED;
}

/* A tail frame matched at byte `at` of sentence s: what the speaker of r reports next, placed as
 * reported speech. Returns 1 when it was added (*tail is it), 0 when not, or a negative
 * ws_status. */
static int tail_at(ws_doc *d, const ws_sentence *s, const ws_cand *r, size_t at, ws_cand *tail)
{
    size_t i = 0;
    int rc = at < s->r.end ? next_match(d, WS_WHERE_TAIL, &i, at, s->r.end, 0) : 0;
    if (rc <= 0)
        return rc;
    const ws_frame *f = &d->eng->frames[i];
    ws_cand c = *r;
    c.type = WS_INDIRECT;
    c.qspan = WS_NONE;
    c.content = group_range(f, d->md, f->g_content, at);
    c.cue = group_range(f, d->md, f->g_cue, at);
    c.rule = f->name;
    if (c.content.start == WS_NONE)
        return 0;
    c.content.end = trim_content_end(d->text, c.content.start, c.content.end);
    if (ws_count_words(d->text, c.content.start, c.content.end) < 3)
        return 0;
    int placed = place_report(d, &c);
    *tail = c;
    return placed < 0 ? placed : placed == REPORT_ADDED;
}

/* "…, the mayor said, adding that Q2": when a tail frame matches at the first comma after the
 * cue of candidate r, the speaker of r reports Q2 too. When none matches there, a tail may start
 * where r's content ends ("Bush praised Rubio as “…” but described his skills as “…”"), and
 * where each tail ends the next may start ("calling him a “stiff” and accusing him of …"). */
static int participle_tail(ws_doc *d, const ws_sentence *s, const ws_cand *r)
{
    if (!r->has_cue || !r->has_mention || r->cue.end >= s->r.end)
        return 0;
    size_t at = r->cue.end;
    while (at < s->r.end && d->text[at] != ',') /* the tail starts at the next comma */
        at++;
    ws_cand tail;
    int rc = tail_at(d, s, r, at, &tail);
    if (rc == 0 && r->content.start >= r->cue.end && r->content.end != at)
        rc = tail_at(d, s, r, r->content.end, &tail);
    for (int more = 0; rc == 1 && more < MAX_TAILS; more++)
        rc = tail_at(d, s, r, tail.content.end, &tail);
    return rc < 0 ? rc : 0;
}

/* Reported speech in the clauses of one sentence, from byte `from`: the first frame that
 * matches gives one candidate; when its content stops before another attribution, the clause
 * after the conjunction is tried next, and when the frame's match stops before the sentence
 * ends ("While Brill said …, the mayor said …"), the clause where it stopped. */
static int reported_clauses(ws_doc *d, const ws_sentence *s)
{
    const ws_engine *e = d->eng;
    size_t clauses = 0; /* each clause rescans the rest of the sentence: bounded */
    for (size_t from = s->r.start;
         from != WS_NONE && from < s->r.end && clauses++ < MAX_CLAUSES;) {
        int hold = may_hold_cue(d, from, s->r.end);
        if (hold <= 0)
            return hold;
        size_t next = WS_NONE;
        for (size_t i = 0;; i++) {
            int rc = next_match(d, WS_WHERE_SENTENCE, &i, from, s->r.end, 0);
            if (rc <= 0)
                return rc;
            const ws_frame *f = &e->frames[i];
            ws_cand c = {0};
            c.type = WS_INDIRECT;
            c.qspan = WS_NONE;
            c.content = group_range(f, d->md, f->g_content, from);
            if (c.content.start == WS_NONE)
                continue;
            size_t raw_end = c.content.end;
            size_t match_end = from + pcre2_get_ovector_pointer(d->md)[1];
            c.content.end = trim_content_end(d->text, c.content.start, c.content.end);
            if (ws_count_words(d->text, c.content.start, c.content.end) < 3)
                continue;
            take_frame(&c, f, d->md, from);
            int placed = place_report(d, &c);
            if (placed < 0)
                return placed;
            if (placed == REPORT_REJECTED)
                continue; /* another frame may read the sentence otherwise */
            size_t had = d->ncands;
            if ((rc = participle_tail(d, s, &c)))
                return rc;
            if (placed == REPORT_ADDED) {
                next = next_clause(d, raw_end, s->r.end);
                if (next == WS_NONE && match_end > raw_end && match_end < s->r.end)
                    next = match_end; /* the frame stopped where a main clause starts */
                break;
            }
            if (placed == REPORT_LENT || d->ncands > had)
                break;
        }
        from = next;
    }
    return 0;
}

static int reported_speech(ws_doc *d)
{
    for (size_t si = 0; si < d->nsents; si++) {
        const ws_sentence *s = &d->sents[si];
        if (skipped(d, s->paragraph) || s->r.end - s->r.start > MAX_SENTENCE)
            continue;
        int rc = reported_clauses(d, s);
        if (rc < 0)
            return rc;
    }
    return 0;
}

/* Quotations an answer overlaps: a transcript turn that opens with a quote mark ("PENCE: …)
 * is one answer, not a quotation running from the mark. */
static void absorb_overlapping(ws_doc *d, ws_range r)
{
    for (size_t ci = first_ending_after(d, 0, d->ndirect, r.start);
         ci < d->ndirect && d->cands[ci].content.start < r.end; ci++)
        d->cands[ci].dropped = true;
}

/* Q&A interviews: a paragraph that an answer frame matches ("A: …") is the interviewee's. */
static int answers(ws_doc *d)
{
    for (size_t pi = 0; pi < d->nparas; pi++) {
        const ws_paragraph *p = &d->paras[pi];
        size_t i = 0;
        int rc = skipped(d, pi) ? 0
                                : next_match(d, WS_WHERE_ANSWER, &i, p->r.start, p->r.end,
                                             PCRE2_ANCHORED);
        if (rc <= 0) {
            if (rc < 0)
                return rc;
            continue;
        }
        const ws_frame *f = &d->eng->frames[i];
        ws_cand c = {0};
        c.type = WS_DIRECT;
        c.qspan = WS_NONE;
        c.answer = true;
        c.content = group_range(f, d->md, f->g_content, p->r.start);
        take_frame(&c, f, d->md, p->r.start);
        if (c.content.start == WS_NONE || c.content.end <= c.content.start)
            continue;
        absorb_overlapping(d, c.content); /* its quote marks are part of the answer */
        if ((rc = add_cand(d, c)))
            return rc;
    }
    return 0;
}

static int by_position(const void *a, const void *b)
{
    const ws_cand *x = a, *y = b;
    return x->content.start < y->content.start ? -1 : x->content.start > y->content.start;
}

int ws_find_frames(ws_doc *d)
{
    int rc = direct_quotes(d);
    d->ndirect = d->ncands;
    if (rc == 0)
        rc = answers(d);
    d->answers_end = d->ncands;
    if (rc == 0)
        rc = reported_speech(d);
    if (rc == 0 && d->ncands > 1)
        qsort(d->cands, d->ncands, sizeof *d->cands, by_position);
    return rc;
}
