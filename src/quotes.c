/* Quote spans: pairs of quote marks (from quote-marks.txt) within a paragraph, and quotations
 * that run over several paragraphs. Marks are told from apostrophes by what flanks them, the way
 * CommonMark tells emphasis delimiters: an opener is followed by text and preceded by space or
 * punctuation, a closer the reverse; a mark between two letters (don't, Russia's) is neither. */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* How far down the stack a closer looks for its opener: deeper nesting does not occur in news,
 * and the bound keeps 100,000 unbalanced marks linear. */
#define MAX_NEST_SEARCH 8

typedef struct mark {
    size_t pos, len;
    const char *text; /* the mark as listed */
} mark;

typedef struct pairspan {
    size_t open, open_len, close, close_len;
} pairspan;

/* The longest quote mark listed in quote-marks.txt that starts at t[i], or NULL. */
static const char *mark_at(const ws_engine *e, const char *t, size_t i, size_t end, size_t *len)
{
    const char *best = NULL;
    size_t best_len = 0;
    if (!e->mark_start[(unsigned char)t[i]])
        return NULL;
    for (size_t p = 0; p < e->npairs; p++) {
        const char *m[2] = {e->pairs[p].open, e->pairs[p].close};
        size_t lens[2] = {e->pairs[p].open_len, e->pairs[p].close_len};
        for (int k = 0; k < 2; k++) {
            size_t n = lens[k];
            if (n > best_len && i + n <= end && memcmp(t + i, m[k], n) == 0) {
                best = m[k];
                best_len = n;
            }
        }
    }
    *len = best_len;
    return best;
}

static bool pair_exists(const ws_engine *e, const char *open, const char *close, bool as_open)
{
    for (size_t p = 0; p < e->npairs; p++) {
        if (as_open && !strcmp(e->pairs[p].open, open))
            return true;
        if (!as_open && !strcmp(e->pairs[p].close, close))
            return true;
        if (open && close && !strcmp(e->pairs[p].open, open) && !strcmp(e->pairs[p].close, close))
            return true;
    }
    return false;
}

static bool closes(const ws_engine *e, const char *open, const char *close)
{
    for (size_t p = 0; p < e->npairs; p++)
        if (!strcmp(e->pairs[p].open, open) && !strcmp(e->pairs[p].close, close))
            return true;
    return false;
}

/* A listed mark shorter than len at t[i] that closes open: the first ' of ''' closes a
 * quotation nested in a '' one (''…, 'Kosovo is a special case,''' Mr. Putin said). */
static const char *shorter_closer(const ws_engine *e, const char *t, size_t i, size_t len,
                                  const char *open, size_t *out_len)
{
    for (size_t p = 0; p < e->npairs; p++) {
        const char *c = e->pairs[p].close;
        size_t n = e->pairs[p].close_len;
        if (n < len && !memcmp(t + i, c, n) && !strcmp(e->pairs[p].open, open)) {
            *out_len = n;
            return c;
        }
    }
    return NULL;
}

static int add_span(ws_doc *d, size_t pi, size_t os, size_t is, size_t ie, size_t oe,
                    bool open_ended)
{
    const char *t = d->text;
    for (size_t sp; is < ie && (sp = ws_space_at(t, is, ie));)
        is += sp;
    for (;;) { /* trailing space and the comma that separates a quote from its attribution */
        size_t k;
        int32_t c = ws_utf8_prev(t, ie, &k);
        if (ie > is && (ws_is_space(c) || c == ','))
            ie = k;
        else
            break;
    }
    if (ie <= is)
        return 0;
    if (ws_grow(&d->qspans, &d->cap_qspans, d->nqspans + 1, sizeof *d->qspans))
        return WS_ERR_NOMEM;
    ws_qspan *q = &d->qspans[d->nqspans++];
    *q = (ws_qspan){{os, oe}, {is, ie}, pi, open_ended, false, ws_count_words(t, is, ie)};
    return 0;
}

static int by_open(const void *a, const void *b)
{
    const pairspan *x = a, *y = b;
    return x->open < y->open ? -1 : x->open > y->open;
}

/* Finds the marks of paragraph pi and pairs them; returns the first unmatched top-level opener
 * in *dangling (or WS_NONE). */
