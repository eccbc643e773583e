/* Pattern files (*.pcre): named PCRE2 patterns with macros, compiled once.
 *
 *   # comment
 *   @define NAME            the indented lines below are a macro, used as {NAME}
 *   @frame NAME WHERE       WHERE is after, before, sentence or names
 *   @match TEXT             an example the frame above must match (checked by selftest)
 *   @nomatch TEXT           an example it must not match
 *
 * Bodies are compiled with PCRE2_EXTENDED, so spaces are free and '#' comments allowed. {list}
 * expands to the entries of list.txt as an alternation, {list:attr} to those of the groups with
 * attribute attr, {list!attr} to those without. Errors are reported as file:line:column. */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

typedef struct seg {
    size_t off;            /* offset in the text this segment starts at */
    unsigned line, column; /* where it came from */
    const char *macro;     /* set when the text came from expanding this macro */
} seg;

typedef struct source {
    char *text;
    size_t len, cap;
    seg *segs;
    size_t nsegs, cap_segs;
    const char *file;
} source;

typedef struct def {
    char *name;
    source body;
} def;

typedef struct pending {
    ws_frame frame;
    source body;
} pending;

typedef struct loader {
    ws_engine *eng;
    ws_error *err;
    def *defs;
    size_t ndefs, cap_defs;
    pending *frames;
    size_t nframes, cap_frames;
    char *files[64];
    size_t nfiles;
    ws_prefilter_memo *memo; /* shared by the frames' pre-filters */
} loader;

static int src_append(source *s, const char *p, size_t n)
{
    if (ws_grow(&s->text, &s->cap, s->len + n + 1, 1))
        return WS_ERR_NOMEM;
    memcpy(s->text + s->len, p, n);
    s->len += n;
    s->text[s->len] = '\0';
    return 0;
}

static int src_mark(source *s, unsigned line, unsigned column, const char *macro)
{
    if (ws_grow(&s->segs, &s->cap_segs, s->nsegs + 1, sizeof *s->segs))
        return WS_ERR_NOMEM;
    s->segs[s->nsegs++] = (seg){s->len, line, column, macro};
    return 0;
}

static void src_free(source *s)
{
    free(s->text);
    free(s->segs);
    memset(s, 0, sizeof *s);
}

/* Where offset `off` of `s` came from. */
static const seg *src_locate(const source *s, size_t off)
{
    const seg *best = s->nsegs ? &s->segs[0] : NULL;
    for (size_t i = 0; i < s->nsegs; i++)
        if (s->segs[i].off <= off)
            best = &s->segs[i];
    return best;
}

static int fail_src(loader *L, const source *s, size_t off, const char *what)
{
    const seg *g = src_locate(s, off);
    unsigned line = g ? g->line : 0;
    unsigned col = g ? (g->macro ? g->column : g->column + (unsigned)(off - g->off)) : 0;
    char msg[400];
    if (g && g->macro)
        snprintf(msg, sizeof msg, "in {%s}: %s", g->macro, what);
    else
        snprintf(msg, sizeof msg, "%s", what);
    return ws_fail_at(L->err, WS_ERR_PATTERN, s->file, line, col, "%s", msg);
}

/* ---- expansion ---------------------------------------------------------------------------- */

/* Word lists become tries: PCRE2 tries the branches of an alternation one by one, so "said|says|
 * sang" is matched as "sa(?:id|ys|ng)". Entries are folded (the list is matched case-
 * insensitively) and a space or apostrophe becomes a unit of its own. */
enum { UNIT_SPACE = 1, UNIT_APOSTROPHE = 2 };

/* The folded entry with spaces and apostrophes replaced by their unit bytes. */
static char *trie_key(const char *entry)
{
    char buf[512];
    size_t n = ws_fold(entry, strlen(entry), buf, sizeof buf - 1);
    buf[n] = '\0';
    for (size_t i = 0; i < n; i++)
        if (buf[i] == ' ')
            buf[i] = UNIT_SPACE;
        else if (buf[i] == '\'')
            buf[i] = UNIT_APOSTROPHE;
    return strdup(buf);
}

