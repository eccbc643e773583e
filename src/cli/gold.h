/* Gold labels for `whosaid eval`: our .gold files and PolNeAR's brat standoff, read into one
 * shape so that the scorer never needs to know which format it is scoring against. */
#ifndef WS_CLI_GOLD_H
#define WS_CLI_GOLD_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "whosaid.h"

/* Beside WS_DIRECT, WS_INDIRECT and WS_MIXED: a brat content without quote marks, since
 * PolNeAR does not say whether it is indirect or mixed. */
enum { WS_GOLD_UNTYPED = 3, WS_GOLD_NTYPES = 4 };

/* Code points [start, end) of the article. */
typedef struct ws_gold_piece {
    size_t start, end;
} ws_gold_piece;

/* A possibly discontinuous span: pieces sorted, disjoint and non-empty; n == 0 means absent. */
typedef struct ws_gold_span {
    ws_gold_piece *v;
    size_t n;
} ws_gold_span;

typedef struct ws_gold_quote {
    ws_gold_span content;
    int type; /* ws_quote_type or WS_GOLD_UNTYPED */
    /* Surface strings, NULL for null. Brat gold has no speaker; its cue and mention are the
     * texts of its Cue and Source spans, kept for error reports. */
    char *cue, *mention, *speaker;
    ws_gold_span cue_span, mention_span; /* brat only: .gold files give strings, not places */
    unsigned line;                       /* where the gold file defines it */
} ws_gold_quote;

typedef struct ws_gold_article {
    char *name;      /* the text file's name without directory and ".txt" */
    char *text_path; /* the .txt file */
    char *gold_path; /* the .gold or .ann file */
    char *text;      /* the article: `len` bytes of valid UTF-8, NUL-terminated */
    size_t len;
    size_t ncp;            /* code points in the text */
    size_t *cp_byte;       /* byte offset of each code point; cp_byte[ncp] == len */
    ws_gold_quote *quotes; /* in file order */
    size_t nquotes;
} ws_gold_article;

typedef enum ws_gold_format { WS_GOLD_WHOSAID, WS_GOLD_BRAT } ws_gold_format;

typedef struct ws_gold_set {
    ws_gold_format format;
    ws_gold_article *articles;
    size_t n, cap;
    size_t errors; /* gold errors reported so far */
} ws_gold_set;

/* Adds the articles under `path` to `set` in name order. For WS_GOLD_WHOSAID `path` is a
 * directory of NAME.txt + NAME.gold pairs or one .gold file; for WS_GOLD_BRAT it is a split
 * directory holding text/ and attributions/. Each fault in the gold data is written to `diag` as
 * "file:line: message" and counted in set->errors, and loading goes on past it. Returns 0, or
 * ENOMEM (nothing else stops it). Not thread-safe on one set. */
int ws_gold_load(ws_gold_set *set, const char *path, FILE *diag);

/* Frees everything the set owns and leaves it empty. */
void ws_gold_free(ws_gold_set *set);

/* The code point at index i < a->ncp. */
int32_t ws_gold_code_point(const ws_gold_article *a, size_t i);

/* The text of `span` in `a`, its pieces joined by one space, as a malloc'd string the caller
 * frees; NULL when out of memory. An absent span gives "". */
char *ws_gold_text(const ws_gold_article *a, const ws_gold_span *span);

#endif
