/* whosaid eval: how well the extractor does against gold labels.
 *
 * Each article goes through the same engine and ws_extract() as the plain command. Its system
 * quotations are then matched one-to-one with the gold ones twice, by exact span and by overlap;
 * speaker, mention and cue are judged on the overlap-matched pairs, where a wrong boundary does
 * not hide a right attribution. */
#include <errno.h>
#include <getopt.h>
#include <jansson.h>
#include <limits.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <threads.h>
#include <unistd.h>
#include <utf8proc.h>

#include "gold.h"
#include "paths.h"
#include "whosaid.h"

int ws_eval_main(int argc, char **argv);

enum { EXIT_BELOW_FLOOR = 1, EXIT_USAGE = 2, EXIT_SKIPPED = 77, MAX_JOBS = 64 };
enum { MAX_CHECKS = 4 };
/* The figures in the order figures_of() gives them; the checks' follow. */
enum {
    FIG_EXACT_P,
    FIG_EXACT_R,
    FIG_EXACT_F1,
    FIG_OVERLAP_P,
    FIG_OVERLAP_R,
    FIG_OVERLAP_F1,
    FIG_DIRECT_RECALL,
    FIG_CHECKS,
    MAX_FIGURES = FIG_CHECKS + MAX_CHECKS
};
#define NONE ((size_t)-1)

static const char *const type_names[WS_GOLD_NTYPES] = {"direct", "indirect", "mixed", "untyped"};

/* ---- spans and their normalization ---------------------------------------------------------- */

static bool is_space(int32_t c)
{
    if (c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f')
        return true;
    utf8proc_category_t cat = utf8proc_category(c);
    return cat == UTF8PROC_CATEGORY_ZS || cat == UTF8PROC_CATEGORY_ZL ||
           cat == UTF8PROC_CATEGORY_ZP;
}

/* What the two sides of a comparison mark differently at the edges of a span: quote marks
 * (two-character `` and '' are two of them), spaces, punctuation and brackets. */
static bool edge_char(int32_t c)
{
    static const int32_t marks[] = {'"',    '\'',   '`',    0x201C, 0x201D, 0x2018, 0x2019, 0x00AB,
                                    0x00BB, 0x201E, 0x201A, 0x2039, 0x203A, '.',    ',',    ';',
                                    ':',    '!',    '?',    0x2014, 0x2013, '-',    0x2026, '(',
                                    ')',    '[',    ']',    '{',    '}'};
    for (size_t i = 0; i < sizeof marks / sizeof *marks; i++)
        if (c == marks[i])
            return true;
    return is_space(c);
}

/* Trims every piece: the pieces of a discontinuous span ("Q1," she said, "Q2.") have edges
 * of their own, marked differently by the two sides. Empty pieces go. */
static void trim_edges(const ws_gold_article *a, ws_gold_span *s)
{
    size_t k = 0;
    for (size_t i = 0; i < s->n; i++) {
        ws_gold_piece p = s->v[i];
        while (p.start < p.end && edge_char(ws_gold_code_point(a, p.start)))
            p.start++;
        while (p.end > p.start && edge_char(ws_gold_code_point(a, p.end - 1)))
            p.end--;
        if (p.end > p.start)
            s->v[k++] = p;
    }
    s->n = k;
}

static bool starts_with_that(const ws_gold_article *a, const ws_gold_span *s)
{
    if (!s->n || s->v[0].end - s->v[0].start < 5)
        return false;
    for (size_t i = 0; i < 4; i++)
        if (ws_gold_code_point(a, s->v[0].start + i) != "that"[i])
            return false;
    return is_space(ws_gold_code_point(a, s->v[0].start + 4));
}

/* The span that exact matching and overlap compare: trimmed of edge characters and of a
 * leading complementizer "that ", which PolNeAR keeps in its contents while our output and
 * .gold labels leave it out. Only the lower-case word is taken, as a sentence-initial "That"
 * is a demonstrative. */
static void normalize(const ws_gold_article *a, ws_gold_span *s)
{
    trim_edges(a, s);
    if (starts_with_that(a, s)) {
        s->v[0].start += 4;
        trim_edges(a, s);
    }
}

/* Code points that two spans (sorted, disjoint pieces) have in common. */
static size_t common_size(const ws_gold_span *x, const ws_gold_span *y)
{
    size_t i = 0, j = 0, n = 0;
    while (i < x->n && j < y->n) {
        size_t lo = x->v[i].start > y->v[j].start ? x->v[i].start : y->v[j].start;
        size_t hi = x->v[i].end < y->v[j].end ? x->v[i].end : y->v[j].end;
        if (lo < hi)
            n += hi - lo;
        if (x->v[i].end < y->v[j].end)
            i++;
        else
            j++;
    }
    return n;
}

/* Whether a system span (absent allowed) shares a code point with a gold one. */
static bool meets(const ws_gold_span *gold, ws_span sys)
{
    ws_gold_piece p = {sys.start, sys.end};
    ws_gold_span s = {&p, sys.start != WS_NO_OFFSET && sys.start < sys.end};
    return common_size(gold, &s) > 0;
}

/* ---- quotations as matching sees them ------------------------------------------------------- */

typedef struct item {
    ws_gold_span span; /* normalized; owned */
    size_t size;       /* code points it covers */
    char *text;        /* normalized text, pieces joined by one space */
    int type;
    const ws_gold_quote *gold; /* the gold quotation, or NULL for a system one */
    const ws_quote *sys;       /* the system quotation, or NULL for a gold one */
    char *cue, *mention;       /* system: the texts of its cue and mention, NULL when absent */
    size_t first, members;     /* system: the quotations [first, first + members) it joins */
} item;

static void item_free(item *it)
{
    free(it->span.v);
    free(it->text);
    free(it->cue);
    free(it->mention);
}

static int make_item(const ws_gold_article *a, const ws_gold_span *raw, int type, item *it)
{
    it->type = type;
    it->span.v = malloc((raw->n ? raw->n : 1) * sizeof *raw->v);
    if (!it->span.v)
        return ENOMEM;
    memcpy(it->span.v, raw->v, raw->n * sizeof *raw->v);
    it->span.n = raw->n;
    normalize(a, &it->span);
    for (size_t i = 0; i < it->span.n; i++)
        it->size += it->span.v[i].end - it->span.v[i].start;
    it->text = ws_gold_text(a, &it->span);
    return it->text ? 0 : ENOMEM;
}

/* A system span in code points, checked against the text so that a bad offset can only
 * make a quotation unmatchable. */
static ws_gold_span sys_span(const ws_gold_article *a, ws_span s, ws_gold_piece *piece)
{
    piece->start = s.start;
    piece->end = s.end;
    bool ok = s.start != WS_NO_OFFSET && s.start <= s.end && s.end <= a->ncp;
    return (ws_gold_span){piece, ok};
}

/* The text of a system span, or NULL when it is absent; *nomem tells a failed copy apart. */
static char *sys_text(const ws_gold_article *a, ws_span s, bool *nomem)
{
    ws_gold_piece piece;
    ws_gold_span span = sys_span(a, s, &piece);
    if (!span.n)
        return NULL;
    char *t = ws_gold_text(a, &span);
    *nomem |= !t;
    return t;
}

static int sys_item(const ws_gold_article *a, const ws_quote *q, item *it)
{
    ws_gold_piece piece;
    ws_gold_span raw = sys_span(a, q->content, &piece);
    bool nomem = false;
    it->sys = q;
    it->cue = sys_text(a, q->cue, &nomem);
    it->mention = sys_text(a, q->mention, &nomem);
    int type = q->type >= WS_DIRECT && q->type <= WS_MIXED ? (int)q->type : WS_GOLD_UNTYPED;
    int rc = make_item(a, &raw, type, it);
    return rc ? rc : nomem ? ENOMEM : 0;
}

/* ---- matching ------------------------------------------------------------------------------ */

/* Exact: the same normalized start and text (for a discontinuous gold span, the text of its
 * pieces joined by a space). */
static bool exact_same(const item *g, const item *s)
{
    return g->span.n && s->span.n && g->span.v[0].start == s->span.v[0].start &&
           strcmp(g->text, s->text) == 0;
}

static void match_exact(const item *g, size_t ng, const item *s, size_t ns, size_t *gp, size_t *sp)
{
    for (size_t i = 0; i < ng; i++)
        for (size_t j = 0; j < ns && gp[i] == NONE; j++)
            if (sp[j] == NONE && exact_same(&g[i], &s[j])) {
                gp[i] = j;
                sp[j] = i;
            }
}

typedef struct candidate {
    size_t g, s;
    double jaccard;
} candidate;

static int cmp_candidate(const void *a, const void *b)
{
    const candidate *x = a, *y = b;
    if (x->jaccard != y->jaccard)
        return x->jaccard > y->jaccard ? -1 : 1;
    if (x->g != y->g)
        return x->g < y->g ? -1 : 1;
    return x->s < y->s ? -1 : x->s > y->s;
}

/* Overlap: Jaccard of the code-point sets at least 0.5, pairs taken greedily from the
 * highest among those still unpaired. Returns 0 or ENOMEM. */
static int match_overlap(const item *g, size_t ng, const item *s, size_t ns, size_t *gp, size_t *sp)
{
    candidate *c = malloc((ng && ns ? ng * ns : 1) * sizeof *c);
    if (!c)
        return ENOMEM;
    size_t n = 0;
    for (size_t i = 0; i < ng; i++)
        for (size_t j = 0; j < ns; j++) {
            size_t common = common_size(&g[i].span, &s[j].span);
            size_t joint = g[i].size + s[j].size - common;
            if (common && 2 * common >= joint)
                c[n++] = (candidate){i, j, (double)common / (double)joint};
        }
    qsort(c, n, sizeof *c, cmp_candidate);
    for (size_t k = 0; k < n; k++)
        if (gp[c[k].g] == NONE && sp[c[k].s] == NONE) {
            gp[c[k].g] = c[k].s;
            sp[c[k].s] = c[k].g;
        }
    free(c);
    return 0;
}

/* ---- attribution checks -------------------------------------------------------------------- */

/* One figure judged on overlap-matched pairs: over the pairs it applies to, the share right. */
typedef struct check {
    const char *name;  /* the figure, as in --floors */
    const char *label; /* its column in the article table */
    const char *wrong; /* what --errors calls a failure; NULL when another check lists it */
    bool (*applies)(const ws_gold_quote *g);
    bool (*right)(const ws_gold_quote *g, const item *s);
} check;

static bool always(const ws_gold_quote *g)
{
    (void)g;
    return true;
}

static bool has_speaker(const ws_gold_quote *g)
{
    return g->speaker != NULL;
}
static bool has_cue_span(const ws_gold_quote *g)
{
    return g->cue_span.n > 0;
}
static bool has_mention_span(const ws_gold_quote *g)
{
    return g->mention_span.n > 0;
}

/* null == null is right: the system also found no speaker. */
static bool same_string(const char *gold, const char *sys)
{
    return gold && sys ? strcmp(gold, sys) == 0 : gold == sys;
}

static bool same_ignoring_case(const char *x, const char *y)
{
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)x, *q = (const utf8proc_uint8_t *)y;
    for (;;) {
        utf8proc_int32_t a, b;
        utf8proc_ssize_t n = utf8proc_iterate(p, -1, &a), m = utf8proc_iterate(q, -1, &b);
        if (n <= 0 || m <= 0)
            return n == m && strcmp((const char *)p, (const char *)q) == 0;
        if (utf8proc_tolower(a) != utf8proc_tolower(b))
            return false;
        if (a == 0)
            return true;
        p += n;
        q += m;
    }
}