static size_t unit_len(const char *s)
{
    unsigned char c = (unsigned char)*s;
    return c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
}

static int append_unit(source *out, const char *s, size_t n)
{
    if (*s == UNIT_SPACE)
        return src_append(out, "\\s+", 3);
    if (*s == UNIT_APOSTROPHE)
        return src_append(out, "['\xE2\x80\x99]", 6);
    if (n == 1 && strchr("\\^$.|?*+()[]{}#-/ ", *s)) {
        int rc = src_append(out, "\\", 1);
        return rc ? rc : src_append(out, s, 1);
    }
    return src_append(out, s, n);
}

/* Emits the trie of the sorted, distinct keys v[lo..hi) that share their first `off` bytes. */
static int emit_trie(source *out, char **v, size_t lo, size_t hi, size_t off)
{
    bool terminal = v[lo][off] == '\0'; /* sorted: the key that ends here comes first */
    size_t start = lo + terminal;
    if (start == hi)
        return 0;
    size_t groups = 0;
    for (size_t i = start; i < hi; groups++) {
        size_t n = unit_len(v[i] + off), j = i + 1;
        while (j < hi && !memcmp(v[j] + off, v[i] + off, n))
            j++;
        i = j;
    }
    bool wrap = terminal || groups > 1;
    int rc = wrap ? src_append(out, "(?:", 3) : 0;
    for (size_t i = start; rc == 0 && i < hi;) {
        size_t n = unit_len(v[i] + off), j = i + 1;
        while (j < hi && !memcmp(v[j] + off, v[i] + off, n))
            j++;
        if (i > start)
            rc = src_append(out, "|", 1);
        if (!rc)
            rc = append_unit(out, v[i] + off, n);
        if (!rc)
            rc = emit_trie(out, v, i, j, off + n);
        i = j;
    }
    if (!rc && wrap)
        rc = src_append(out, terminal ? ")?" : ")", terminal ? 2 : 1);
    return rc;
}

static int by_bytes(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Appends the entries of a list (filtered by attribute) as a case-insensitive trie. */
static int expand_list(loader *L, source *out, const ws_list *l, char op, const char *attr,
                       const source *in, size_t at)
{
    uint32_t bit = 0;
    if (op) {
        bit = ws_list_attr(l, attr);
        if (!bit && op == ':') {
            char what[200];
            snprintf(what, sizeof what, "no entry of %s.txt has attribute '%s'", l->name, attr);
            return fail_src(L, in, at, what);
        }
    }
    char **keys = calloc(l->nentries + 1, sizeof *keys);
    if (!keys)
        return WS_ERR_NOMEM;
    size_t n = 0;
    int rc = 0;
    for (size_t i = 0; i < l->nentries && rc == 0; i++) {
        bool has = (l->groups[l->entry_group[i]].attrs & bit) != 0;
        if (op && !((op == ':' && has) || (op == '!' && !has)))
            continue;
        if (!(keys[n] = trie_key(l->entries[i])))
            rc = WS_ERR_NOMEM;
        else if (keys[n][0])
            n++;
        else
            free(keys[n]);
    }
    if (rc == 0 && n) {
        qsort(keys, n, sizeof *keys, by_bytes);
        size_t m = 1; /* distinct keys only */
        for (size_t i = 1; i < n; i++) {
            if (strcmp(keys[i], keys[m - 1]))
                keys[m++] = keys[i];
            else
                free(keys[i]);
        }
        n = m;
    }
    if (!rc)
        rc = src_append(out, "(?i:", 4);
    if (!rc)
        rc = n ? emit_trie(out, keys, 0, n, 0) : src_append(out, "(*FAIL)", 7);
    if (!rc)
        rc = src_append(out, ")", 1);
    for (size_t i = 0; i < n; i++)
        free(keys[i]);
    free(keys);
    return rc;
}

static def *find_def(loader *L, const char *name, size_t n)
{
    for (size_t i = 0; i < L->ndefs; i++)
        if (strlen(L->defs[i].name) == n && !memcmp(L->defs[i].name, name, n))
            return &L->defs[i];
    return NULL;
}

static bool is_ident(char c, bool first)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
           (!first && ((c >= '0' && c <= '9') || c == '-'));
}

