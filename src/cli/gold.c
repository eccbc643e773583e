/* Reading gold labels. Both formats end as ws_gold_article: the text with its code-point map and
 * the quotations as code-point spans, so that the scorer compares places in the text, never
 * strings copied from different files. */
#include "gold.h"

#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <utf8proc.h>

#include "input.h"

#if defined(__GNUC__)
#define WS_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define WS_PRINTF(a, b)
#endif

static void vreport(ws_gold_set *set, FILE *diag, const char *file, unsigned line, const char *fmt,
                    va_list ap) WS_PRINTF(5, 0);

static void vreport(ws_gold_set *set, FILE *diag, const char *file, unsigned line, const char *fmt,
                    va_list ap)
{
    set->errors++;
    if (line)
        fprintf(diag, "%s:%u: ", file, line);
    else
        fprintf(diag, "%s: ", file);
    vfprintf(diag, fmt, ap);
    fputc('\n', diag);
}

/* A gold fault stops nothing but the quotation it is in, so that one run lists them all.
 * Returns 0, so that a caller can report and go on in one statement. */
static int gold_error(ws_gold_set *set, FILE *diag, const char *file, unsigned line,
                      const char *fmt, ...) WS_PRINTF(5, 6);

static int gold_error(ws_gold_set *set, FILE *diag, const char *file, unsigned line,
                      const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vreport(set, diag, file, line, fmt, ap);
    va_end(ap);
    return 0;
}

static char *str_printf(const char *fmt, ...) WS_PRINTF(1, 2);

static char *str_printf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *s = n < 0 ? NULL : malloc((size_t)n + 1);
    if (s) {
        va_start(ap, fmt);
        vsnprintf(s, (size_t)n + 1, fmt, ap);
        va_end(ap);
    }
    return s;
}

/* Makes room for `need` items in *ptr. Returns 0 or ENOMEM (the array is then unchanged). */
static int grow(void *ptr, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap)
        return 0;
    size_t n = *cap ? *cap : 8;
    while (n < need)
        n *= 2;
    void *p = realloc(*(void **)ptr, n * elem);
    if (!p)
        return ENOMEM;
    *(void **)ptr = p;
    *cap = n;
    return 0;
}

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && strcmp(s + n - k, suffix) == 0;
}

/* ---- directories ------------------------------------------------------------------------ */

typedef struct names {
    char **v;
    size_t n, cap;
} names;

static void names_free(names *ns)
{
    for (size_t i = 0; i < ns->n; i++)
        free(ns->v[i]);
    free(ns->v);
}

static int cmp_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The names in `dir` ending in `suffix`, sorted bytewise so that results and reports do not
 * depend on the file system's order. Returns 0 or an errno value. */
static int list_dir(const char *dir, const char *suffix, names *out)
{
    DIR *d = opendir(dir);
    if (!d)
        return errno;
    int rc = 0;
    struct dirent *e;
    while (rc == 0 && (e = readdir(d))) {
        if (e->d_name[0] == '.' || !ends_with(e->d_name, suffix))
            continue;
        rc = grow(&out->v, &out->cap, out->n + 1, sizeof *out->v);
        if (rc == 0 && !(out->v[out->n++] = strdup(e->d_name)))
            rc = ENOMEM, out->n--;
    }
    closedir(d);
    if (out->n)
        qsort(out->v, out->n, sizeof *out->v, cmp_name);
    return rc;
}

static bool has_name(const names *ns, const char *name)
{
    return ns->n && bsearch(&name, ns->v, ns->n, sizeof *ns->v, cmp_name);
}

/* ---- articles --------------------------------------------------------------------------- */

int32_t ws_gold_code_point(const ws_gold_article *a, size_t i)
{
    utf8proc_int32_t c = 0;
    size_t at = a->cp_byte[i];
    utf8proc_iterate((const utf8proc_uint8_t *)a->text + at, (utf8proc_ssize_t)(a->len - at), &c);
    return c;
}

/* The code point index of byte offset `byte`, which starts a code point or is the end. */
static size_t cp_of_byte(const ws_gold_article *a, size_t byte)
{
    size_t lo = 0, hi = a->ncp;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (a->cp_byte[mid] < byte)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Fills a->cp_byte. Returns 0, ENOMEM, or EILSEQ with *bad at the first invalid byte. */
static int map_code_points(ws_gold_article *a, size_t *bad)
{
    a->cp_byte = malloc((a->len + 1) * sizeof *a->cp_byte);
    if (!a->cp_byte)
        return ENOMEM;
    size_t i = 0, n = 0;
    while (i < a->len) {
        utf8proc_int32_t c;
        utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)a->text + i,
                                              (utf8proc_ssize_t)(a->len - i), &c);
        if (k <= 0) {
            *bad = i;
            return EILSEQ;
        }
        a->cp_byte[n++] = i;
        i += (size_t)k;
    }
    a->cp_byte[n] = a->len;
    a->ncp = n;
    size_t *fit = realloc(a->cp_byte, (n + 1) * sizeof *fit);
    if (fit)
        a->cp_byte = fit;
    return 0;
}