static bool same_speaker(const ws_gold_quote *g, const item *s)
{
    return same_string(g->speaker, s->sys->speaker);
}

static bool same_mention(const ws_gold_quote *g, const item *s)
{
    return same_string(g->mention, s->mention);
}

static bool same_cue(const ws_gold_quote *g, const item *s)
{
    return g->cue && s->cue ? same_ignoring_case(g->cue, s->cue) : g->cue == s->cue;
}

static bool mention_meets(const ws_gold_quote *g, const item *s)
{
    return meets(&g->mention_span, s->sys->mention);
}

static bool cue_meets(const ws_gold_quote *g, const item *s)
{
    return meets(&g->cue_span, s->sys->cue);
}

static const check whosaid_checks[] = {
    {"speaker_accuracy", "speaker", "speaker", always, same_speaker},
    {"named_speaker_accuracy", "named", NULL, has_speaker, same_speaker},
    {"cue_accuracy", "cue", "cue", always, same_cue},
    {"mention_accuracy", "mention", "mention", always, same_mention},
};

/* PolNeAR gives places, not names: a Source is a mention, and the system's mention or cue is
 * right when it shares a code point with the gold one. */
static const check brat_checks[] = {
    {"source_accuracy", "source", "source", has_mention_span, mention_meets},
    {"cue_accuracy", "cue", "cue", has_cue_span, cue_meets},
};

typedef struct checks {
    const check *v;
    size_t n;
} checks;

_Static_assert(sizeof whosaid_checks / sizeof *whosaid_checks <= MAX_CHECKS &&
                   sizeof brat_checks / sizeof *brat_checks <= MAX_CHECKS,
               "a tally holds MAX_CHECKS checks");

static checks checks_for(ws_gold_format format)
{
    if (format == WS_GOLD_BRAT)
        return (checks){brat_checks, sizeof brat_checks / sizeof *brat_checks};
    return (checks){whosaid_checks, sizeof whosaid_checks / sizeof *whosaid_checks};
}

/* ---- tallies and figures ------------------------------------------------------------------- */

typedef struct ratio {
    size_t hit, all;
} ratio;

/* Counts for one scope. Gold quotations count under their own type, system ones under
 * theirs, so that per-type recall and precision each have the right denominator. */
typedef struct tally {
    size_t gold, sys;
    size_t exact_gold, exact_sys;     /* matched exactly */
    size_t overlap_gold, overlap_sys; /* matched by overlap */
    ratio check[MAX_CHECKS];
} tally;

static void add_tally(tally *to, const tally *from)
{
    to->gold += from->gold;
    to->sys += from->sys;
    to->exact_gold += from->exact_gold;
    to->exact_sys += from->exact_sys;
    to->overlap_gold += from->overlap_gold;
    to->overlap_sys += from->overlap_sys;
    for (size_t i = 0; i < MAX_CHECKS; i++) {
        to->check[i].hit += from->check[i].hit;
        to->check[i].all += from->check[i].all;
    }
}

static tally sum_types(const tally by_type[WS_GOLD_NTYPES])
{
    tally t = {0};
    for (int i = 0; i < WS_GOLD_NTYPES; i++)
        add_tally(&t, &by_type[i]);
    return t;
}