static int pair_paragraph(ws_doc *d, size_t pi, mark **stack, size_t *cap_stack,
                          pairspan **pairs, size_t *cap_pairs, size_t *npairs, size_t *dangling,
                          size_t *dangling_len)
{
    const ws_engine *e = d->eng;
    const char *t = d->text;
    size_t s = d->paras[pi].r.start, end = d->paras[pi].r.end;
    size_t depth = 0;
    *npairs = 0;
    for (size_t i = s; i < end;) {
        size_t len;
        const char *m = mark_at(e, t, i, end, &len);
        if (!m) {
            i++;
            while (i < end && !e->mark_start[(unsigned char)t[i]])
                i++;
            continue;
        }
        size_t k;
        int32_t prev = i > s ? ws_utf8_prev(t, i, &k) : -1;
        k = i + len;
        int32_t next = k < end ? ws_utf8_next(t, end, &k) : -1;
        bool prev_space = prev < 0 || ws_is_space(prev);
        bool next_space = next < 0 || ws_is_space(next);
        bool left = !next_space && (prev_space || !ws_is_alnum(prev));
        bool right = !prev_space && (next_space || !ws_is_alnum(next));
        if (ws_is_alnum(prev) && ws_is_alnum(next))
            left = right = false; /* don't, Russia's */
        if (left && ws_is_digit(next) && !ws_is_alnum(prev) && len == 1 && m[0] == '\'')
            left = false; /* '90s */
        size_t short_len;
        const char *m2;
        size_t after_len = 0; /* only when a whole mark follows the shorter one (the 3 marks) */
        if (right && depth > 0 && len > 1 && !closes(e, (*stack)[depth - 1].text, m) &&
            (m2 = shorter_closer(e, t, i, len, (*stack)[depth - 1].text, &short_len)) &&
            mark_at(e, t, i + short_len, end, &after_len) && after_len == len) {
            m = m2;
            len = short_len;
        }
        bool can_open = left && pair_exists(e, m, NULL, true);
        bool can_close = right && pair_exists(e, NULL, m, false);
        bool closed = false;
        if (can_close) {
            for (size_t back = 0; back < depth && back < MAX_NEST_SEARCH; back++) {
                mark *o = &(*stack)[depth - 1 - back];
                if (!closes(e, o->text, m))
                    continue;
                if (ws_grow(pairs, cap_pairs, *npairs + 1, sizeof **pairs))
                    return WS_ERR_NOMEM;
                (*pairs)[(*npairs)++] = (pairspan){o->pos, o->len, i, len};
                depth -= back + 1;
                closed = true;
                break;
            }
        }
        if (!closed && can_open) {
            if (ws_grow(stack, cap_stack, depth + 1, sizeof **stack))
                return WS_ERR_NOMEM;
            (*stack)[depth++] = (mark){i, len, m};
        }
        i += len;
    }
    *dangling = WS_NONE;
    if (depth > 0) {
        /* the earliest unmatched opener that no matched pair encloses */
        for (size_t k2 = 0; k2 < depth && *dangling == WS_NONE; k2++) {
            size_t pos = (*stack)[k2].pos;
            bool inside = false;
            for (size_t p = 0; p < *npairs && !inside; p++)
                inside = (*pairs)[p].open < pos && (*pairs)[p].close > pos;
            if (!inside) {
                *dangling = pos;
                *dangling_len = (*stack)[k2].len;
            }
        }
    }
    return 0;
}

/* Whether paragraph pi starts with a mark that can open a quotation. */
static bool opens_paragraph(const ws_doc *d, size_t pi)
{
    size_t len;
    const ws_paragraph *p = &d->paras[pi];
    const char *m = mark_at(d->eng, d->text, p->r.start, p->r.end, &len);
    return m && pair_exists(d->eng, m, NULL, true);
}

int ws_find_quotes(ws_doc *d)
{
    mark *stack = NULL;
    pairspan *pairs = NULL;
    size_t cap_stack = 0, cap_pairs = 0, npairs = 0;
    int rc = 0;
    bool prev_open_ended = false;
    for (size_t pi = 0; rc == 0 && pi < d->nparas; pi++) {
        size_t dangling, dangling_len = 0;
        rc = pair_paragraph(d, pi, &stack, &cap_stack, &pairs, &cap_pairs, &npairs, &dangling,
                            &dangling_len);
        if (rc)
            break;
        if (npairs > 1)
            qsort(pairs, npairs, sizeof *pairs, by_open);
        size_t first_new = d->nqspans;
        size_t reach = 0; /* end of the last top-level pair: pairs inside it are nested */
        bool open_ended = dangling != WS_NONE && pi + 1 < d->nparas && opens_paragraph(d, pi + 1);
        for (size_t p = 0; rc == 0 && p < npairs; p++) {
            pairspan *q = &pairs[p];
            if (q->open < reach || (open_ended && q->open > dangling))
                continue;
            reach = q->close + q->close_len;
            rc = add_span(d, pi, q->open, q->open + q->open_len, q->close, reach, false);
        }
        if (rc == 0 && open_ended && dangling >= reach)
            rc = add_span(d, pi, dangling, dangling + dangling_len, d->paras[pi].r.end,
                          d->paras[pi].r.end, true);
        if (prev_open_ended && d->nqspans > first_new &&
            d->qspans[first_new].outer.start == d->paras[pi].r.start)
            d->qspans[first_new].continuation = true;
        prev_open_ended = d->nqspans > first_new && d->qspans[d->nqspans - 1].open_ended;
    }
    free(stack);
    free(pairs);
    return rc;
}