/* The offset of the first byte that is not valid UTF-8, or (size_t)-1. */
static size_t invalid_utf8_at(const char *s, size_t len)
{
    size_t i = 0;
    while (i < len) {
        utf8proc_int32_t c;
        utf8proc_ssize_t k =
            utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(len - i), &c);
        if (k <= 0)
            return i;
        i += (size_t)k;
    }
    return (size_t)-1;
}

/* Reads a whole file as a NUL-terminated string. Returns 0 or an errno value. */
static int read_text(const char *path, char **out, size_t *len)
{
    int rc = ws_read_file(path, out, len);
    if (rc)
        return rc;
    char *p = realloc(*out, *len + 1);
    if (!p) {
        free(*out);
        return ENOMEM;
    }
    p[*len] = '\0';
    *out = p;
    return 0;
}

/* Reads the article's text; one that cannot be read or is not UTF-8 is a gold error, since the
 * labels point into it. Returns 0, ENOMEM, or -1 after reporting. */
static int load_text(ws_gold_set *set, FILE *diag, const char *path, ws_gold_article *a)
{
    int rc = read_text(path, &a->text, &a->len);
    if (rc == ENOMEM)
        return ENOMEM;
    if (rc)
        return gold_error(set, diag, path, 0, "%s", strerror(rc)), -1;
    size_t bad = 0;
    rc = map_code_points(a, &bad);
    if (rc == EILSEQ)
        return gold_error(set, diag, path, 0, "invalid UTF-8 at byte %zu", bad), -1;
    return rc;
}

static void span_free(ws_gold_span *s)
{
    free(s->v);
    s->v = NULL;
    s->n = 0;
}

static void quote_free(ws_gold_quote *q)
{
    span_free(&q->content);
    span_free(&q->cue_span);
    span_free(&q->mention_span);
    free(q->cue);
    free(q->mention);
    free(q->speaker);
}

static void article_free(ws_gold_article *a)
{
    for (size_t i = 0; i < a->nquotes; i++)
        quote_free(&a->quotes[i]);
    free(a->quotes);
    free(a->name);
    free(a->text_path);
    free(a->gold_path);
    free(a->text);
    free(a->cp_byte);
}

void ws_gold_free(ws_gold_set *set)
{
    for (size_t i = 0; i < set->n; i++)
        article_free(&set->articles[i]);
    free(set->articles);
    set->articles = NULL;
    set->n = set->cap = 0;
}

/* Starts an article named after `text_path` and reads its text. Returns 0 with the article
 * added, ENOMEM, or -1 after reporting (nothing added). */
static int add_article(ws_gold_set *set, FILE *diag, const char *text_path, const char *gold_path,
                       ws_gold_article **out)
{
    if (grow(&set->articles, &set->cap, set->n + 1, sizeof *set->articles))
        return ENOMEM;
    ws_gold_article a = {0};
    const char *base = strrchr(text_path, '/');
    base = base ? base + 1 : text_path;
    a.name = strndup(base, strlen(base) - (ends_with(base, ".txt") ? 4 : 0));
    a.text_path = strdup(text_path);
    a.gold_path = strdup(gold_path);
    int rc = a.name && a.text_path && a.gold_path ? load_text(set, diag, text_path, &a) : ENOMEM;
    if (rc) {
        article_free(&a);
        return rc;
    }
    set->articles[set->n] = a;
    *out = &set->articles[set->n++];
    return 0;
}

static int add_quote(ws_gold_article *a, size_t *cap, const ws_gold_quote *q)
{
    if (grow(&a->quotes, cap, a->nquotes + 1, sizeof *a->quotes))
        return ENOMEM;
    a->quotes[a->nquotes++] = *q;
    return 0;
}