/* A figure with nothing to measure (0/0) is undefined: shown as "-", null in JSON, and
 * failing any floor. */
typedef struct figure {
    const char *name;
    double value;
    bool defined;
    ratio r; /* r.all == 0 for an F1 */
} figure;

static figure ratio_figure(const char *name, size_t hit, size_t all)
{
    return (figure){name, all ? (double)hit / (double)all : 0.0, all > 0, {hit, all}};
}

static figure f1_figure(const char *name, figure p, figure r)
{
    figure f = {name, 0.0, p.defined && r.defined, {0, 0}};
    if (f.defined && p.value + r.value > 0)
        f.value = 2 * p.value * r.value / (p.value + r.value);
    return f;
}

/* The figures of a scope; `direct` holds its gold direct quotations for direct_recall, NULL
 * where that figure means nothing (a scope of another type). */
static size_t figures_of(const tally *t, const tally *direct, checks cs, figure *out)
{
    static const tally none;
    direct = direct ? direct : &none;
    out[FIG_EXACT_P] = ratio_figure("exact_precision", t->exact_sys, t->sys);
    out[FIG_EXACT_R] = ratio_figure("exact_recall", t->exact_gold, t->gold);
    out[FIG_EXACT_F1] = f1_figure("exact_f1", out[FIG_EXACT_P], out[FIG_EXACT_R]);
    out[FIG_OVERLAP_P] = ratio_figure("overlap_precision", t->overlap_sys, t->sys);
    out[FIG_OVERLAP_R] = ratio_figure("overlap_recall", t->overlap_gold, t->gold);
    out[FIG_OVERLAP_F1] = f1_figure("overlap_f1", out[FIG_OVERLAP_P], out[FIG_OVERLAP_R]);
    out[FIG_DIRECT_RECALL] = ratio_figure("direct_recall", direct->overlap_gold, direct->gold);
    for (size_t i = 0; i < cs.n; i++)
        out[FIG_CHECKS + i] = ratio_figure(cs.v[i].name, t->check[i].hit, t->check[i].all);
    return FIG_CHECKS + cs.n;
}

static const figure *find_figure(const figure *f, size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(f[i].name, name) == 0)
            return &f[i];
    return NULL;
}

/* The names of the figures measured against `format`, for --floors and --help. */
static size_t figure_names(ws_gold_format format, figure *out)
{
    tally zero = {0};
    return figures_of(&zero, NULL, checks_for(format), out);
}

/* ---- error listing (--errors) -------------------------------------------------------------- */

/* How far a context may reach either way, in bytes. */
enum { CONTEXT = 240 };

/* Steps back over closing quote marks and brackets that end at byte k. */
static size_t before_closers(const char *t, size_t k)
{
    for (;;) {
        if (k >= 1 && t[k - 1] && strchr("\"')]", t[k - 1]))
            k--;
        else if (k >= 3 && memcmp(t + k - 3, "\xe2\x80", 2) == 0 &&
                 (t[k - 1] == '\x9d' || t[k - 1] == '\x99')) /* ” or ’ */
            k -= 3;
        else
            return k;
    }
}

/* A line break, or a space after ". ! ?" (and any closing marks). */
static bool sentence_break(const char *text, size_t i)
{
    if (text[i] == '\n')
        return true;
    size_t k = text[i] == ' ' ? before_closers(text, i) : 0;
    return k > 0 && strchr(".!?", text[k - 1]) && text[k - 1];
}

/* The sentence around bytes [from, to): back to just after the last sentence end or line break
 * before it, on to the first after it, and no more than CONTEXT bytes either way. */
static void context_of(const ws_gold_article *a, size_t from, size_t to, size_t *cs, size_t *ce)
{
    size_t s = from, e = to;
    while (s > 0 && from - s < CONTEXT && !sentence_break(a->text, s - 1))
        s--;
    while (e < a->len && e - to < CONTEXT && !sentence_break(a->text, e))
        e++;
    while (s < from && ((unsigned char)a->text[s] & 0xC0) == 0x80)
        s++;
    while (e > to && e < a->len && ((unsigned char)a->text[e] & 0xC0) == 0x80)
        e--;
    *cs = s;
    *ce = e;
}

/* One thing --errors lists: a gold quotation, a system one, or a pair. */
typedef struct slip {
    const char *kind;
    const ws_gold_article *a;
    const item *g, *s;
} slip;

static size_t text_line(const ws_gold_article *a, size_t byte)
{
    size_t line = 1;
    for (size_t i = 0; i < byte && i < a->len; i++)
        line += a->text[i] == '\n';
    return line;
}

/* Bytes [from, to) of the pieces the slip is about, for its context. */
static void slip_extent(const slip *sl, size_t *from, size_t *to)
{
    const ws_gold_article *a = sl->a;
    *from = a->len;
    *to = 0;
    const ws_gold_span *spans[2] = {sl->g ? &sl->g->gold->content : NULL, NULL};
    ws_gold_piece piece;
    ws_gold_span s = sl->s ? sys_span(a, sl->s->sys->content, &piece) : (ws_gold_span){0};
    spans[1] = &s;
    for (int k = 0; k < 2; k++)
        if (spans[k] && spans[k]->n) {
            size_t b = a->cp_byte[spans[k]->v[0].start];
            size_t e = a->cp_byte[spans[k]->v[spans[k]->n - 1].end];
            *from = b < *from ? b : *from;
            *to = e > *to ? e : *to;
        }
    if (*from > *to)
        *from = *to = 0;
}

static char *context_text(const slip *sl)
{
    size_t from, to, cs, ce;
    slip_extent(sl, &from, &to);
    context_of(sl->a, from, to, &cs, &ce);
    return strndup(sl->a->text + cs, ce - cs);
}

/* One side of a slip as reports show it; `text` is malloc'd (NULL when out of memory). */
typedef struct side {
    char *text;
    int type;
    const char *speaker, *mention, *cue, *rule;
} side;

static side side_of(const slip *sl, bool gold)
{
    if (gold) {
        const ws_gold_quote *q = sl->g->gold;
        return (side){
            ws_gold_text(sl->a, &q->content), sl->g->type, q->speaker, q->mention, q->cue, NULL};
    }
    bool nomem = false;
    char *text = sys_text(sl->a, sl->s->sys->content, &nomem);
    return (side){text || nomem ? text : strdup(""),
                  sl->s->type,
                  sl->s->sys->speaker,
                  sl->s->mention,
                  sl->s->cue,
                  sl->s->sys->rule ? sl->s->sys->rule : "?"};
}

/* Where a slip is: the gold file's line, or for a false alarm the article's. */
static void slip_place(const slip *sl, const char **file, size_t *line)
{
    if (sl->g) {
        *file = sl->a->gold_path;
        *line = sl->g->gold->line;
        return;
    }
    *file = sl->a->text_path;
    *line = text_line(sl->a, sl->a->cp_byte[sl->s->span.n ? sl->s->span.v[0].start : 0]);
}

/* Prints text on one line: reports put one slip per few lines whatever the text holds. */
static void put_flat(FILE *out, const char *s)
{
    for (; *s; s++)
        fputc(*s == '\n' || *s == '\r' || *s == '\t' ? ' ' : *s, out);
}

static void put_field(FILE *out, const char *label, const char *value)
{
    fprintf(out, "%s ", label);
    put_flat(out, value ? value : "null");
}

