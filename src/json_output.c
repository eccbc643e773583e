/* JSON Lines output: one object per quotation, keys in the order README.md documents. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "internal.h"

typedef struct buf {
    char *p;
    size_t n, cap;
    bool failed;
} buf;

static void put(buf *b, const char *s, size_t n)
{
    if (b->failed || ws_grow(&b->p, &b->cap, b->n + n + 1, 1)) {
        b->failed = true;
        return;
    }
    memcpy(b->p + b->n, s, n);
    b->n += n;
    b->p[b->n] = '\0';
}

static void puts_(buf *b, const char *s) { put(b, s, strlen(s)); }

static void putf(buf *b, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
static void putf(buf *b, const char *fmt, ...)
{
    char tmp[64];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (n > 0)
        put(b, tmp, (size_t)n < sizeof tmp ? (size_t)n : sizeof tmp - 1);
}

/* A JSON string; the text is valid UTF-8, so only quotes, backslashes and controls need care. */
static void put_string(buf *b, const char *s, size_t n)
{
    put(b, "\"", 1);
    size_t run = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x80) { /* a whole UTF-8 character, or U+FFFD: every line stays valid UTF-8 */
            utf8proc_int32_t cp;
            utf8proc_ssize_t k =
                utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(n - i), &cp);
            if (k > 0) {
                i += (size_t)k - 1;
                continue;
            }
            put(b, s + run, i - run);
            run = i + 1;
            puts_(b, "\\ufffd");
            continue;
        }
        if (c >= 0x20 && c != '"' && c != '\\')
            continue;
        put(b, s + run, i - run);
        run = i + 1;
        switch (c) {
        case '"': puts_(b, "\\\""); break;
        case '\\': puts_(b, "\\\\"); break;
        case '\n': puts_(b, "\\n"); break;
        case '\r': puts_(b, "\\r"); break;
        case '\t': puts_(b, "\\t"); break;
        default: putf(b, "\\u%04x", c); break;
        }
    }
    put(b, s + run, n - run);
    put(b, "\"", 1);
}

static void put_span_text(buf *b, const char *text, ws_span sp)
{
    if (sp.byte_start == WS_NO_OFFSET)
        puts_(b, "null");
    else
        put_string(b, text + sp.byte_start, sp.byte_end - sp.byte_start);
}

static void put_offset(buf *b, size_t v)
{
    if (v == WS_NO_OFFSET)
        puts_(b, "null");
    else
        putf(b, "%zu", v);
}

/* ,"NAME":"text","NAME_start":N,"NAME_end":N (or nulls) for an optional span. */
static void put_span_fields(buf *b, const char *text, const char *name, ws_span span)
{
    putf(b, ",\"%s\":", name);
    put_span_text(b, text, span);
    putf(b, ",\"%s_start\":", name);
    put_offset(b, span.start);
    putf(b, ",\"%s_end\":", name);
    put_offset(b, span.end);
}

static const char *type_name(ws_quote_type t)
{
    return t == WS_DIRECT ? "direct" : t == WS_INDIRECT ? "indirect" : "mixed";
}

/* Appends the line of quotation q. */
static void put_quote(buf *b, const char *text, const ws_quote *q, const char *doc, unsigned flags)
{
    puts_(b, "{\"doc\":");
    put_string(b, doc ? doc : "", doc ? strlen(doc) : 0);
    puts_(b, ",\"quote\":");
    put_span_text(b, text, q->content);
    putf(b, ",\"start\":%zu,\"end\":%zu,\"type\":\"%s\",\"speaker\":", q->content.start,
         q->content.end, type_name(q->type));
    if (q->speaker)
        put_string(b, q->speaker, strlen(q->speaker));
    else
        puts_(b, "null");
    put_span_fields(b, text, "mention", q->mention);
    put_span_fields(b, text, "cue", q->cue);
    putf(b, ",\"paragraph\":%zu,\"sentence\":%zu,\"rule\":", q->paragraph, q->sentence);
    put_string(b, q->rule, strlen(q->rule));
    if ((flags & WS_JSON_EXPLAIN) && q->explain) {
        puts_(b, ",\"explain\":");
        put_string(b, q->explain, strlen(q->explain));
    }
    puts_(b, "}\n");
}

char *ws_result_to_jsonl(const ws_result *r, const char *doc, unsigned flags)
{
    buf b = {0};
    put(&b, "", 0);
    size_t len;
    const char *text = ws_result_text(r, &len);
    for (size_t i = 0; i < ws_result_count(r); i++)
        put_quote(&b, text, ws_result_quote(r, i), doc, flags);
    if (b.failed) {
        free(b.p);
        return NULL;
    }
    return b.p;
}

/* Lines gather up to this many bytes before they are written: few calls into stdio, and a
 * buffer that stays small however many quotations the article holds. */
#define WRITE_CHUNK (64 * 1024)

int ws_result_write_jsonl(const ws_result *r, const char *doc, unsigned flags, FILE *out)
{
    if (!out)
        return WS_ERR_ARGUMENT;
    buf b = {0};
    size_t len;
    const char *text = ws_result_text(r, &len);
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < ws_result_count(r); i++) {
        put_quote(&b, text, ws_result_quote(r, i), doc, flags);
        if (b.failed) {
            rc = WS_ERR_NOMEM;
        } else if (b.n >= WRITE_CHUNK || i + 1 == ws_result_count(r)) {
            if (fwrite(b.p, 1, b.n, out) != b.n)
                rc = WS_ERR_IO;
            b.n = 0;
        }
    }
    free(b.p);
    return rc;
}
