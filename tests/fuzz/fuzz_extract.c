/* libFuzzer harness over the extraction API: ws_extract() on the input bytes as one article, then
 * ws_result_to_jsonl(). Beyond not crashing, every result must keep what the header promises:
 * spans inside the text and on character boundaries, code-point offsets that count the bytes
 * before them, speakers of whole characters, quotations in document order, JSON lines that
 * parse and quote the text exactly.
 * A broken promise aborts, so libFuzzer keeps the input. The engine is loaded once, from the
 * source tree's patterns. */
#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "whosaid.h"

/* Loaded on the first input and kept for the process: a harness has no other place for it. */
static const ws_engine *engine(void)
{
    static ws_engine *eng;
    if (!eng) {
        ws_error err;
        if (ws_engine_load(WS_SOURCE_PATTERNS, &eng, &err) < 0) {
            fprintf(stderr, "%s:%u:%u: %s\n", err.file, err.line, err.column, err.msg);
            exit(1);
        }
    }
    return eng;
}

static size_t code_points(const char *t, size_t n)
{
    size_t cp = 0;
    for (size_t i = 0; i < n; i++)
        cp += ((unsigned char)t[i] & 0xC0) != 0x80;
    return cp;
}

static bool boundary(const char *t, size_t len, size_t i)
{
    return i == len || ((unsigned char)t[i] & 0xC0) != 0x80;
}

static void check_span(const char *t, size_t len, ws_span s, bool optional, const char *what)
{
    if (optional && s.byte_start == WS_NO_OFFSET) {
        require(s.byte_end == WS_NO_OFFSET && s.start == WS_NO_OFFSET && s.end == WS_NO_OFFSET,
                "%s: half-absent span", what);
        return;
    }
    require(s.byte_start <= s.byte_end && s.byte_end <= len, "%s: bytes %zu..%zu of %zu", what,
            s.byte_start, s.byte_end, len);
    require(boundary(t, len, s.byte_start) && boundary(t, len, s.byte_end),
            "%s: bytes %zu..%zu split a character", what, s.byte_start, s.byte_end);
    require(s.start == code_points(t, s.byte_start) && s.end == code_points(t, s.byte_end),
            "%s: code points %zu..%zu do not match bytes %zu..%zu", what, s.start, s.end,
            s.byte_start, s.byte_end);
}

/* Whether a string is whole UTF-8 characters: a speaker's name is made of the text's words, and
 * a word cut inside a character (the tokenizer once took byte A0 for a space) is not. */
static bool whole_utf8(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        size_t k = *p < 0x80 ? 1 : (*p & 0xE0) == 0xC0 ? 2 : (*p & 0xF0) == 0xE0 ? 3
                   : (*p & 0xF8) == 0xF0                   ? 4
                                                           : 0;
        if (k == 0)
            return false;
        for (size_t j = 1; j < k; j++)
            if ((p[j] & 0xC0) != 0x80)
                return false;
        p += k;
    }
    return true;
}

static void check_result(const ws_result *res, const uint8_t *data, size_t size)
{
    size_t len;
    const char *t = ws_result_text(res, &len);
    require(len == size && (size == 0 || memcmp(t, data, size) == 0), "text is not the input");
    size_t prev = 0;
    for (size_t i = 0; i < ws_result_count(res); i++) {
        const ws_quote *q = ws_result_quote(res, i);
        require(q && q->rule && q->type <= WS_MIXED, "quotation %zu incomplete", i);
        require(!q->speaker || whole_utf8(q->speaker), "quotation %zu: speaker splits a character",
                i);
        check_span(t, len, q->content, false, "content");
        check_span(t, len, q->cue, true, "cue");
        check_span(t, len, q->mention, true, "mention");
        require(q->content.start >= prev, "quotation %zu out of document order", i);
        prev = q->content.start;
    }
    require(ws_result_quote(res, ws_result_count(res)) == NULL, "quotation past the end");
}

/* Every line parses and quotes the text between its offsets. */
static void check_jsonl(const ws_result *res, const char *out)
{
    size_t len, n = 0;
    const char *t = ws_result_text(res, &len);
    for (const char *p = out; *p; n++) {
        const char *nl = strchr(p, '\n');
        require(nl, "line %zu has no newline", n);
        json_error_t jerr;
        json_t *obj = json_loadb(p, (size_t)(nl - p), JSON_ALLOW_NUL, &jerr);
        require(obj, "line %zu is not JSON: %s", n, jerr.text);
        const ws_quote *q = ws_result_quote(res, n);
        json_t *quote = json_object_get(obj, "quote");
        size_t qn = q ? q->content.byte_end - q->content.byte_start : 0;
        require(q && json_is_string(quote) && json_string_length(quote) == qn &&
                    memcmp(json_string_value(quote), t + q->content.byte_start, qn) == 0,
                "line %zu does not quote its span", n);
        json_decref(obj);
        p = nl + 1;
    }
    require(n == ws_result_count(res), "%zu lines for %zu quotations", n, ws_result_count(res));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ws_result *res = NULL;
    ws_error err;
    int rc = ws_extract(engine(), (const char *)data, size, &res, &err);
    if (rc == WS_ERR_UTF8) {
        require(err.pos < size, "invalid UTF-8 at %zu of %zu", err.pos, size);
        return 0;
    }
    /* a short input that runs a pattern into its limits is a finding too */
    require(rc == 0, "ws_extract: %s (%s)", ws_strerror(rc), err.msg);
    check_result(res, data, size);
    char *out = ws_result_to_jsonl(res, "fuzz", WS_JSON_EXPLAIN);
    require(out, "ws_result_to_jsonl failed");
    check_jsonl(res, out);
    free(out);
    ws_result_free(res);
    return 0;
}