/* Brat gold has no speaker, and its mention is PolNeAR's Source. */
static void print_side(FILE *out, const slip *sl, bool gold, bool brat)
{
    side d = side_of(sl, gold);
    fputs(gold ? "    gold:    \"" : "    system:  \"", out);
    put_flat(out, d.text ? d.text : "?");
    fputs("\"  ", out);
    free(d.text);
    if (gold && brat) {
        put_field(out, "source", d.mention);
    } else {
        put_field(out, "speaker", d.speaker);
        put_field(out, ", mention", d.mention);
    }
    put_field(out, ", cue", d.cue);
    if (d.rule)
        fprintf(out, " (rule %s)", d.rule);
    fputc('\n', out);
}

static void print_slip(FILE *out, const slip *sl, bool brat)
{
    const char *file;
    size_t line;
    slip_place(sl, &file, &line);
    fprintf(out, "[%s] %s:%zu (%s)\n", sl->kind, file, line,
            type_names[sl->g ? sl->g->type : sl->s->type]);
    if (sl->g)
        print_side(out, sl, true, brat);
    if (sl->s)
        print_side(out, sl, false, brat);
    char *ctx = context_text(sl);
    fputs("    context: ", out);
    put_flat(out, ctx ? ctx : "?");
    fputc('\n', out);
    free(ctx);
}

static json_t *json_string_or_null(const char *s)
{
    return s ? json_string(s) : json_null();
}

static json_t *json_side(const slip *sl, bool gold)
{
    side d = side_of(sl, gold);
    json_t *o = json_object();
    json_object_set_new(o, "quote", json_string_or_null(d.text));
    json_object_set_new(o, "type", json_string(type_names[d.type]));
    json_object_set_new(o, "speaker", json_string_or_null(d.speaker));
    json_object_set_new(o, "mention", json_string_or_null(d.mention));
    json_object_set_new(o, "cue", json_string_or_null(d.cue));
    if (d.rule)
        json_object_set_new(o, "rule", json_string(d.rule));
    free(d.text);
    return o;
}

static json_t *json_slip(const slip *sl)
{
    const char *file;
    size_t line;
    slip_place(sl, &file, &line);
    json_t *o = json_object();
    json_object_set_new(o, "kind", json_string(sl->kind));
    json_object_set_new(o, "article", json_string(sl->a->name));
    json_object_set_new(o, "file", json_string(file));
    json_object_set_new(o, "line", json_integer((json_int_t)line));
    json_object_set_new(o, "gold", sl->g ? json_side(sl, true) : json_null());
    json_object_set_new(o, "system", sl->s ? json_side(sl, false) : json_null());
    char *ctx = context_text(sl);
    json_object_set_new(o, "context", json_string_or_null(ctx));
    free(ctx);
    return o;
}

/* ---- scoring ------------------------------------------------------------------------------- */

typedef struct scorer {
    const ws_gold_set *gold;
    checks cs;
    tally (*by_article)[WS_GOLD_NTYPES]; /* per article, by type */
    bool list_errors;
    json_t *slips; /* with --errors --json: the slips, else NULL */
    FILE *out;
} scorer;

static void report_slip(scorer *sc, const slip *sl)
{
    if (!sc->list_errors)
        return;
    if (sc->slips)
        json_array_append_new(sc->slips, json_slip(sl));
    else
        print_slip(sc->out, sl, sc->gold->format == WS_GOLD_BRAT);
}

/* Counts one gold quotation and, when it has a partner, the checks on the pair. */
static void tally_gold(scorer *sc, tally *t, const ws_gold_article *a, const item *g,
                       const item *exact, const item *overlap)
{
    t->gold++;
    t->exact_gold += exact != NULL;
    if (!overlap) {
        report_slip(sc, &(slip){"miss", a, g, NULL});
        return;
    }
    t->overlap_gold++;
    if (!exact)
        report_slip(sc, &(slip){"span", a, g, overlap});
    for (size_t c = 0; c < sc->cs.n; c++) {
        const check *ck = &sc->cs.v[c];
        if (!ck->applies(g->gold))
            continue;
        bool right = ck->right(g->gold, overlap);
        t->check[c].all++;
        t->check[c].hit += right;
        if (!right && ck->wrong)
            report_slip(sc, &(slip){ck->wrong, a, g, overlap});
    }
}

/* Partners by index, NONE for none: each side's exact and overlap partner. One allocation. */
typedef struct pairing {
    size_t *exact_g, *exact_s, *over_g, *over_s;
} pairing;

static int pair_up(const item *g, size_t ng, const item *s, size_t ns, pairing *p)
{
    size_t n = 2 * (ng + ns);
    size_t *v = malloc((n ? n : 1) * sizeof *v);
    if (!v)
        return ENOMEM;
    for (size_t k = 0; k < n; k++)
        v[k] = NONE;
    *p = (pairing){v, v + ng, v + ng + ns, v + 2 * ng + ns};
    match_exact(g, ng, s, ns, p->exact_g, p->exact_s);
    /* Exact pairs are overlap pairs too, so that an exact match never counts as an overlap
     * miss. */
    memcpy(p->over_g, v, (ng + ns) * sizeof *v);
    return match_overlap(g, ng, s, ns, p->over_g, p->over_s);
}

static const item *partner(const item *s, size_t k)
{
    return k == NONE ? NULL : &s[k];
}

static void tally_pairs(scorer *sc, size_t ai, const item *g, size_t ng, const item *s, size_t ns,
                        const pairing *p)
{
    const ws_gold_article *a = &sc->gold->articles[ai];
    tally *by_type = sc->by_article[ai];
    for (size_t i = 0; i < ng; i++)
        tally_gold(sc, &by_type[g[i].type], a, &g[i], partner(s, p->exact_g[i]),
                   partner(s, p->over_g[i]));
    for (size_t j = 0; j < ns; j++) {
        tally *t = &by_type[s[j].type];
        t->sys++;
        t->exact_sys += p->exact_s[j] != NONE;
        t->overlap_sys += p->over_s[j] != NONE;
        if (p->over_s[j] == NONE)
            report_slip(sc, &(slip){"false alarm", a, NULL, &s[j]});
    }
}

/* Whether quotation q carries on the attribution of the quotation before it: PolNeAR annotates
 * "Q1," she said, "Q2." and "Q1," she said. "Q2." (also with "Q2." in the next paragraph) as
 * one relation with a discontinuous content, where whosaid gives two quotations linked by their
 * rule. */
static bool carries_on(const ws_quote *prev, const ws_quote *q)
{
    bool linked = !strcmp(q->rule, "split") || !strcmp(q->rule, "multi-paragraph") ||
                  (!strcmp(q->rule, "continuation") && q->paragraph <= prev->paragraph + 1);
    bool same = (!prev->speaker && !q->speaker) ||
                (prev->speaker && q->speaker && !strcmp(prev->speaker, q->speaker));
    return linked && same;
}

/* A system item of quotations [from, to) of a result: the cue, mention and type of the first,
 * their contents as one span. */
static int linked_item(const ws_gold_article *a, const ws_result *res, size_t from, size_t to,
                       item *it)
{
    int rc = sys_item(a, ws_result_quote(res, from), it);
    if (rc || to - from == 1)
        return rc;
    ws_gold_piece *v = malloc((to - from) * sizeof *v);
    if (!v)
        return ENOMEM;
    size_t n = 0;
    for (size_t j = from; j < to; j++)
        n += sys_span(a, ws_result_quote(res, j)->content, &v[n]).n;
    free(it->span.v);
    free(it->text);
    it->size = 0;
    rc = make_item(a, &(ws_gold_span){v, n}, it->type, it);
    free(v);
    return rc;
}

