/* The pipeline: validate, segment, find quotations and frames, find mentions, resolve; then the
 * result, with offsets in code points. */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* PCRE2 limits on every match: a runaway pattern becomes WS_ERR_LIMIT, not a hang. */
#define MATCH_LIMIT 2000000
#define DEPTH_LIMIT 10000
#define HEAP_LIMIT_KIB (64 * 1024)
/* PCRE2's JIT reads the subject 16 or 32 bytes at a time, past its end but never past its page.
 * Zeros there keep those masked-out bytes defined, so that valgrind's memcheck stays quiet. */
#define SUBJECT_PADDING 64

/* What matching needs besides the engine, made once and reused for every document. */
struct ws_context {
    const ws_engine *eng;
    pcre2_match_data *md; /* room for the captures of the frame with the most */
    pcre2_match_context *mc;
    pcre2_jit_stack *jit; /* NULL when it could not be made: JIT then uses 32 KiB of the stack */
};

struct ws_result {
    char *text;
    size_t len;
    ws_quote *quotes;
    size_t nquotes;
};

static void doc_free(ws_doc *d)
{
    for (size_t i = 0; i < d->nents; i++) {
        free(d->ents[i].name);
        free(d->ents[i].alias);
        free(d->ents[i].roles);
        free(d->ents[i].nations);
    }
    for (size_t i = 0; i < d->ncands; i++)
        free(d->cands[i].explain);
    free(d->ents);
    free(d->cands);
    free(d->mentions);
    free(d->qspans);
    free(d->sents);
    free(d->paras);
}

static void doc_init(ws_doc *d, ws_context *c, const char *text, size_t len, ws_error *err)
{
    memset(d, 0, sizeof *d);
    d->eng = c->eng;
    d->text = text;
    d->len = len;
    d->err = err;
    d->md = c->md;
    d->mc = c->mc;
}

void ws_context_free(ws_context *c)
{
    if (!c)
        return;
    pcre2_match_data_free(c->md);
    pcre2_match_context_free(c->mc);
    pcre2_jit_stack_free(c->jit);
    free(c);
}

int ws_context_new(const ws_engine *e, ws_context **out, ws_error *err)
{
    if (err)
        memset(err, 0, sizeof *err);
    if (!e || !out)
        return ws_fail(err, WS_ERR_ARGUMENT, "no engine or context pointer");
    *out = NULL;
    ws_context *c = calloc(1, sizeof *c);
    if (!c)
        return ws_fail(err, WS_ERR_NOMEM, "out of memory");
    c->eng = e;
    uint32_t groups = 0;
    for (size_t i = 0; i < e->nframes; i++) {
        uint32_t n;
        pcre2_pattern_info(e->frames[i].code, PCRE2_INFO_CAPTURECOUNT, &n);
        if (n > groups)
            groups = n;
    }
    c->md = pcre2_match_data_create(groups + 1, NULL);
    c->mc = pcre2_match_context_create(NULL);
    c->jit = pcre2_jit_stack_create(32 * 1024, 1024 * 1024, NULL);
    if (!c->md || !c->mc) {
        ws_context_free(c);
        return ws_fail(err, WS_ERR_NOMEM, "out of memory");
    }
    pcre2_set_match_limit(c->mc, MATCH_LIMIT);
    pcre2_set_depth_limit(c->mc, DEPTH_LIMIT);
    pcre2_set_heap_limit(c->mc, HEAP_LIMIT_KIB);
    if (c->jit)
        pcre2_jit_stack_assign(c->mc, NULL, c->jit);
    *out = c;
    return 0;
}

static ws_span span_of(const ws_offsets *o, ws_range r, bool present)
{
    if (!present)
        return (ws_span){WS_NO_OFFSET, WS_NO_OFFSET, WS_NO_OFFSET, WS_NO_OFFSET};
    return (ws_span){ws_offsets_cp(o, r.start), ws_offsets_cp(o, r.end), r.start, r.end};
}

void ws_result_free(ws_result *r)
{
    if (!r)
        return;
    for (size_t i = 0; i < r->nquotes; i++) {
        free((char *)r->quotes[i].speaker);
        free((char *)r->quotes[i].explain);
    }
    free(r->quotes);
    free(r->text);
    free(r);
}

/* The stages' arrays the result is not made from. A long article's memory peaks while its
 * result is built: these go first. */