char *ws_gold_text(const ws_gold_article *a, const ws_gold_span *span)
{
    size_t size = 1;
    for (size_t i = 0; i < span->n; i++)
        size += a->cp_byte[span->v[i].end] - a->cp_byte[span->v[i].start] + 1;
    char *s = malloc(size), *p = s;
    for (size_t i = 0; s && i < span->n; i++) {
        size_t from = a->cp_byte[span->v[i].start], to = a->cp_byte[span->v[i].end];
        if (i)
            *p++ = ' ';
        memcpy(p, a->text + from, to - from);
        p += to - from;
    }
    if (s)
        *p = '\0';
    return s;
}

/* ---- our .gold files ---------------------------------------------------------------------- */

enum { K_QUOTE, K_OCCURRENCE, K_TYPE, K_CUE, K_MENTION, K_SPEAKER, NKEYS };
static const char *const key_names[NKEYS] = {"quote", "occurrence", "type",
                                             "cue",   "mention",    "speaker"};

/* One `key: value` block as written, before it is checked. */
typedef struct block {
    unsigned line; /* of its first key; 0 while the block is empty */
    char *value[NKEYS];
    unsigned key_line[NKEYS];
} block;

static void block_clear(block *b)
{
    for (int k = 0; k < NKEYS; k++)
        free(b->value[k]);
    memset(b, 0, sizeof *b);
}

/* A .gold file being read, and the article its labels point into. */
typedef struct gold_file {
    ws_gold_set *set;
    FILE *diag;
    ws_gold_article *a;
    size_t cap;
    const char *path;
    block b;
} gold_file;

static bool block_fault(gold_file *f, unsigned line, const char *fmt, ...) WS_PRINTF(3, 4);

/* Reports a fault of the block being read; returns false. */
static bool block_fault(gold_file *f, unsigned line, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vreport(f->set, f->diag, f->path, line, fmt, ap);
    va_end(ap);
    return false;
}

static const char *find(const char *p, const char *end, const char *needle, size_t n)
{
    while ((size_t)(end - p) >= n) {
        p = memchr(p, needle[0], (size_t)(end - p) - n + 1);
        if (!p || memcmp(p, needle, n) == 0)
            return p;
        p++;
    }
    return NULL;
}

/* The byte offset of the nth (1-based) place where `needle` occurs in the text, every start
 * position counted, or (size_t)-1; *count gets how many places there are. */
static size_t find_nth(const ws_gold_article *a, const char *needle, size_t nth, size_t *count)
{
    size_t n = strlen(needle), at = (size_t)-1;
    const char *p = a->text, *end = a->text + a->len;
    *count = 0;
    while (n && (p = find(p, end, needle, n))) {
        if (++*count == nth)
            at = (size_t)(p - a->text);
        p++;
    }
    return at;
}

/* The quote's place in the text. A quote that is missing, or that occurs several times without
 * `occurrence:` saying which, is a gold error: the label would not say what it labels. */
static bool locate(gold_file *f, size_t nth, ws_gold_piece *out)
{
    const block *b = &f->b;
    const char *quote = b->value[K_QUOTE];
    size_t count = 0, at = find_nth(f->a, quote, nth, &count);
    if (count == 0)
        return block_fault(f, b->key_line[K_QUOTE], "quote not found in the text of %s",
                           f->a->name);
    if (!b->value[K_OCCURRENCE] && count > 1)
        return block_fault(f, b->key_line[K_QUOTE],
                           "quote occurs %zu times in the text; say which with 'occurrence: N'",
                           count);
    if (at == (size_t)-1)
        return block_fault(f, b->key_line[K_OCCURRENCE],
                           "occurrence %zu, but the quote occurs %zu time%s", nth, count,
                           count == 1 ? "" : "s");
    out->start = cp_of_byte(f->a, at);
    out->end = cp_of_byte(f->a, at + strlen(quote));
    return true;
}

static int parse_type(const char *s)
{
    static const char *const types[] = {"direct", "indirect", "mixed"};
    for (int t = 0; t < 3; t++)
        if (strcmp(s, types[t]) == 0)
            return t;
    return -1;
}

/* The occurrence the block asks for: 1 when it does not say; 0 after reporting a bad one. */
static size_t occurrence(gold_file *f)
{
    const char *s = f->b.value[K_OCCURRENCE];
    if (!s)
        return 1;
    char *end;
    errno = 0;
    unsigned long long n = strtoull(s, &end, 10);
    if (*s >= '1' && *s <= '9' && !*end && !errno && n <= SIZE_MAX)
        return (size_t)n;
    block_fault(f, f->b.key_line[K_OCCURRENCE], "occurrence must be a positive number, not '%s'",
                s);
    return 0;
}

