/* Inputs made on the fly for the pathological tests and the benchmarks: repeated pieces, synthetic
 * news prose, JSON Lines streams. Each is a ws_feed_fn (run.h), so nothing large is stored. */
#ifndef WS_TEST_GEN_H
#define WS_TEST_GEN_H

#include <stddef.h>

/* A growing string. */
typedef struct ws_sb {
    char *p;
    size_t n, cap;
} ws_sb;

void ws_sb_put(ws_sb *b, const char *s, size_t n);
void ws_sb_puts(ws_sb *b, const char *s);
void ws_sb_printf(ws_sb *b, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/* s[0..n), valid UTF-8, as a JSON string, quotes included. */
void ws_sb_json(ws_sb *b, const char *s, size_t n);
/* Appends the contents of a file; returns 0, or -1 when it cannot be read. */
int ws_sb_read_file(ws_sb *b, const char *path);
void ws_sb_free(ws_sb *b);

/* `count` copies of `n` bytes of `s`, one piece after another. */
typedef struct ws_piece {
    const char *s;
    size_t n;
    unsigned long long count;
} ws_piece;

typedef struct ws_pieces {
    const ws_piece *v;
    size_t n;
    /* position */
    size_t i, off;
    unsigned long long done;
} ws_pieces;

size_t ws_pieces_feed(void *state, char *buf, size_t cap);

/* Paragraph i of synthetic news prose: direct quotations with their speakers, reported speech,
 * titles and pronouns, varied by i. Appends about 400 bytes, without a separator. Every
 * paragraph holds WS_PROSE_DIRECT quotations in curly marks. */
enum { WS_PROSE_DIRECT = 2 };
void ws_prose_paragraph(ws_sb *b, unsigned long long i);

/* Synthetic prose of about `bytes` bytes: paragraphs separated by `sep` ("\n\n", or " " for an
 * article on one line). */
typedef struct ws_prose {
    unsigned long long bytes, made, paragraphs;
    const char *sep;
    ws_sb cur;
    size_t off;
} ws_prose;

size_t ws_prose_feed(void *state, char *buf, size_t cap);

/* A stream of records made one at a time: make(ctx, i, out) appends record i (a whole line,
 * newline included) for i in [0, n). */
typedef struct ws_records {
    void (*make)(void *ctx, unsigned long long i, ws_sb *out);
    void *ctx;
    unsigned long long n, i;
    ws_sb cur;
    size_t off;
} ws_records;

size_t ws_records_feed(void *state, char *buf, size_t cap);

#endif