/* Items for the gold quotations and the system ones; against brat gold, linked system
 * quotations make one item, unless unlinked[j] says the link from quotation j failed to find
 * a partner (the gold annotates those quotations apart). *ns is the number of system items. */
static int build_items(const ws_gold_article *a, const ws_result *res, bool merge,
                       const bool *unlinked, item *g, item *s, size_t *ns)
{
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < a->nquotes; i++) {
        g[i].gold = &a->quotes[i];
        rc = make_item(a, &a->quotes[i].content, a->quotes[i].type, &g[i]);
    }
    size_t n = res ? ws_result_count(res) : 0;
    *ns = 0;
    for (size_t j = 0; rc == 0 && j < n;) {
        size_t k = j + 1;
        while (merge && !(unlinked && unlinked[j]) && k < n &&
               carries_on(ws_result_quote(res, k - 1), ws_result_quote(res, k)))
            k++;
        s[*ns].first = j, s[*ns].members = k - j;
        rc = linked_item(a, res, j, k, &s[(*ns)++]);
        j = k;
    }
    return rc;
}

static void items_free(item *v, size_t n)
{
    for (size_t i = 0; v && i < n; i++)
        item_free(&v[i]);
}

/* Marks the linked system items that no gold item matches exactly; returns how many. */
static size_t unlink_unmatched(const item *s, size_t ns, const pairing *p, bool *unlinked)
{
    size_t k = 0;
    for (size_t j = 0; j < ns; j++)
        if (s[j].members > 1 && p->exact_s[j] == NONE) {
            for (size_t m = 0; m < s[j].members; m++) /* every link of the chain */
                unlinked[s[j].first + m] = true;
            k++;
        }
    return k;
}

/* Gold items a pairing matches: overlap matches, then exact ones, as one number to compare. */
static size_t matched(const pairing *p, size_t ng)
{
    size_t over = 0, exact = 0;
    for (size_t i = 0; i < ng; i++) {
        over += p->over_g[i] != NONE;
        exact += p->exact_g[i] != NONE;
    }
    return over * (ng + 1) + exact;
}

/* Scores linked quotations as one item or one by one, as the gold annotates them: the items
 * of the first pairing are replaced when unlinking those that matched nothing exactly matches
 * more gold contents. */
static int relink(const ws_gold_article *a, const ws_result *res, item *g, size_t ng, item *s,
                  size_t nq, size_t *ns, pairing *p)
{
    bool *unlinked = calloc(nq + 1, sizeof *unlinked);
    item *g2 = calloc(ng + 1, sizeof *g2), *s2 = calloc(nq + 1, sizeof *s2);
    pairing p2 = {0};
    size_t ns2 = 0;
    int rc = unlinked && g2 && s2 ? 0 : ENOMEM;
    if (rc == 0 && unlink_unmatched(s, *ns, p, unlinked)) {
        rc = build_items(a, res, true, unlinked, g2, s2, &ns2);
        if (rc == 0)
            rc = pair_up(g2, ng, s2, ns2, &p2);
        if (rc == 0 && matched(&p2, ng) > matched(p, ng)) { /* swap in the second reading */
            items_free(g, ng);
            items_free(s, *ns);
            memcpy(g, g2, ng * sizeof *g);
            memcpy(s, s2, ns2 * sizeof *s);
            free(p->exact_g);
            *p = p2, *ns = ns2;
            free(g2), free(s2), free(unlinked);
            return 0;
        }
    }
    items_free(g2, ng);
    items_free(s2, ns2);
    free(g2), free(s2), free(unlinked), free(p2.exact_g);
    return rc;
}

/* Scores article `ai` against its system result (NULL when extraction failed: no quotations).
 * Returns 0 or ENOMEM. */
static int score_article(scorer *sc, size_t ai, const ws_result *res)
{
    const ws_gold_article *a = &sc->gold->articles[ai];
    size_t ng = a->nquotes, nq = res ? ws_result_count(res) : 0, ns = 0;
    bool merge = sc->gold->format == WS_GOLD_BRAT;
    item *g = calloc(ng + 1, sizeof *g), *s = calloc(nq + 1, sizeof *s);
    pairing p = {0};
    int rc = g && s ? build_items(a, res, merge, NULL, g, s, &ns) : ENOMEM;
    if (rc == 0)
        rc = pair_up(g, ng, s, ns, &p);
    if (rc == 0 && merge)
        rc = relink(a, res, g, ng, s, nq, &ns, &p);
    if (rc == 0)
        tally_pairs(sc, ai, g, ng, s, ns, &p);
    items_free(g, ng);
    items_free(s, ns);
    free(g);
    free(s);
    free(p.exact_g);
    return rc;
}

/* ---- extraction (parallel: the engine is shared read-only, each article is independent) ---- */

typedef struct extraction {
    const ws_engine *eng;
    const ws_gold_set *gold;
    ws_result **results; /* one per article; NULL where extraction failed */
    ws_error *errs;
    atomic_size_t next;
} extraction;

static int extract_worker(void *arg)
{
    extraction *x = arg;
    ws_context *ctx = NULL; /* when it cannot be made, each article reports the error itself */
    ws_context_new(x->eng, &ctx, NULL);
    size_t i;
    while ((i = atomic_fetch_add(&x->next, 1)) < x->gold->n) {
        const ws_gold_article *a = &x->gold->articles[i];
        int rc = ctx ? ws_extract_with(ctx, a->text, a->len, &x->results[i], &x->errs[i])
                     : ws_extract(x->eng, a->text, a->len, &x->results[i], &x->errs[i]);
        if (rc < 0)
            x->results[i] = NULL;
    }
    ws_context_free(ctx);
    return 0;
}

/* Extracts every article with up to `jobs` threads, the calling one included. Thread creation
 * failing only means fewer threads. */
static void extract_all(extraction *x, unsigned jobs)
{
    thrd_t t[MAX_JOBS];
    unsigned started = 0;
    while (started + 1 < jobs && started + 1 < x->gold->n &&
           thrd_create(&t[started], extract_worker, x) == thrd_success)
        started++;
    extract_worker(x);
    for (unsigned i = 0; i < started; i++)
        thrd_join(t[i], NULL);
}

/* ---- reports ------------------------------------------------------------------------------- */

static void put_figure(FILE *out, int width, const figure *f)
{
    if (f->defined)
        fprintf(out, " %*.3f", width, f->value);
    else
        fprintf(out, " %*s", width, "-");
}

static void put_ratio(FILE *out, const figure *f)
{
    char buf[64];
    if (f->defined)
        snprintf(buf, sizeof buf, "%.3f %zu/%zu", f->value, f->r.hit, f->r.all);
    else
        snprintf(buf, sizeof buf, "-");
    fprintf(out, " %18s", buf);
}

typedef struct totals {
    tally all, by_type[WS_GOLD_NTYPES];
} totals;

static totals totals_of(const scorer *sc)
{
    totals t = {0};
    for (size_t i = 0; i < sc->gold->n; i++)
        for (int k = 0; k < WS_GOLD_NTYPES; k++)
            add_tally(&t.by_type[k], &sc->by_article[i][k]);
    t.all = sum_types(t.by_type);
    return t;
}