/* A macro or list a pattern uses: emitted once, in a (?(DEFINE)...) group at the end of the
 * pattern, and called as (?&ws_KEY). Keeps patterns small enough for PCRE2's link size. */
typedef struct use {
    char key[96];
    def *d;              /* a @define, or */
    const ws_list *list; /* a word list */
    char op;             /* ':' or '!' or 0 */
    char attr[64];
    const source *from;  /* where it was first referenced, for errors */
    size_t at;
} use;

typedef struct uses {
    use *v;
    size_t n, cap;
} uses;

static int note_use(uses *u, const use *x)
{
    for (size_t i = 0; i < u->n; i++)
        if (!strcmp(u->v[i].key, x->key))
            return 0;
    if (ws_grow(&u->v, &u->cap, u->n + 1, sizeof *u->v))
        return WS_ERR_NOMEM;
    u->v[u->n++] = *x;
    return 0;
}

/* Parses a reference {NAME}, {list:attr} or {list!attr} at in->text[i]; returns its length, or 0
 * when the brace is not a reference (a quantifier such as {2,5}). */
static size_t parse_ref(const source *in, size_t i, use *x)
{
    size_t j = i + 1;
    if (j >= in->len || !is_ident(in->text[j], true))
        return 0;
    while (j < in->len && is_ident(in->text[j], false))
        j++;
    size_t name_end = j, attr_start = j;
    char op = 0;
    if (j < in->len && (in->text[j] == ':' || in->text[j] == '!')) {
        op = in->text[j++];
        attr_start = j;
        while (j < in->len && is_ident(in->text[j], false))
            j++;
    }
    if (j >= in->len || in->text[j] != '}' || name_end - i - 1 >= 60 || j - attr_start >= 60)
        return 0;
    memset(x, 0, sizeof *x);
    x->op = op;
    snprintf(x->attr, sizeof x->attr, "%.*s", (int)(j - attr_start), in->text + attr_start);
    snprintf(x->key, sizeof x->key, "%.*s", (int)(name_end - i - 1), in->text + i + 1);
    return j + 1 - i;
}

/* Expands `in` into `out`, turning references into subroutine calls recorded in `u`. */
static int expand(loader *L, source *out, const source *in, uses *u)
{
    size_t i = 0, si = 0;
    while (i < in->len) {
        while (si < in->nsegs && in->segs[si].off <= i) {
            const seg *g = &in->segs[si++];
            int rc = src_mark(out, g->line, g->column + (unsigned)(i - g->off), NULL);
            if (rc)
                return rc;
        }
        char c = in->text[i];
        size_t k = i + 1;
        use x;
        size_t n = 0;
        if (c == '\\' && i + 1 < in->len) {
            /* an escape; \p{L}, \x{2019}, \g{1} keep their braces */
            char e = in->text[i + 1];
            k = i + 2;
            if (k < in->len && in->text[k] == '{' && ((e | 0x20) >= 'a' && (e | 0x20) <= 'z')) {
                while (k < in->len && in->text[k] != '}')
                    k++;
                if (k < in->len)
                    k++;
            }
        } else if (c == '{' && (n = parse_ref(in, i, &x))) {
            x.d = x.op ? NULL : find_def(L, x.key, strlen(x.key));
            x.list = x.d ? NULL : ws_engine_list(L->eng, x.key);
            if (!x.d && !x.list) {
                char what[200];
                snprintf(what, sizeof what, "unknown macro or list {%s}", x.key);
                return fail_src(L, in, i, what);
            }
            if (x.op) { /* one subroutine per filtered list */
                size_t kl = strlen(x.key);
                snprintf(x.key + kl, sizeof x.key - kl, "_%s_%s", x.op == ':' ? "with" : "without",
                         x.attr);
            }
            for (char *p = x.key; *p; p++)
                if (*p == '-')
                    *p = '_';
            x.from = in;
            x.at = i;
            char call[128];
            snprintf(call, sizeof call, "(?&ws_%s)", x.key);
            int rc = note_use(u, &x);
            if (!rc)
                rc = src_append(out, call, strlen(call));
            if (rc)
                return rc;
            i += n;
            continue;
        }
        int rc = src_append(out, in->text + i, k - i);
        if (rc)
            return rc;
        i = k;
    }
    return 0;
}

