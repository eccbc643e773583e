/* whosaid — who said what in news articles.
 *
 * The whole public API. Usage:
 *
 *     ws_error err;
 *     ws_engine *eng = NULL;
 *     if (ws_engine_load("patterns/en", &eng, &err) < 0) { report err.msg; }
 *     ws_result *res = NULL;
 *     if (ws_extract(eng, text, len, &res, &err) == 0) {
 *         for (size_t i = 0; i < ws_result_count(res); i++) {
 *             const ws_quote *q = ws_result_quote(res, i);
 *             ...
 *         }
 *         ws_result_free(res);
 *     }
 *     ws_engine_free(eng);
 *
 * Thread-safety: an engine is immutable once loaded; any number of threads may call ws_extract()
 * on the same engine at once. A result belongs to the thread that made it until it is freed.
 * Ownership: every object returned through an out-parameter is owned by the caller and freed with
 * its own *_free function; every pointer returned by an accessor is owned by the object it came
 * from and lives as long as that object.
 */
#ifndef WHOSAID_H
#define WHOSAID_H

#include <stddef.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

#define WS_VERSION_MAJOR 0
#define WS_VERSION_MINOR 1
#define WS_VERSION_PATCH 0
#define WS_VERSION_STRING "0.1.0"

/* The library's version string, e.g. "0.1.0". Thread-safe; static storage. */
const char *ws_version(void);

/* Error codes: every failing function returns one of these (negative); 0 is success. */
typedef enum ws_status {
    WS_OK = 0,
    WS_ERR_NOMEM = -1,     /* an allocation failed */
    WS_ERR_IO = -2,        /* a file could not be read */
    WS_ERR_PATTERN = -3,   /* a pattern or word-list file is malformed */
    WS_ERR_UTF8 = -4,      /* the input is not valid UTF-8 */
    WS_ERR_LIMIT = -5,     /* a match, depth or heap limit was hit (runaway pattern) */
    WS_ERR_ARGUMENT = -6,  /* a NULL or out-of-range argument */
    WS_ERR_TOO_LARGE = -7, /* the input exceeds what the library accepts */
    WS_ERR_INTERNAL = -8   /* an unexpected PCRE2 failure */
} ws_status;

/* The message for an error code, e.g. "invalid UTF-8". Thread-safe; static storage. */
const char *ws_strerror(int code);

/* Details of a failure, filled by functions that take one (may be passed as NULL).
 * `pos` is a byte offset into the input for WS_ERR_UTF8; for WS_ERR_PATTERN, `file`, `line`
 * and `column` (1-based) locate the fault and `msg` carries PCRE2's own text. */
typedef struct ws_error {
    int code;
    size_t pos;
    unsigned line, column;
    char file[256];
    char msg[512];
} ws_error;

/* ---- engine ---------------------------------------------------------------------------- */

typedef struct ws_engine ws_engine;

/* Loads every word list (*.txt) and pattern file (*.pcre) of a patterns directory such as
 * "patterns/en", compiles all patterns once (JIT when available) and returns the engine in *out.
 * Returns 0, or a negative ws_status with `err` filled. Thread-safe (no shared state).
 * Free with ws_engine_free(). */
int ws_engine_load(const char *patterns_dir, ws_engine **out, ws_error *err);

/* Frees an engine; NULL is allowed. No result made by it may be used afterwards. */
void ws_engine_free(ws_engine *engine);

/* Number of attribution frames the engine compiled (for diagnostics). */
size_t ws_engine_frame_count(const ws_engine *engine);

/* Runs every @match / @nomatch example of every frame and reports the first that fails in `err`
 * (file:line of the example). Returns 0 when all pass. Thread-safe. */
int ws_engine_selftest(const ws_engine *engine, ws_error *err);

/* ---- extraction ------------------------------------------------------------------------ */

typedef enum ws_quote_type { WS_DIRECT = 0, WS_INDIRECT = 1, WS_MIXED = 2 } ws_quote_type;