/* The figures of one type alone. */
static size_t type_figures(const totals *t, int type, checks cs, figure *out)
{
    return figures_of(&t->by_type[type], type == WS_DIRECT ? &t->by_type[type] : NULL, cs, out);
}

static void print_quotation_table(FILE *out, const totals *t, checks cs)
{
    static const char *const heads[] = {"exact P",   "exact R",   "exact F1",
                                        "overlap P", "overlap R", "overlap F1"};
    fprintf(out, "\n%-10s %6s %6s", "quotations", "gold", "system");
    for (size_t i = 0; i < FIG_DIRECT_RECALL; i++)
        fprintf(out, " %10s", heads[i]);
    fputc('\n', out);
    for (int k = -1; k < WS_GOLD_NTYPES; k++) {
        const tally *row = k < 0 ? &t->all : &t->by_type[k];
        if (k >= 0 && !row->gold && !row->sys)
            continue;
        figure f[MAX_FIGURES];
        if (k < 0)
            figures_of(&t->all, &t->by_type[WS_DIRECT], cs, f);
        else
            type_figures(t, k, cs, f);
        fprintf(out, "%-10s %6zu %6zu", k < 0 ? "all" : type_names[k], row->gold, row->sys);
        for (size_t i = 0; i < FIG_DIRECT_RECALL; i++)
            put_figure(out, 10, &f[i]);
        fputc('\n', out);
    }
}

static void print_check_table(FILE *out, const totals *t, checks cs)
{
    figure all[MAX_FIGURES], by_type[WS_GOLD_NTYPES][MAX_FIGURES];
    size_t n = figures_of(&t->all, &t->by_type[WS_DIRECT], cs, all);
    fprintf(out, "\n%-24s %18s", "on overlap matches", "all");
    for (int k = 0; k < WS_GOLD_NTYPES; k++) {
        type_figures(t, k, cs, by_type[k]);
        if (t->by_type[k].gold)
            fprintf(out, " %18s", type_names[k]);
    }
    fputc('\n', out);
    for (size_t i = FIG_CHECKS; i < n; i++) {
        fprintf(out, "%-24s", all[i].name);
        put_ratio(out, &all[i]);
        for (int k = 0; k < WS_GOLD_NTYPES; k++)
            if (t->by_type[k].gold)
                put_ratio(out, &by_type[k][i]);
        fputc('\n', out);
    }
}

static int name_width(const ws_gold_set *gold)
{
    size_t w = strlen("article");
    for (size_t i = 0; i < gold->n; i++)
        if (strlen(gold->articles[i].name) > w)
            w = strlen(gold->articles[i].name);
    return (int)w;
}

static void print_article_table(FILE *out, const scorer *sc)
{
    int w = name_width(sc->gold);
    fprintf(out, "\n%-*s %6s %6s %8s %10s", w, "article", "gold", "system", "exact F1",
            "overlap F1");
    for (size_t c = 0; c < sc->cs.n; c++)
        fprintf(out, " %7s", sc->cs.v[c].label);
    fputc('\n', out);
    for (size_t i = 0; i < sc->gold->n; i++) {
        tally t = sum_types(sc->by_article[i]);
        figure f[MAX_FIGURES];
        size_t n = figures_of(&t, &sc->by_article[i][WS_DIRECT], sc->cs, f);
        fprintf(out, "%-*s %6zu %6zu", w, sc->gold->articles[i].name, t.gold, t.sys);
        put_figure(out, 8, &f[FIG_EXACT_F1]);
        put_figure(out, 10, &f[FIG_OVERLAP_F1]);
        for (size_t k = FIG_CHECKS; k < n; k++)
            put_figure(out, 7, &f[k]);
        fputc('\n', out);
    }
}

static void print_report(FILE *out, const scorer *sc)
{
    totals t = totals_of(sc);
    figure f[MAX_FIGURES];
    figures_of(&t.all, &t.by_type[WS_DIRECT], sc->cs, f);
    fprintf(out, "whosaid eval: %zu article%s, %zu gold and %zu system quotations (%s gold)\n",
            sc->gold->n, sc->gold->n == 1 ? "" : "s", t.all.gold, t.all.sys,
            sc->gold->format == WS_GOLD_BRAT ? "brat" : "whosaid");
    print_quotation_table(out, &t, sc->cs);
    fprintf(out, "\n%-24s", "direct_recall");
    put_ratio(out, &f[FIG_DIRECT_RECALL]);
    fputc('\n', out);
    print_check_table(out, &t, sc->cs);
    print_article_table(out, sc);
}

/* Adds a scope's counts and figures to `o`; ratios also give their [numerator, denominator]. */
static json_t *fill_scope(json_t *o, const tally *t, const tally *direct, checks cs)
{
    figure f[MAX_FIGURES];
    size_t n = figures_of(t, direct, cs, f);
    json_t *figs = json_object(), *counts = json_object();
    json_object_set_new(o, "gold", json_integer((json_int_t)t->gold));
    json_object_set_new(o, "system", json_integer((json_int_t)t->sys));
    for (size_t i = 0; i < n; i++) {
        json_object_set_new(figs, f[i].name, f[i].defined ? json_real(f[i].value) : json_null());
        if (f[i].r.all)
            json_object_set_new(counts, f[i].name,
                                json_pack("[II]", (json_int_t)f[i].r.hit, (json_int_t)f[i].r.all));
    }
    json_object_set_new(o, "figures", figs);
    json_object_set_new(o, "counts", counts);
    return o;
}

static json_t *json_report(const scorer *sc)
{
    totals t = totals_of(sc);
    json_t *o = json_object(), *types = json_object(), *articles = json_array();
    json_object_set_new(o, "gold_format",
                        json_string(sc->gold->format == WS_GOLD_BRAT ? "brat" : "whosaid"));
    json_object_set_new(o, "articles", json_integer((json_int_t)sc->gold->n));
    json_object_set_new(o, "all", fill_scope(json_object(), &t.all, &t.by_type[WS_DIRECT], sc->cs));
    for (int k = 0; k < WS_GOLD_NTYPES; k++)
        if (t.by_type[k].gold || t.by_type[k].sys)
            json_object_set_new(types, type_names[k],
                                fill_scope(json_object(), &t.by_type[k],
                                           k == WS_DIRECT ? &t.by_type[k] : NULL, sc->cs));
    json_object_set_new(o, "by_type", types);
    for (size_t i = 0; i < sc->gold->n; i++) {
        tally at = sum_types(sc->by_article[i]);
        json_t *a = json_object();
        json_object_set_new(a, "article", json_string(sc->gold->articles[i].name));
        fill_scope(a, &at, &sc->by_article[i][WS_DIRECT], sc->cs);
        json_array_append_new(articles, a);
    }
    json_object_set_new(o, "by_article", articles);
    if (sc->slips)
        json_object_set_new(o, "errors", json_incref(sc->slips));
    return o;
}

/* ---- floors -------------------------------------------------------------------------------- */

typedef struct floor_rule {
    char name[64];
    double value;
    unsigned line;
} floor_rule;

typedef struct floors {
    const char *path;
    floor_rule *v;
    size_t n;
} floors;

static bool known_anywhere(const char *name)
{
    figure f[MAX_FIGURES], g[MAX_FIGURES];
    return find_figure(f, figure_names(WS_GOLD_WHOSAID, f), name) ||
           find_figure(g, figure_names(WS_GOLD_BRAT, g), name);
}