/* The use of `list` filtered by an attribute, if the pattern has one: {titles:role} for
 * {titles}. */
static const use *filtered_use(const uses *u, const ws_list *list)
{
    for (size_t i = 0; i < u->n; i++)
        if (u->v[i].list == list && u->v[i].op)
            return &u->v[i];
    return NULL;
}

/* Appends the definition of an unfiltered list. When the pattern also uses the list filtered
 * by an attribute, the whole list is the two halves ({titles:role} and {titles!role}) called in
 * turn, not a second copy of the entries: a frame with both would be twice as large, and PCRE2's
 * link size bounds a compiled pattern to 64 KB. */
static int define_list(loader *L, source *out, const use *x, uses *u)
{
    const use *f = filtered_use(u, x->list);
    if (!f)
        return expand_list(L, out, x->list, 0, NULL, x->from, x->at);
    use half[2] = {*f, *f};
    half[0].op = ':', half[1].op = '!';
    int rc = src_append(out, "(?:", 3);
    for (int k = 0; k < 2 && rc == 0; k++) {
        int len = snprintf(half[k].key, sizeof half[k].key, "%s_%s_%s", x->key,
                           half[k].op == ':' ? "with" : "without", half[k].attr);
        if (len < 0 || (size_t)len >= sizeof half[k].key)
            return fail_src(L, x->from, x->at, "list or attribute name too long");
        for (char *p = half[k].key; *p; p++)
            if (*p == '-')
                *p = '_';
        rc = note_use(u, &half[k]);
        if (!rc)
            rc = src_append(out, k ? "|(?&ws_" : "(?&ws_", k ? 7 : 6);
        if (!rc)
            rc = src_append(out, half[k].key, strlen(half[k].key));
        if (!rc)
            rc = src_append(out, ")", 1);
    }
    return rc ? rc : src_append(out, ")", 1);
}

/* Expands a frame body and appends the definitions of every macro and list it uses. Whole
 * lists come last, once every filtered use is known (see define_list). */
static int expand_frame(loader *L, source *out, const source *body)
{
    uses u = {0};
    int rc = expand(L, out, body, &u);
    if (!rc && u.n)
        rc = src_append(out, "\n(?(DEFINE)", 11);
    size_t first_pass_end = 0;
    for (int pass = 0; pass < 2 && rc == 0; pass++) {
        /* u grows while macros are expanded, and while whole lists add their halves */
        for (size_t i = 0; rc == 0 && i < u.n; i++) {
            use x = u.v[i];
            bool whole = x.list && !x.op;
            if (pass == 0 ? whole : !(whole || i >= first_pass_end))
                continue;
            char open[128];
            snprintf(open, sizeof open, "(?<ws_%s>", x.key);
            rc = src_append(out, open, strlen(open));
            if (!rc && x.d)
                rc = expand(L, out, &x.d->body, &u);
            else if (!rc && whole)
                rc = define_list(L, out, &x, &u);
            else if (!rc)
                rc = expand_list(L, out, x.list, x.op, x.attr, x.from, x.at);
            if (!rc)
                rc = src_append(out, ")\n", 2);
        }
        first_pass_end = u.n;
    }
    if (!rc && u.n)
        rc = src_append(out, ")", 1);
    free(u.v);
    return rc;
}