/* Checks a complete block's keys and values. Returns false after reporting what is wrong. */
static bool block_valid(gold_file *f)
{
    const block *b = &f->b;
    bool ok = true;
    for (int k = 0; k < NKEYS; k++)
        if (k != K_OCCURRENCE && !b->value[k])
            ok = block_fault(f, b->line, "block has no '%s:' line", key_names[k]);
    if (b->value[K_TYPE] && parse_type(b->value[K_TYPE]) < 0)
        ok = block_fault(f, b->key_line[K_TYPE], "type must be direct, indirect or mixed, not '%s'",
                         b->value[K_TYPE]);
    if (b->value[K_QUOTE] && strcmp(b->value[K_QUOTE], "null") == 0)
        ok = block_fault(f, b->key_line[K_QUOTE], "quote cannot be null");
    return ok;
}

/* Takes a string value out of the block: NULL for "null". */
static char *take(block *b, int key)
{
    char *v = b->value[key];
    b->value[key] = NULL;
    if (v && strcmp(v, "null") == 0) {
        free(v);
        v = NULL;
    }
    return v;
}

/* Turns the block read so far, if any, into a quotation. Returns 0 or ENOMEM. */
static int end_block(gold_file *f)
{
    block *b = &f->b;
    ws_gold_piece at;
    int rc = 0;
    bool valid = b->line && block_valid(f);
    size_t nth = b->line ? occurrence(f) : 0;
    if (valid && nth && locate(f, nth, &at)) {
        ws_gold_quote q = {.type = parse_type(b->value[K_TYPE]), .line = b->key_line[K_QUOTE]};
        q.content.v = malloc(sizeof *q.content.v);
        q.cue = take(b, K_CUE);
        q.mention = take(b, K_MENTION);
        q.speaker = take(b, K_SPEAKER);
        rc = q.content.v ? 0 : ENOMEM;
        if (rc == 0) {
            *q.content.v = at;
            q.content.n = 1;
            rc = add_quote(f->a, &f->cap, &q);
        }
        if (rc)
            quote_free(&q);
    }
    block_clear(b);
    return rc;
}

static const char *skip_space(const char *s, const char *end)
{
    while (s < end && (*s == ' ' || *s == '\t'))
        s++;
    return s;
}