static void doc_release_stages(ws_doc *d)
{
    free(d->mentions);
    free(d->qspans);
    free(d->sents);
    free(d->paras);
    d->mentions = NULL, d->qspans = NULL, d->sents = NULL, d->paras = NULL;
    d->nmentions = d->nqspans = d->nsents = d->nparas = 0;
}

/* Makes the quotations of r from the candidates of d; their explanations move to r. */
static int build_result(ws_doc *d, ws_result *r)
{
    doc_release_stages(d);
    ws_offsets o;
    if (ws_offsets_init(&o, r->text, r->len))
        return WS_ERR_NOMEM;
    size_t n = 0;
    for (size_t i = 0; i < d->ncands; i++)
        n += !d->cands[i].dropped;
    r->quotes = calloc(n ? n : 1, sizeof *r->quotes);
    if (!r->quotes) {
        ws_offsets_free(&o);
        return WS_ERR_NOMEM;
    }
    for (size_t i = 0; i < d->ncands; i++) {
        ws_cand *c = &d->cands[i];
        if (c->dropped)
            continue;
        ws_quote *q = &r->quotes[r->nquotes++];
        q->type = c->type;
        q->content = span_of(&o, c->content, true);
        q->cue = span_of(&o, c->cue, c->has_cue);
        q->mention = span_of(&o, c->mention, c->has_mention);
        q->rule = c->rule;
        q->paragraph = c->paragraph;
        q->sentence = c->sentence;
        if (c->entity != WS_NONE && !(q->speaker = strdup(d->ents[c->entity].name)))
            break;
        q->explain = c->explain;
        c->explain = NULL;
    }
    ws_offsets_free(&o);
    return r->nquotes == n ? 0 : WS_ERR_NOMEM;
}

int ws_extract(const ws_engine *e, const char *text, size_t len, ws_result **out, ws_error *err)
{
    ws_context *c = NULL;
    int rc = e ? ws_context_new(e, &c, err) : 0;
    if (rc == 0)
        rc = ws_extract_with(c, text, len, out, err); /* without an engine: the argument error */
    ws_context_free(c);
    return rc;
}

int ws_extract_with(ws_context *c, const char *text, size_t len, ws_result **out, ws_error *err)
{
    if (err)
        memset(err, 0, sizeof *err);
    if (!c || !out || (!text && len))
        return ws_fail(err, WS_ERR_ARGUMENT, "no engine, text or result pointer");
    *out = NULL;
    size_t bad = ws_utf8_invalid_at(text, len);
    if (bad != (size_t)-1) {
        int rc = ws_fail(err, WS_ERR_UTF8, "invalid UTF-8 at byte %zu", bad);
        if (err)
            err->pos = bad;
        return rc;
    }
    if (len > (size_t)-1 - SUBJECT_PADDING)
        return ws_fail(err, WS_ERR_TOO_LARGE, "input too large");
    ws_result *r = calloc(1, sizeof *r);
    if (!r || !(r->text = malloc(len + SUBJECT_PADDING))) {
        free(r);
        return ws_fail(err, WS_ERR_NOMEM, "out of memory");
    }
    if (len)
        memcpy(r->text, text, len);
    memset(r->text + len, 0, SUBJECT_PADDING); /* and the NUL after the text */
    r->len = len;
    ws_doc d;
    doc_init(&d, c, r->text, len, err);
    int rc = ws_segment(&d);
    if (!rc)
        rc = ws_find_quotes(&d);
    if (!rc)
        rc = ws_find_frames(&d);
    if (!rc)
        rc = ws_find_mentions(&d);
    if (!rc)
        rc = ws_resolve(&d);
    if (!rc)
        rc = build_result(&d, r);
    doc_free(&d);
    if (rc) {
        if (err && err->code == 0)
            ws_fail(err, rc, "%s", ws_strerror(rc));
        ws_result_free(r);
        return rc;
    }
    *out = r;
    return 0;
}

size_t ws_result_count(const ws_result *r) { return r ? r->nquotes : 0; }

const ws_quote *ws_result_quote(const ws_result *r, size_t i)
{
    return r && i < r->nquotes ? &r->quotes[i] : NULL;
}

const char *ws_result_text(const ws_result *r, size_t *len)
{
    if (len)
        *len = r ? r->len : 0;
    return r ? r->text : NULL;
}