/* ---- compiling --------------------------------------------------------------------------- */

static int group(const pcre2_code *code, const char *name)
{
    int n = pcre2_substring_number_from_name(code, (PCRE2_SPTR)name);
    return n > 0 ? n : -1;
}

static int compile_frame(loader *L, pending *p)
{
    source out = {0};
    out.file = p->body.file;
    int rc = expand_frame(L, &out, &p->body);
    if (rc) {
        src_free(&out);
        return rc;
    }
    int ec;
    PCRE2_SIZE eo;
    uint32_t opts = PCRE2_UTF | PCRE2_UCP | PCRE2_EXTENDED | PCRE2_NO_UTF_CHECK;
    if (p->frame.where == WS_WHERE_AFTER || p->frame.where == WS_WHERE_ANSWER ||
        p->frame.where == WS_WHERE_TAIL)
        opts |= PCRE2_ANCHORED; /* they start where a quotation, paragraph or cue ends */
    pcre2_code *code =
        pcre2_compile((PCRE2_SPTR)(out.text ? out.text : ""), out.len, opts, &ec, &eo, NULL);
    if (!code && ec == PCRE2_ERROR_PATTERN_TOO_LARGE) {
        /* no position in the text is to blame: name the frame (its offset would point into
         * whatever macro or list the compiler had reached) */
        src_free(&out);
        return ws_fail_at(L->err, WS_ERR_PATTERN, p->frame.file, p->frame.line, 1,
                          "frame '%s' compiles larger than PCRE2 allows (64 KiB with link size "
                          "2): shorten it, or the macros and lists it expands",
                          p->frame.name);
    }
    if (!code) {
        PCRE2_UCHAR buf[256];
        pcre2_get_error_message(ec, buf, sizeof buf);
        rc = fail_src(L, &out, eo, (const char *)buf);
        src_free(&out);
        return rc;
    }
    pcre2_jit_compile(code, PCRE2_JIT_COMPLETE); /* falls back to the interpreter if absent */
    p->frame.code = code;
    rc = ws_prefilter_make(out.text, out.len, p->frame.need, &L->memo);
    if (rc < 0) {
        src_free(&out);
        return rc;
    }
    p->frame.nneed = (size_t)rc;
    if (p->frame.where == WS_WHERE_NAMES) {
        /* names frames are also matched anchored at a match their search found (mentions.c);
         * JIT code cannot anchor at match time, so pcre2_match would interpret the pattern,
         * ten times slower than the anchored copy JIT-compiled here */
        p->frame.anchored = pcre2_compile((PCRE2_SPTR)out.text, out.len, opts | PCRE2_ANCHORED,
                                          &ec, &eo, NULL);
        if (!p->frame.anchored) {
            src_free(&out);
            return WS_ERR_NOMEM; /* the same text compiled unanchored: only memory can fail */
        }
        pcre2_jit_compile(p->frame.anchored, PCRE2_JIT_COMPLETE);
    }
    src_free(&out);
    p->frame.g_content = group(code, "content");
    p->frame.g_mention = group(code, "mention");
    p->frame.g_cue = group(code, "cue");
    p->frame.g_title = group(code, "title");
    p->frame.g_name = group(code, "name");
    p->frame.g_age = group(code, "age");
    p->frame.g_role = group(code, "role");
    p->frame.g_org = group(code, "org");
    p->frame.g_appos = group(code, "appos");
    p->frame.g_alias = group(code, "alias");
    ws_frame_where w = p->frame.where;
    bool needs_mention = w == WS_WHERE_AFTER || w == WS_WHERE_BEFORE || w == WS_WHERE_SENTENCE;
    if ((needs_mention && (p->frame.g_mention < 0 || p->frame.g_cue < 0)) ||
        ((w == WS_WHERE_SENTENCE || w == WS_WHERE_ANSWER) && p->frame.g_content < 0) ||
        (w == WS_WHERE_TAIL && (p->frame.g_content < 0 || p->frame.g_cue < 0)) ||
        (w == WS_WHERE_NAMES && p->frame.g_name < 0 && p->frame.g_org < 0))
        return ws_fail_at(L->err, WS_ERR_PATTERN, p->frame.file, p->frame.line, 1,
                          "frame '%s' lacks a required named group (%s)", p->frame.name,
                          w == WS_WHERE_NAMES      ? "name or org"
                          : w == WS_WHERE_SENTENCE ? "content, mention, cue"
                          : w == WS_WHERE_ANSWER   ? "content"
                          : w == WS_WHERE_TAIL     ? "content, cue"
                                                   : "mention, cue");
    return 0;
}