/* A span of the document: `start`/`end` count Unicode code points (Python string indices,
 * end exclusive); `byte_start`/`byte_end` are the same span in bytes. An absent span has
 * start == end == byte_start == byte_end == (size_t)-1. */
typedef struct ws_span {
    size_t start, end;
    size_t byte_start, byte_end;
} ws_span;

#define WS_NO_OFFSET ((size_t)-1)

/* One quotation. All strings are NUL-terminated UTF-8 owned by the result. */
typedef struct ws_quote {
    ws_quote_type type;
    ws_span content;     /* the quoted text, without its enclosing marks */
    ws_span cue;         /* the cue ("said", "according to"), or absent */
    ws_span mention;     /* the speaker mention ("he", "Russia's president"), or absent */
    const char *speaker; /* the resolved speaker's fullest name, or NULL */
    const char *rule;    /* the frame or rule that found the quotation */
    const char *explain; /* how the speaker was chosen, steps separated by "; " */
    size_t paragraph;    /* 0-based paragraph index of the content's start */
    size_t sentence;     /* 0-based sentence index (document-wide) of the content's start */
} ws_quote;

typedef struct ws_result ws_result;

/* Extracts the quotations of one article: `text` is `len` bytes of UTF-8 (NUL bytes allowed;
 * no terminator needed). The result keeps its own copy of the text. Returns 0 and the result in
 * *out, or a negative ws_status with `err` filled (for invalid UTF-8, err->pos is the offending
 * byte). Thread-safe for a shared engine. Free the result with ws_result_free(). */
int ws_extract(const ws_engine *engine, const char *text, size_t len, ws_result **out,
               ws_error *err);

/* What ws_extract() makes and frees for every document and ws_extract_with() reuses: PCRE2
 * match data, match limits and a 1 MiB JIT stack (an mmap and munmap per document, which cost
 * more than the extraction of a short article). */
typedef struct ws_context ws_context;

/* Makes a context for `engine`, which must outlive it. Returns 0 and the context in *out, or a
 * negative ws_status with `err` filled. Thread-safe; the context itself is not: give each thread
 * its own. Free with ws_context_free(). */
int ws_context_new(const ws_engine *engine, ws_context **out, ws_error *err);

/* Frees a context; NULL is allowed. Results made with it stay valid. */
void ws_context_free(ws_context *context);

/* ws_extract() with the engine and scratch memory of `context`: the same result, without making
 * them anew. Not thread-safe for one context; distinct contexts may run at once. */
int ws_extract_with(ws_context *context, const char *text, size_t len, ws_result **out,
                    ws_error *err);

/* Frees a result; NULL is allowed. */
void ws_result_free(ws_result *result);

/* The number of quotations, in document order. */
size_t ws_result_count(const ws_result *result);

/* The i-th quotation, or NULL when i is out of range. Owned by the result. */
const ws_quote *ws_result_quote(const ws_result *result, size_t i);

/* The document text the offsets refer to (the result's copy) and its length in bytes. */
const char *ws_result_text(const ws_result *result, size_t *len);

/* Output flags for ws_result_to_jsonl(). */
enum { WS_JSON_EXPLAIN = 1 };

/* Renders the quotations as JSON Lines, one object per quotation with the keys documented in
 * README.md; `doc` names the document in each line. Returns a malloc'd NUL-terminated string the
 * caller frees with free(), or NULL when out of memory. An empty result gives "". Thread-safe. */
char *ws_result_to_jsonl(const ws_result *result, const char *doc, unsigned flags);

/* Writes the same lines as ws_result_to_jsonl() to `out` as they are made, without holding them
 * all (the output of a long article is several times its size). Returns 0; WS_ERR_NOMEM, or
 * WS_ERR_IO when a write failed, with the lines before it written. Thread-safe for distinct
 * streams. */
int ws_result_write_jsonl(const ws_result *result, const char *doc, unsigned flags, FILE *out);

#ifdef __cplusplus
}
#endif

#endif
