/* Inputs made on the fly: see gen.h. */
#include "gen.h"

#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void ws_sb_put(ws_sb *b, const char *s, size_t n)
{
    if (b->n + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 256;
        while (cap < b->n + n + 1)
            cap *= 2;
        char *p = realloc(b->p, cap);
        if (!p) {
            fputs("out of memory\n", stderr);
            abort();
        }
        b->p = p;
        b->cap = cap;
    }
    memcpy(b->p + b->n, s, n);
    b->n += n;
    b->p[b->n] = '\0';
}

void ws_sb_puts(ws_sb *b, const char *s)
{
    ws_sb_put(b, s, strlen(s));
}

void ws_sb_printf(ws_sb *b, const char *fmt, ...)
{
    char tmp[1024];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (n > 0)
        ws_sb_put(b, tmp, (size_t)n < sizeof tmp ? (size_t)n : sizeof tmp - 1);
}

void ws_sb_json(ws_sb *b, const char *s, size_t n)
{
    json_t *str = json_stringn(s, n);
    char *json = str ? json_dumps(str, JSON_ENCODE_ANY) : NULL;
    if (!json) {
        fputs("cannot encode a string as JSON (invalid UTF-8?)\n", stderr);
        abort();
    }
    ws_sb_puts(b, json);
    free(json);
    json_decref(str);
}

int ws_sb_read_file(ws_sb *b, const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return -1;
    char buf[1 << 16];
    size_t k;
    while ((k = fread(buf, 1, sizeof buf, f)) > 0)
        ws_sb_put(b, buf, k);
    int rc = ferror(f) ? -1 : 0;
    fclose(f);
    return rc;
}

void ws_sb_free(ws_sb *b)
{
    free(b->p);
    memset(b, 0, sizeof *b);
}

size_t ws_pieces_feed(void *state, char *buf, size_t cap)
{
    ws_pieces *g = state;
    size_t n = 0;
    while (n < cap && g->i < g->n) {
        const ws_piece *p = &g->v[g->i];
        if (g->done == p->count || p->n == 0) {
            g->i++;
            g->done = 0;
            continue;
        }
        size_t k = p->n - g->off < cap - n ? p->n - g->off : cap - n;
        memcpy(buf + n, p->s + g->off, k);
        n += k;
        g->off += k;
        if (g->off == p->n) {
            g->off = 0;
            g->done++;
        }
    }
    return n;
}

/* Hands out b[*off..] into buf; returns how much. */
static size_t hand_out(const ws_sb *b, size_t *off, char *buf, size_t cap)
{
    size_t k = b->n - *off < cap ? b->n - *off : cap;
    memcpy(buf, b->p + *off, k);
    *off += k;
    return k;
}

void ws_prose_paragraph(ws_sb *b, unsigned long long i)
{
    static const char *const first[] = {"Ellen", "Marcus", "Priya",  "Tomasz",
                                        "Aisha", "Daniel", "Ingrid", "Kwame"};
    static const char *const last[] = {"Vance",   "Okafor",   "Lindqvist", "Moreau", "Haddad",
                                       "Brennan", "Castillo", "Novak",     "Tanaka"};
    static const char *const title[] = {"Harbour Master", "Finance Minister", "Mayor",
                                        "Police Chief", "Senator"};
    static const char *const pron[] = {"she", "he", "she", "he", "she", "he", "she", "he"};
    size_t f = (size_t)(i % 8), l = (size_t)(i / 8 % 9), t = (size_t)(i % 5);
    ws_sb_printf(b,
                 "\xE2\x80\x9CWe will reopen the piers by day %llu,\xE2\x80\x9D said %s %s %s, "
                 "who took office in %llu. Officials said the repairs would cost about $%llu "
                 "million. %s told reporters on Tuesday that the storm had damaged %llu piers. "
                 "\xE2\x80\x9CIt was the worst night in years,\xE2\x80\x9D %s said.",
                 i % 31 + 1, title[t], first[f], last[l], 1990 + i % 30, i % 97 + 1, last[l],
                 i % 7 + 2, pron[f]);
}

size_t ws_prose_feed(void *state, char *buf, size_t cap)
{
    ws_prose *g = state;
    if (g->off == g->cur.n) {
        if (g->made >= g->bytes) {
            ws_sb_free(&g->cur);
            g->off = 0;
            return 0;
        }
        g->cur.n = 0;
        g->off = 0;
        if (g->paragraphs)
            ws_sb_puts(&g->cur, g->sep);
        ws_prose_paragraph(&g->cur, g->paragraphs++);
        g->made += g->cur.n;
    }
    return hand_out(&g->cur, &g->off, buf, cap);
}

size_t ws_records_feed(void *state, char *buf, size_t cap)
{
    ws_records *g = state;
    if (g->off == g->cur.n) {
        g->cur.n = 0;
        g->off = 0;
        if (g->i == g->n) {
            ws_sb_free(&g->cur);
            g->off = 0;
            return 0;
        }
        g->make(g->ctx, g->i++, &g->cur);
    }
    return hand_out(&g->cur, &g->off, buf, cap);
}