/* ---- parsing ----------------------------------------------------------------------------- */

static const char *skip_blank(const char *p, const char *e)
{
    while (p < e && (*p == ' ' || *p == '\t'))
        p++;
    return p;
}

static const char *word_end(const char *p, const char *e)
{
    while (p < e && *p != ' ' && *p != '\t')
        p++;
    return p;
}

static int where_of(const char *w, size_t n, ws_frame_where *out)
{
    static const struct {
        const char *name;
        ws_frame_where where;
    } names[] = {{"after", WS_WHERE_AFTER},
                 {"before", WS_WHERE_BEFORE},
                 {"sentence", WS_WHERE_SENTENCE},
                 {"names", WS_WHERE_NAMES},
                 {"answer", WS_WHERE_ANSWER},
                 {"tail", WS_WHERE_TAIL},
                 {"filter", WS_WHERE_FILTER}};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        if (strlen(names[i].name) == n && !memcmp(names[i].name, w, n)) {
            *out = names[i].where;
            return 0;
        }
    return -1;
}

static int add_example(loader *L, const char *file, unsigned lineno, const char *text,
                       size_t n, bool must)
{
    if (L->nframes == 0)
        return ws_fail_at(L->err, WS_ERR_PATTERN, file, lineno, 1,
                          "example before any @frame");
    ws_frame *f = &L->frames[L->nframes - 1].frame;
    ws_example *ex = realloc(f->examples, (f->nexamples + 1) * sizeof *ex);
    if (!ex)
        return WS_ERR_NOMEM;
    f->examples = ex;
    ex[f->nexamples] = (ws_example){ws_strndup(text, n), must, lineno};
    if (!ex[f->nexamples].text)
        return WS_ERR_NOMEM;
    f->nexamples++;
    return 0;
}