static const char *trim_end(const char *s, const char *end)
{
    while (end > s && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\r'))
        end--;
    return end;
}

static int key_of(const char *s, size_t n)
{
    for (int k = 0; k < NKEYS; k++)
        if (strlen(key_names[k]) == n && memcmp(s, key_names[k], n) == 0)
            return k;
    return -1;
}

/* Reads one `key: value` line into the block. Returns 0 or ENOMEM. */
static int key_line(gold_file *f, const char *s, const char *end, unsigned line)
{
    const char *colon = memchr(s, ':', (size_t)(end - s));
    if (!colon)
        return block_fault(f, line, "expected 'key: value'");
    const char *kend = trim_end(s, colon);
    int k = key_of(s, (size_t)(kend - s));
    if (k < 0)
        return block_fault(f, line, "unknown key '%.*s'", (int)(kend - s), s);
    if (f->b.value[k])
        return block_fault(f, line, "second '%s:' in one block (the first is on line %u)",
                           key_names[k], f->b.key_line[k]);
    const char *v = skip_space(colon + 1, end);
    if (v == end)
        return block_fault(f, line, "empty %s (write null for none)", key_names[k]);
    if (!(f->b.value[k] = strndup(v, (size_t)(end - v))))
        return ENOMEM;
    f->b.key_line[k] = line;
    if (!f->b.line)
        f->b.line = line;
    return 0;
}

static int gold_line(gold_file *f, const char *s, const char *end, unsigned line)
{
    end = trim_end(s, end);
    if (skip_space(s, end) == end)
        return end_block(f);
    if (*s == '#')
        return 0;
    return key_line(f, s, end, line);
}

static int parse_gold(gold_file *f, const char *buf, size_t len)
{
    size_t bad = invalid_utf8_at(buf, len);
    if (bad != (size_t)-1)
        return gold_error(f->set, f->diag, f->path, 0, "invalid UTF-8 at byte %zu", bad);
    int rc = 0;
    unsigned line = 0;
    const char *p = buf, *end = buf + len;
    while (rc == 0 && p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *eol = nl ? nl : end;
        rc = gold_line(f, p, eol, ++line);
        p = nl ? nl + 1 : end;
    }
    return rc ? rc : end_block(f);
}

/* Loads NAME.gold and its article NAME.txt. Returns 0 or ENOMEM. */
static int load_pair(ws_gold_set *set, FILE *diag, const char *gold_path)
{
    char *text_path = str_printf("%.*s.txt", (int)(strlen(gold_path) - 5), gold_path);
    char *buf = NULL;
    size_t len = 0;
    int rc = text_path ? read_text(gold_path, &buf, &len) : ENOMEM;
    if (rc && rc != ENOMEM) {
        rc = gold_error(set, diag, gold_path, 0, "%s", strerror(rc));
    } else if (rc == 0) {
        gold_file f = {.set = set, .diag = diag, .path = gold_path};
        rc = add_article(set, diag, text_path, gold_path, &f.a);
        if (rc == 0)
            rc = parse_gold(&f, buf, len);
        block_clear(&f.b);
    }
    free(buf);
    free(text_path);
    return rc < 0 ? 0 : rc;
}

/* Lists a directory, reporting one that cannot be read. Returns 0, ENOMEM, or -1 after
 * reporting. */
static int list_or_report(ws_gold_set *set, FILE *diag, const char *dir, const char *suffix,
                          names *out)
{
    int rc = list_dir(dir, suffix, out);
    if (rc && rc != ENOMEM)
        return gold_error(set, diag, dir, 0, "%s", strerror(rc)), -1;
    return rc;
}

/* Every text of a corpus directory must have labels, so that no article drops out of the scores
 * unnoticed. */
static int check_labelled(ws_gold_set *set, FILE *diag, const char *dir, const names *texts,
                          const names *golds)
{
    for (size_t i = 0; i < texts->n; i++) {
        char *gold = str_printf("%.*s.gold", (int)(strlen(texts->v[i]) - 4), texts->v[i]);
        if (!gold)
            return ENOMEM;
        if (!has_name(golds, gold))
            gold_error(set, diag, dir, 0, "%s has no %s", texts->v[i], gold);
        free(gold);
    }
    return 0;
}

/* A corpus directory: every NAME.gold with its NAME.txt. */
static int load_corpus_dir(ws_gold_set *set, FILE *diag, const char *dir)
{
    names golds = {0}, texts = {0};
    int rc = list_or_report(set, diag, dir, ".gold", &golds);
    if (rc == 0)
        rc = list_or_report(set, diag, dir, ".txt", &texts);
    if (rc == 0)
        rc = check_labelled(set, diag, dir, &texts, &golds);
    for (size_t i = 0; rc == 0 && i < golds.n; i++) {
        char *path = str_printf("%s/%s", dir, golds.v[i]);
        rc = path ? load_pair(set, diag, path) : ENOMEM;
        free(path);
    }
    names_free(&golds);
    names_free(&texts);
    return rc < 0 ? 0 : rc;
}

static int load_whosaid(ws_gold_set *set, FILE *diag, const char *path)
{
    struct stat st;
    if (stat(path, &st) != 0)
        return gold_error(set, diag, path, 0, "%s", strerror(errno));
    if (S_ISDIR(st.st_mode))
        return load_corpus_dir(set, diag, path);
    if (ends_with(path, ".gold"))
        return load_pair(set, diag, path);
    return gold_error(set, diag, path, 0, "neither a corpus directory nor a .gold file");
}

/* ---- brat standoff (PolNeAR) -------------------------------------------------------------- */

/* Brat T lines by number: "T20" is entry 20. */
typedef struct tspan {
    ws_gold_span span;
    unsigned line; /* 0 while undefined */
    bool used;     /* already the content of a gold quotation */
} tspan;

typedef struct ann_file {
    ws_gold_set *set;
    FILE *diag;
    ws_gold_article *a;
    size_t cap;
    const char *path;
    tspan *t;
    size_t nt;
} ann_file;

/* Ids beyond this are taken for garbage rather than allocated for. */
#define MAX_BRAT_ID 1000000ul

/* Reads "T123" or "E45" (with the given letter) at *s; returns the number, or 0 when there is
 * none. */
static unsigned long brat_id(const char **s, char letter)
{
    const char *p = *s;
    if (*p != letter || p[1] < '0' || p[1] > '9')
        return 0;
    char *end;
    unsigned long n = strtoul(p + 1, &end, 10);
    if (n == 0 || n > MAX_BRAT_ID)
        return 0;
    *s = end;
    return n;
}

static int cmp_piece(const void *a, const void *b)
{
    const ws_gold_piece *x = a, *y = b;
    return x->start < y->start ? -1 : x->start > y->start;
}

/* Sorts the pieces, drops empty ones and merges overlapping ones, so that sizes and
 * intersections can be summed piece by piece. */
static void tidy_span(ws_gold_span *s)
{
    if (s->n > 1)
        qsort(s->v, s->n, sizeof *s->v, cmp_piece);
    size_t k = 0;
    for (size_t i = 0; i < s->n; i++) {
        if (s->v[i].start == s->v[i].end)
            continue;
        if (k && s->v[i].start <= s->v[k - 1].end) {
            if (s->v[i].end > s->v[k - 1].end)
                s->v[k - 1].end = s->v[i].end;
        } else {
            s->v[k++] = s->v[i];
        }
    }
    s->n = k;
}

static const char *parse_number(const char *s, unsigned long long *n)
{
    if (*s < '0' || *s > '9')
        return NULL;
    char *end;
    *n = strtoull(s, &end, 10);
    return end;
}

/* Parses "1032 1098;1108 1228" up to a tab or the end of the line. Returns 0, ENOMEM, or -1
 * after reporting. */
static int parse_offsets(ann_file *f, const char *s, ws_gold_span *out, unsigned line)
{
    size_t cap = 0;
    for (;;) {
        unsigned long long a, b;
        s = parse_number(s, &a);
        s = s && *s == ' ' ? parse_number(s + 1, &b) : NULL;
        if (!s)
            return gold_error(f->set, f->diag, f->path, line, "expected 'START END' offsets"), -1;
        if (a > b || b > f->a->ncp)
            return gold_error(f->set, f->diag, f->path, line,
                              "offsets %llu %llu are not a span of the text (%zu code points)", a,
                              b, f->a->ncp),
                   -1;
        if (grow(&out->v, &cap, out->n + 1, sizeof *out->v))
            return ENOMEM;
        out->v[out->n++] = (ws_gold_piece){(size_t)a, (size_t)b};
        if (*s != ';' && *s != '\t' && *s)
            return gold_error(f->set, f->diag, f->path, line,
                              "expected ';' or a tab after the offsets"),
                   -1;
        if (*s++ != ';')
            return 0;
    }
}

/* The entry for T number `id`, the table grown (with undefined entries) to hold it. */
static tspan *t_entry(ann_file *f, unsigned long id)
{
    size_t old = f->nt;
    if (grow(&f->t, &f->nt, id + 1, sizeof *f->t))
        return NULL;
    memset(f->t + old, 0, (f->nt - old) * sizeof *f->t);
    return &f->t[id];
}

/* "T20<TAB>Content 1032 1098;1108 1228<TAB>text". A line that starts like a T line but is not
 * one is an error; other lines, such as the rest of a text that held a newline, are skipped. */
static int t_line(ann_file *f, const char *s, unsigned line)
{
    const char *p = s;
    unsigned long id = brat_id(&p, 'T');
    if (!id || *p != '\t')
        return 0;
    const char *offsets = p + 1 + strcspn(p + 1, " \t");
    if (*offsets != ' ')
        return gold_error(f->set, f->diag, f->path, line, "expected 'TYPE START END'");
    tspan *t = t_entry(f, id);
    if (!t)
        return ENOMEM;
    if (t->line)
        return gold_error(f->set, f->diag, f->path, line, "T%lu is already defined on line %u", id,
                          t->line);
    int rc = parse_offsets(f, offsets + 1, &t->span, line);
    if (rc) {
        span_free(&t->span);
        return rc < 0 ? 0 : rc;
    }
    tidy_span(&t->span);
    t->line = line;
    return 0;
}

/* The roles of one E line, each a T number (0 when absent). */
typedef struct relation {
    unsigned long content[8];
    size_t ncontent;
    unsigned long cue, source;
} relation;

/* Double quote marks and opening single ones. A lone ' or ’ does not count: it is far more
 * often an apostrophe ("Clinton’s") than a quotation mark. */
static bool has_quote_mark(const char *s)
{
    static const char *const marks[] = {"\"", "“", "”", "„", "«",  "»",
                                        "‹",  "›", "‘", "‚", "``", "''"};
    for (size_t i = 0; i < sizeof marks / sizeof *marks; i++)
        if (strstr(s, marks[i]))
            return true;
    return false;
}

static int copy_span(ws_gold_span *to, const ws_gold_span *from)
{
    if (!from->n)
        return 0;
    to->v = malloc(from->n * sizeof *to->v);
    if (!to->v)
        return ENOMEM;
    memcpy(to->v, from->v, from->n * sizeof *to->v);
    to->n = from->n;
    return 0;
}

/* The text of an optional role, into *out; NULL when the relation has no such role. */
static int role_text(const ann_file *f, unsigned long id, ws_gold_span *span, char **out)
{
    if (!id)
        return 0;
    if (copy_span(span, &f->t[id].span) || !(*out = ws_gold_text(f->a, span)))
        return ENOMEM;
    return 0;
}

/* The gold quotation of one Content of a relation. PolNeAR has no quotation types: a content
 * that holds a quote mark is taken for direct, any other stays untyped. */
static int relation_quote(const ann_file *f, const relation *r, const tspan *content,
                          ws_gold_quote *q)
{
    if (copy_span(&q->content, &content->span))
        return ENOMEM;
    char *text = ws_gold_text(f->a, &q->content);
    if (!text)
        return ENOMEM;
    q->type = has_quote_mark(text) ? WS_DIRECT : WS_GOLD_UNTYPED;
    free(text);
    if (role_text(f, r->cue, &q->cue_span, &q->cue))
        return ENOMEM;
    return role_text(f, r->source, &q->mention_span, &q->mention);
}

static int by_start(const void *a, const void *b)
{
    const ws_gold_piece *x = a, *y = b;
    return x->start < y->start ? -1 : x->start > y->start;
}

/* One gold quotation per relation: its Contents (PolNeAR's Content2 is a second passage of the
 * same attribution, as in "Q1," she said. "Q2.") make one discontinuous content, the way a
 * discontinuous Content does. A Content shared by several relations counts once, with the
 * first relation's Source and Cue: it is one thing to find. */
static int add_relation(ann_file *f, const relation *r, unsigned line)
{
    size_t n = 0;
    for (size_t i = 0; i < r->ncontent; i++)
        if (!f->t[r->content[i]].used)
            n += f->t[r->content[i]].span.n;
    if (n == 0)
        return 0;
    tspan merged = {0};
    merged.span.v = malloc(n * sizeof *merged.span.v);
    if (!merged.span.v)
        return ENOMEM;
    for (size_t i = 0; i < r->ncontent; i++) {
        tspan *c = &f->t[r->content[i]];
        if (c->used)
            continue;
        c->used = true;
        memcpy(merged.span.v + merged.span.n, c->span.v, c->span.n * sizeof *c->span.v);
        merged.span.n += c->span.n;
    }
    qsort(merged.span.v, merged.span.n, sizeof *merged.span.v, by_start);
    size_t k = 0; /* pieces stay sorted, disjoint and non-empty */
    for (size_t i = 0; i < merged.span.n; i++) {
        ws_gold_piece pc = merged.span.v[i];
        if (k && pc.start <= merged.span.v[k - 1].end) {
            if (pc.end > merged.span.v[k - 1].end)
                merged.span.v[k - 1].end = pc.end;
        } else {
            merged.span.v[k++] = pc;
        }
    }
    merged.span.n = k;
    ws_gold_quote q = {.line = line};
    int rc = relation_quote(f, r, &merged, &q);
    if (rc == 0)
        rc = add_quote(f->a, &f->cap, &q);
    if (rc)
        quote_free(&q);
    free(merged.span.v);
    return rc;
}

static bool is_role(const char *item, size_t len, const char *role)
{
    return len == strlen(role) && memcmp(item, role, len) == 0;
}

/* Reads one "Role:T12" item of an E line into the relation. Returns false after reporting. */
static bool role_item(ann_file *f, const char *item, size_t len, relation *r, unsigned line)
{
    const char *colon = memchr(item, ':', len);
    const char *p = colon ? colon + 1 : item;
    unsigned long id = colon ? brat_id(&p, 'T') : 0;
    if (!id || p != item + len || id >= f->nt || !f->t[id].line) {
        gold_error(f->set, f->diag, f->path, line, "'%.*s' does not name a defined T span",
                   (int)len, item);
        return false;
    }
    size_t rlen = (size_t)(colon - item);
    if (rlen >= 7 && memcmp(item, "Content", 7) == 0) {
        if (r->ncontent == sizeof r->content / sizeof *r->content) {
            gold_error(f->set, f->diag, f->path, line, "too many Content roles");
            return false;
        }
        r->content[r->ncontent++] = id;
    } else if (is_role(item, rlen, "Cue")) {
        r->cue = id;
    } else if (is_role(item, rlen, "Source")) {
        r->source = id;
    }
    return true;
}

/* "E6<TAB>Attribution:T23 Cue:T22 Source:T21 Content:T20". Other roles (the Attribution
 * trigger) are checked but not used; a relation without a Content has nothing to find and
 * adds nothing. */
static int e_line(ann_file *f, const char *s, unsigned line)
{
    const char *p = s;
    if (!brat_id(&p, 'E') || *p != '\t')
        return 0;
    relation r = {0};
    for (p++; *p;) {
        size_t len = strcspn(p, " \t");
        if (len && !role_item(f, p, len, &r, line))
            return 0;
        p += len;
        p += *p != '\0';
    }
    return add_relation(f, &r, line);
}

/* Splits the buffer into NUL-terminated lines in place. Returns the number of lines, with
 * *lines (malloc'd) pointing at each, or 0 when out of memory. */
static size_t split_lines(char *buf, size_t len, char ***lines)
{
    size_t n = 1;
    for (size_t i = 0; i < len; i++)
        n += buf[i] == '\n';
    *lines = malloc(n * sizeof **lines);
    if (!*lines)
        return 0;
    size_t k = 0;
    (*lines)[k++] = buf;
    for (size_t i = 0; i < len; i++)
        if (buf[i] == '\n') {
            buf[i] = '\0';
            (*lines)[k++] = buf + i + 1;
        }
    return n;
}

/* T lines first, since an E line may refer to a span defined after it. */
static int parse_ann(ann_file *f, char *buf, size_t len)
{
    char **lines;
    size_t n = split_lines(buf, len, &lines);
    if (!n)
        return ENOMEM;
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < n; i++)
        rc = t_line(f, lines[i], (unsigned)i + 1);
    for (size_t i = 0; rc == 0 && i < n; i++)
        rc = e_line(f, lines[i], (unsigned)i + 1);
    free(lines);
    return rc;
}

