/* Error codes to text, and filling ws_error. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

const char *ws_version(void) { return WS_VERSION_STRING; }

const char *ws_strerror(int code)
{
    switch (code) {
    case WS_OK: return "success";
    case WS_ERR_NOMEM: return "out of memory";
    case WS_ERR_IO: return "cannot read file";
    case WS_ERR_PATTERN: return "bad pattern file";
    case WS_ERR_UTF8: return "invalid UTF-8";
    case WS_ERR_LIMIT: return "pattern match limit exceeded";
    case WS_ERR_ARGUMENT: return "invalid argument";
    case WS_ERR_TOO_LARGE: return "input too large";
    case WS_ERR_INTERNAL: return "internal error";
    default: return "unknown error";
    }
}

/* Marked printf-like, so that -Wformat=2 accepts the format it passes on (vsnprintf). */
static void fill(ws_error *err, int code, const char *file, unsigned line, unsigned column,
                 const char *fmt, va_list ap)
#if defined(__GNUC__)
    __attribute__((format(printf, 6, 0)))
#endif
    ;
static void fill(ws_error *err, int code, const char *file, unsigned line, unsigned column,
                 const char *fmt, va_list ap)
{
    if (!err)
        return;
    memset(err, 0, sizeof *err);
    err->code = code;
    err->line = line;
    err->column = column;
    if (file)
        snprintf(err->file, sizeof err->file, "%s", file);
    vsnprintf(err->msg, sizeof err->msg, fmt, ap);
}

int ws_fail(ws_error *err, int code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fill(err, code, NULL, 0, 0, fmt, ap);
    va_end(ap);
    return code;
}

int ws_fail_at(ws_error *err, int code, const char *file, unsigned line, unsigned column,
               const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fill(err, code, file, line, column, fmt, ap);
    va_end(ap);
    return code;
}

int ws_grow(void *ptr, size_t *cap, size_t need, size_t elem)
{
    void **p = ptr;
    if (need <= *cap)
        return 0;
    size_t n = *cap ? *cap : 8;
    while (n < need) {
        if (n > ((size_t)-1) / 2 / elem)
            return -1;
        n *= 2;
    }
    void *q = realloc(*p, n * elem);
    if (!q)
        return -1;
    *p = q;
    *cap = n;
    return 0;
}

char *ws_strndup(const char *s, size_t n)
{
    char *p = malloc(n + 1);
    if (!p)
        return NULL;
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}