/* Starts a new @define or @frame; returns the source its body lines go to. */
static int directive(loader *L, const char *file, unsigned lineno, const char *s,
                     const char *e, source **body)
{
    const char *d = s + 1;
    const char *de = word_end(d, e);
    size_t dn = (size_t)(de - d);
    const char *a = skip_blank(de, e);
    const char *ae = word_end(a, e);
    const char *b = skip_blank(ae, e);
    const char *be = word_end(b, e);
    unsigned acol = (unsigned)(a - s) + 1;
    if ((dn == 5 && !memcmp(d, "match", 5)) || (dn == 7 && !memcmp(d, "nomatch", 7))) {
        *body = NULL;
        return add_example(L, file, lineno, a, (size_t)(e - a), dn == 5);
    }
    bool is_define = dn == 6 && !memcmp(d, "define", 6);
    bool is_frame = dn == 5 && !memcmp(d, "frame", 5);
    if (!is_define && !is_frame)
        return ws_fail_at(L->err, WS_ERR_PATTERN, file, lineno, 2,
                          "unknown directive '@%.*s' (expected @define, @frame, @match, @nomatch)",
                          (int)dn, d);
    if (ae == a || !is_ident(*a, true))
        return ws_fail_at(L->err, WS_ERR_PATTERN, file, lineno, acol, "expected a name");
    for (const char *p = a; p < ae; p++)
        if (!is_ident(*p, false))
            return ws_fail_at(L->err, WS_ERR_PATTERN, file, lineno, (unsigned)(p - s) + 1,
                              "bad character in name");
    if (is_define) {
        if (find_def(L, a, (size_t)(ae - a)))
            return ws_fail_at(L->err, WS_ERR_PATTERN, file, lineno, acol,
                              "macro '%.*s' defined twice", (int)(ae - a), a);
        if (ws_grow(&L->defs, &L->cap_defs, L->ndefs + 1, sizeof *L->defs))
            return WS_ERR_NOMEM;
        def *df = &L->defs[L->ndefs++];
        memset(df, 0, sizeof *df);
        df->name = ws_strndup(a, (size_t)(ae - a));
        df->body.file = file;
        *body = &df->body;
        return df->name ? 0 : WS_ERR_NOMEM;
    }
    ws_frame_where where;
    if (where_of(b, (size_t)(be - b), &where))
        return ws_fail_at(L->err, WS_ERR_PATTERN, file, lineno, (unsigned)(b - s) + 1,
                          "expected after, before, sentence, names, answer or filter");
    for (size_t i = 0; i < L->nframes; i++)
        if (strlen(L->frames[i].frame.name) == (size_t)(ae - a) &&
            !memcmp(L->frames[i].frame.name, a, (size_t)(ae - a)))
            return ws_fail_at(L->err, WS_ERR_PATTERN, file, lineno, acol,
                              "frame '%.*s' defined twice", (int)(ae - a), a);
    if (ws_grow(&L->frames, &L->cap_frames, L->nframes + 1, sizeof *L->frames))
        return WS_ERR_NOMEM;
    pending *p = &L->frames[L->nframes++];
    memset(p, 0, sizeof *p);
    p->frame.name = ws_strndup(a, (size_t)(ae - a));
    p->frame.file = strdup(file);
    p->frame.line = lineno;
    p->frame.where = where;
    p->body.file = file;
    *body = &p->body;
    return p->frame.name && p->frame.file ? 0 : WS_ERR_NOMEM;
}

static int parse_file(loader *L, const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return ws_fail_at(L->err, WS_ERR_IO, path, 0, 0, "cannot open");
    char *file = strdup(path);
    if (!file || L->nfiles == sizeof L->files / sizeof *L->files) {
        free(file);
        fclose(f);
        return ws_fail_at(L->err, WS_ERR_PATTERN, path, 0, 0, "too many pattern files");
    }
    L->files[L->nfiles++] = file;
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    unsigned lineno = 0;
    source *body = NULL;
    int rc = 0;
    while (rc == 0 && (n = getline(&line, &cap, f)) >= 0) {
        lineno++;
        const char *s = line, *e = line + n;
        while (e > s && (e[-1] == '\n' || e[-1] == '\r'))
            e--;
        if (ws_utf8_invalid_at(s, (size_t)(e - s)) != (size_t)-1) {
            rc = ws_fail_at(L->err, WS_ERR_PATTERN, file, lineno, 1, "invalid UTF-8");
            break;
        }
        const char *t = skip_blank(s, e);
        if (t == e || *t == '#')
            continue;
        if (t == s && *t == '@') {
            rc = directive(L, file, lineno, s, e, &body);
            /* the rest of a header line after the name (and WHERE) is not a body */
            continue;
        }
        if (t == s || !body) {
            rc = ws_fail_at(L->err, WS_ERR_PATTERN, file, lineno, 1,
                            body ? "expected a directive or an indented pattern line"
                                 : "pattern text outside @define or @frame");
            break;
        }
        if (!(rc = src_mark(body, lineno, (unsigned)(t - s) + 1, NULL)))
            if (!(rc = src_append(body, t, (size_t)(e - t))))
                rc = src_append(body, "\n", 1);
    }
    free(line);
    fclose(f);
    return rc;
}