/* The annotation file of text STEM.txt: the first STEM_ANNOTATOR.ann in name order. The
 * annotator part holds no '_', so that foo.txt never takes foo_bar_ef2d.ann from foo_bar.txt. */
static const char *ann_for(const names *anns, const char *text_name)
{
    size_t stem = strlen(text_name) - 4;
    for (size_t i = 0; i < anns->n; i++) {
        const char *a = anns->v[i];
        if (strncmp(a, text_name, stem) == 0 && a[stem] == '_' && !strchr(a + stem + 1, '_'))
            return a;
    }
    return NULL;
}

static int load_ann(ws_gold_set *set, FILE *diag, const char *text_path, const char *ann_path)
{
    ann_file f = {.set = set, .diag = diag, .path = ann_path};
    char *buf = NULL;
    size_t len = 0;
    int rc = read_text(ann_path, &buf, &len);
    if (rc && rc != ENOMEM)
        return gold_error(set, diag, ann_path, 0, "%s", strerror(rc));
    if (rc == 0)
        rc = add_article(set, diag, text_path, ann_path, &f.a);
    if (rc == 0)
        rc = parse_ann(&f, buf, len);
    for (size_t i = 0; i < f.nt; i++)
        span_free(&f.t[i].span);
    free(f.t);
    free(buf);
    return rc < 0 ? 0 : rc;
}