/* Parses one "METRIC VALUE" line. Returns false after saying what is wrong with it in `why`. */
static bool floor_line(const char *line, ws_gold_format format, floor_rule *r, char *why,
                       size_t cap)
{
    int value_end = 0;
    if (sscanf(line, " %63[a-z_0-9] %lf%n", r->name, &r->value, &value_end) != 2) {
        snprintf(why, cap, "expected 'METRIC VALUE'");
        return false;
    }
    const char *rest = line + value_end + strspn(line + value_end, " \t\r\n");
    figure f[MAX_FIGURES];
    if (*rest && *rest != '#')
        snprintf(why, cap, "unexpected text after the value");
    else if (!(r->value >= 0.0 && r->value <= 1.0))
        snprintf(why, cap, "a floor is between 0 and 1");
    else if (find_figure(f, figure_names(format, f), r->name))
        return true;
    else if (known_anywhere(r->name))
        snprintf(why, cap, "%s is not measured against %s", r->name,
                 format == WS_GOLD_BRAT ? "brat gold" : ".gold files");
    else
        snprintf(why, cap, "unknown metric '%s' (see whosaid eval --help)", r->name);
    return false;
}

static bool blank_or_comment(const char *line)
{
    line += strspn(line, " \t\r\n");
    return *line == '\0' || *line == '#';
}

static int add_floor(floors *fl, size_t *cap, const floor_rule *r)
{
    if (fl->n == *cap) {
        size_t n = *cap ? 2 * *cap : 16;
        floor_rule *v = realloc(fl->v, n * sizeof *v);
        if (!v)
            return ENOMEM;
        fl->v = v;
        *cap = n;
    }
    fl->v[fl->n++] = *r;
    return 0;
}

/* Reads the floors file, reporting every bad line. Returns 0, or EXIT_USAGE. */
static int read_floors(const char *path, ws_gold_format format, floors *fl)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        fprintf(stderr, "whosaid eval: %s: %s\n", path, strerror(errno));
        return EXIT_USAGE;
    }
    fl->path = path;
    char *line = NULL, why[160];
    size_t cap = 0, fcap = 0;
    unsigned lineno = 0;
    int rc = 0;
    while (getline(&line, &cap, f) >= 0) {
        floor_rule r = {.line = ++lineno};
        if (blank_or_comment(line))
            continue;
        if (!floor_line(line, format, &r, why, sizeof why)) {
            fprintf(stderr, "whosaid eval: %s:%u: %s\n", path, lineno, why);
            rc = EXIT_USAGE;
        } else if (add_floor(fl, &fcap, &r)) {
            fputs("whosaid eval: out of memory\n", stderr);
            rc = EXIT_USAGE;
            break;
        }
    }
    free(line);
    fclose(f);
    return rc;
}

/* Returns 0 when every figure is at or above its floor, else EXIT_BELOW_FLOOR after naming
 * each one that is not. */
static int check_floors(const floors *fl, const figure *f, size_t n)
{
    int rc = 0;
    for (size_t i = 0; i < fl->n; i++) {
        const floor_rule *r = &fl->v[i];
        const figure *got = find_figure(f, n, r->name);
        /* Floors are figures rounded down, so a figure equal to its floor must pass whatever
         * the binary rounding of either (4/5 against "0.8"). */
        if (got && got->defined && got->value + 1e-9 >= r->value)
            continue;
        if (got && got->defined)
            fprintf(stderr, "whosaid eval: %s %.4f is below its floor %.2f (%s:%u)\n", r->name,
                    got->value, r->value, fl->path, r->line);
        else
            fprintf(stderr, "whosaid eval: %s has nothing to measure but a floor (%s:%u)\n",
                    r->name, fl->path, r->line);
        rc = EXIT_BELOW_FLOOR;
    }
    if (rc == 0 && fl->n)
        fprintf(stderr, "whosaid eval: all %zu figures at or above their floors in %s\n", fl->n,
                fl->path);
    return rc;
}

/* ---- options and the run ------------------------------------------------------------------- */

typedef struct options {
    const char *patterns, *floors;
    ws_gold_format format;
    bool json, errors, skip_missing;
    unsigned jobs;
    char **paths;
    int npaths;
} options;

/* One line of metric names for --help, wrapped under its label. */
static void put_names(FILE *out, const char *label, const figure *f, size_t from, size_t to)
{
    int col = fprintf(out, "  %-13s", label);
    for (size_t i = from; i < to; i++) {
        if (i > from && col + 1 + (int)strlen(f[i].name) > 90)
            col = fprintf(out, "\n%15s", "") - 1;
        col += fprintf(out, "%s%s", col > 15 ? " " : "", f[i].name);
    }
    fputc('\n', out);
}

static void usage(FILE *out)
{
    fputs("Usage: whosaid eval [OPTIONS] PATH...\n"
          "\n"
          "Scores the extractor against gold labels. PATH is a corpus directory of NAME.txt +\n"
          "NAME.gold pairs or one .gold file; with --gold-format brat, a split directory holding\n"
          "text/NAME.txt and attributions/NAME_ANNOTATOR.ann (PolNeAR; the first .ann is used).\n"
          "\n"
          "Quotations are matched one-to-one twice. Exact: the same span once both are trimmed\n"
          "of quote marks (\" ' “ ” ‘ ’ « » „ ‚ ‹ › ` and ''), spaces, edge punctuation\n"
          "(. , ; : ! ? — – - … and brackets), and then of a leading \"that \" (PolNeAR keeps the\n"
          "complementizer in its contents, whosaid leaves it out); a discontinuous gold span\n"
          "reads as its pieces joined by a space. Overlap: character Jaccard >= 0.5 on the code\n"
          "points of the trimmed spans, the best pairs first. Precision counts system\n"
          "quotations, recall gold ones. On overlap-matched pairs: speaker (the same string;\n"
          "null = null is right), cue (the same ignoring case) and mention (the same string);\n"
          "named-speaker accuracy only where the gold speaker is not null. Against brat gold,\n"
          "source and cue are right when the system's mention or cue span overlaps the gold\n"
          "one, direct_recall is over the gold contents that hold a quote mark, and system\n"
          "quotations linked as one attribution (rule split, multi-paragraph, or continuation\n"
          "in the same or the next paragraph, same speaker) count as one discontinuous\n"
          "content, the way PolNeAR annotates \"Q1,\" she said. \"Q2.\"\n"
          "\n"
          "  -p, --patterns DIR     patterns directory (default as for whosaid)\n"
          "  -g, --gold-format FMT  whosaid (default) or brat\n"
          "  -e, --errors           list misses, false alarms, span errors and wrong\n"
          "                         speakers, mentions and cues, with their context\n"
          "      --json             print one JSON object instead of the tables\n"
          "  -f, --floors FILE      fail when a figure is below its floor in FILE: lines\n"
          "                         'METRIC VALUE', '#' comments\n"
          "      --skip-missing     exit 77 (skipped) when a PATH does not exist\n"
          "  -j, --jobs N           extract with N threads (default: one per processor)\n"
          "  -h, --help             print this help\n"
          "\n"
          "Metrics, the names --floors takes:\n",
          out);
    figure f[MAX_FIGURES];
    size_t n = figure_names(WS_GOLD_WHOSAID, f);
    put_names(out, "all gold:", f, 0, FIG_CHECKS);
    put_names(out, ".gold files:", f, FIG_CHECKS, n);
    n = figure_names(WS_GOLD_BRAT, f);
    put_names(out, "brat:", f, FIG_CHECKS, n);
    fputs("\nExit status: 0 scored, 1 a figure is below its floor, 2 usage, gold or pattern\n"
          "error, 77 skipped.\n",
          out);
}