static void loader_free(loader *L)
{
    for (size_t i = 0; i < L->ndefs; i++) {
        free(L->defs[i].name);
        src_free(&L->defs[i].body);
    }
    free(L->defs);
    for (size_t i = 0; i < L->nframes; i++)
        src_free(&L->frames[i].body);
    free(L->frames);
    for (size_t i = 0; i < L->nfiles; i++)
        free(L->files[i]);
    ws_prefilter_memo_free(L->memo);
}

static void frame_free(ws_frame *f)
{
    free(f->name);
    free(f->file);
    pcre2_code_free(f->code);
    pcre2_code_free(f->anchored);
    for (size_t i = 0; i < f->nneed; i++)
        free(f->need[i]);
    for (size_t i = 0; i < f->nexamples; i++)
        free(f->examples[i].text);
    free(f->examples);
}

/* Loads the pattern files `paths` (in this order) into the engine's frames. */
int ws_patterns_compile(ws_engine *e, char **paths, size_t n, ws_error *err);
int ws_patterns_compile(ws_engine *e, char **paths, size_t n, ws_error *err)
{
    loader L = {0};
    L.eng = e;
    L.err = err;
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < n; i++)
        rc = parse_file(&L, paths[i]);
    for (size_t i = 0; rc == 0 && i < L.nframes; i++) {
        if (L.frames[i].body.len == 0)
            rc = ws_fail_at(err, WS_ERR_PATTERN, L.frames[i].frame.file, L.frames[i].frame.line,
                            1, "frame '%s' has no pattern", L.frames[i].frame.name);
        else
            rc = compile_frame(&L, &L.frames[i]);
    }
    if (rc == 0) {
        e->frames = calloc(L.nframes ? L.nframes : 1, sizeof *e->frames);
        if (!e->frames)
            rc = WS_ERR_NOMEM;
    }
    for (size_t i = 0; i < L.nframes; i++) {
        if (rc == 0)
            e->frames[e->nframes++] = L.frames[i].frame;
        else
            frame_free(&L.frames[i].frame);
    }
    loader_free(&L);
    return rc;
}

void ws_frames_free(ws_engine *e);
void ws_frames_free(ws_engine *e)
{
    for (size_t i = 0; i < e->nframes; i++)
        frame_free(&e->frames[i]);
    free(e->frames);
    e->frames = NULL;
    e->nframes = 0;
}

int ws_frame_match(const ws_frame *f, const char *subject, size_t len, size_t from,
                   uint32_t options, pcre2_match_data *md, pcre2_match_context *mc)
{
    for (size_t i = 0; i < f->nneed; i++) /* most text cannot match most frames: say so at once */
        if (!ws_literals_found(f->need[i], subject, from, len))
            return PCRE2_ERROR_NOMATCH;
    const pcre2_code *code = f->code;
    if (options & PCRE2_ANCHORED) {
        /* PCRE2_ANCHORED at match time makes pcre2_match leave the JIT code for the
         * interpreter; a pattern compiled anchored matches the same without it */
        uint32_t compiled;
        pcre2_pattern_info(code, PCRE2_INFO_ARGOPTIONS, &compiled);
        if (f->anchored)
            code = f->anchored, options &= ~(uint32_t)PCRE2_ANCHORED;
        else if (compiled & PCRE2_ANCHORED)
            options &= ~(uint32_t)PCRE2_ANCHORED;
    }
    return pcre2_match(code, (PCRE2_SPTR)subject, len, from, options | PCRE2_NO_UTF_CHECK, md,
                       mc);
}