static int load_brat_pairs(ws_gold_set *set, FILE *diag, const char *dir, const names *texts,
                           const names *anns)
{
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < texts->n; i++) {
        const char *ann = ann_for(anns, texts->v[i]);
        char *text_path = str_printf("%s/text/%s", dir, texts->v[i]);
        char *ann_path = ann ? str_printf("%s/attributions/%s", dir, ann) : NULL;
        if (!text_path || (ann && !ann_path))
            rc = ENOMEM;
        else if (!ann)
            gold_error(set, diag, text_path, 0, "no attributions/%.*s_*.ann",
                       (int)strlen(texts->v[i]) - 4, texts->v[i]);
        else
            rc = load_ann(set, diag, text_path, ann_path);
        free(text_path);
        free(ann_path);
    }
    return rc;
}

static int load_brat(ws_gold_set *set, FILE *diag, const char *dir)
{
    names texts = {0}, anns = {0};
    char *text_dir = str_printf("%s/text", dir), *ann_dir = str_printf("%s/attributions", dir);
    int rc = text_dir && ann_dir ? 0 : ENOMEM;
    if (rc == 0)
        rc = list_or_report(set, diag, text_dir, ".txt", &texts);
    if (rc == 0)
        rc = list_or_report(set, diag, ann_dir, ".ann", &anns);
    if (rc == 0)
        rc = load_brat_pairs(set, diag, dir, &texts, &anns);
    names_free(&texts);
    names_free(&anns);
    free(text_dir);
    free(ann_dir);
    return rc < 0 ? 0 : rc;
}

int ws_gold_load(ws_gold_set *set, const char *path, FILE *diag)
{
    return set->format == WS_GOLD_BRAT ? load_brat(set, diag, path) : load_whosaid(set, diag, path);
}