static unsigned default_jobs(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? 1 : n > MAX_JOBS ? MAX_JOBS : (unsigned)n;
}

/* Returns -1 to go on, else the exit status. */
static int parse_options(int argc, char **argv, options *o)
{
    enum { OPT_JSON = 256, OPT_SKIP };
    static const struct option opts[] = {{"patterns", required_argument, NULL, 'p'},
                                         {"gold-format", required_argument, NULL, 'g'},
                                         {"errors", no_argument, NULL, 'e'},
                                         {"json", no_argument, NULL, OPT_JSON},
                                         {"floors", required_argument, NULL, 'f'},
                                         {"skip-missing", no_argument, NULL, OPT_SKIP},
                                         {"jobs", required_argument, NULL, 'j'},
                                         {"help", no_argument, NULL, 'h'},
                                         {NULL, 0, NULL, 0}};
    *o = (options){.format = WS_GOLD_WHOSAID, .jobs = default_jobs()};
    int c;
    char *end;
    while ((c = getopt_long(argc, argv, "p:g:ef:j:h", opts, NULL)) != -1) {
        switch (c) {
        case 'p': o->patterns = optarg; break;
        case 'e': o->errors = true; break;
        case 'f': o->floors = optarg; break;
        case OPT_JSON: o->json = true; break;
        case OPT_SKIP: o->skip_missing = true; break;
        case 'h': usage(stdout); return 0;
        case 'g':
            if (strcmp(optarg, "whosaid") && strcmp(optarg, "brat")) {
                fprintf(stderr, "whosaid eval: unknown gold format '%s'\n", optarg);
                return EXIT_USAGE;
            }
            o->format = strcmp(optarg, "brat") == 0 ? WS_GOLD_BRAT : WS_GOLD_WHOSAID;
            break;
        case 'j':
            o->jobs = (unsigned)strtoul(optarg, &end, 10);
            if (*end || o->jobs < 1 || o->jobs > MAX_JOBS) {
                fprintf(stderr, "whosaid eval: --jobs takes 1 to %d\n", MAX_JOBS);
                return EXIT_USAGE;
            }
            break;
        default: usage(stderr); return EXIT_USAGE;
        }
    }
    o->paths = argv + optind;
    o->npaths = argc - optind;
    if (o->npaths == 0) {
        fputs("whosaid eval: no PATH given (see whosaid eval --help)\n", stderr);
        return EXIT_USAGE;
    }
    return -1;
}

static const char *missing_path(const options *o)
{
    struct stat st;
    for (int i = 0; i < o->npaths; i++)
        if (stat(o->paths[i], &st) != 0)
            return o->paths[i];
    return NULL;
}

/* Loads the gold of every PATH. Returns 0, or EXIT_USAGE after reporting. */
static int load_gold(const options *o, ws_gold_set *gold)
{
    for (int i = 0; i < o->npaths; i++) {
        size_t articles = gold->n, errors = gold->errors;
        if (ws_gold_load(gold, o->paths[i], stderr) != 0) {
            fprintf(stderr, "whosaid eval: out of memory reading %s\n", o->paths[i]);
            return EXIT_USAGE;
        }
        if (gold->n == articles && gold->errors == errors) {
            fprintf(stderr, "%s: no articles\n", o->paths[i]);
            gold->errors++;
        }
    }
    if (gold->errors)
        fprintf(stderr, "whosaid eval: %zu gold error%s\n", gold->errors,
                gold->errors == 1 ? "" : "s");
    return gold->errors ? EXIT_USAGE : 0;
}

/* Extracts and scores every article; a document the extractor fails on is reported and scored
 * as finding nothing. Returns 0 or ENOMEM. */
static int score_all(const ws_engine *eng, const options *o, scorer *sc)
{
    const ws_gold_set *gold = sc->gold;
    extraction x = {eng, gold, calloc(gold->n, sizeof *x.results), calloc(gold->n, sizeof *x.errs),
                    0};
    int rc = x.results && x.errs ? 0 : ENOMEM;
    if (rc == 0)
        extract_all(&x, o->jobs);
    for (size_t i = 0; rc == 0 && i < gold->n; i++) {
        if (!x.results[i])
            fprintf(stderr, "whosaid eval: %s: %s\n", gold->articles[i].text_path,
                    x.errs[i].msg[0] ? x.errs[i].msg : ws_strerror(x.errs[i].code));
        rc = score_article(sc, i, x.results[i]);
    }
    for (size_t i = 0; x.results && i < gold->n; i++)
        ws_result_free(x.results[i]);
    free(x.results);
    free(x.errs);
    return rc;
}

/* Prints the report and checks the floors. Returns the exit status. */
static int finish(const options *o, const scorer *sc, const floors *fl)
{
    if (o->json) {
        json_t *report = json_report(sc);
        char *s = report ? json_dumps(report, JSON_INDENT(1) | JSON_REAL_PRECISION(4)) : NULL;
        if (s)
            printf("%s\n", s);
        free(s);
        json_decref(report);
        if (!s) {
            fputs("whosaid eval: out of memory\n", stderr);
            return EXIT_USAGE;
        }
    } else {
        print_report(stdout, sc);
    }
    if (fflush(stdout) != 0) {
        fprintf(stderr, "whosaid eval: cannot write output: %s\n", strerror(errno));
        return EXIT_USAGE;
    }
    totals t = totals_of(sc);
    figure f[MAX_FIGURES];
    size_t n = figures_of(&t.all, &t.by_type[WS_DIRECT], sc->cs, f);
    return check_floors(fl, f, n);
}

static int run(const options *o, ws_gold_set *gold, const floors *fl)
{
    ws_engine *eng = ws_load_engine(o->patterns);
    if (!eng)
        return EXIT_USAGE;
    scorer sc = {gold,
                 checks_for(gold->format),
                 calloc(gold->n + 1, sizeof *sc.by_article),
                 o->errors,
                 o->errors && o->json ? json_array() : NULL,
                 stdout};
    int rc = sc.by_article && (!sc.list_errors || !o->json || sc.slips) ? 0 : ENOMEM;
    if (rc == 0)
        rc = score_all(eng, o, &sc);
    if (rc)
        fputs("whosaid eval: out of memory\n", stderr);
    int status = rc ? EXIT_USAGE : finish(o, &sc, fl);
    json_decref(sc.slips);
    free(sc.by_article);
    ws_engine_free(eng);
    return status;
}

int ws_eval_main(int argc, char **argv)
{
    options o;
    int status = parse_options(argc, argv, &o);
    if (status >= 0)
        return status;
    const char *missing = o.skip_missing ? missing_path(&o) : NULL;
    if (missing) {
        printf("whosaid eval: %s does not exist; skipped\n", missing);
        return EXIT_SKIPPED;
    }
    floors fl = {0};
    ws_gold_set gold = {.format = o.format};
    status = o.floors ? read_floors(o.floors, o.format, &fl) : 0;
    if (status == 0)
        status = load_gold(&o, &gold);
    if (status == 0)
        status = run(&o, &gold, &fl);
    ws_gold_free(&gold);
    free(fl.v);
    return status;
}
