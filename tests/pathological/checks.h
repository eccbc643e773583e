/* What the pathological cases check: the output lines (each a JSON object naming its document),
 * the messages on stderr, per-document outcomes; and scratch files for inputs. */
#ifndef WS_TEST_CHECKS_H
#define WS_TEST_CHECKS_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "gen.h"
#include "run.h"

/* What one document gave. */
typedef struct docrec {
    char *doc;
    size_t quotes, errors;
    ws_sb fields; /* with keep_fields: type, quote, speaker, cue, mention, paragraph per line */
} docrec;

struct tcase;

typedef struct outcheck {
    size_t lines, quotes, errors, malformed;
    char first_bad[200];
    ws_sb text;   /* the output, while it is small */
    docrec *docs; /* the first documents seen, in order */
    size_t ndocs;
    bool keep_fields;
    void (*hook)(struct tcase *c, json_t *obj, void *ctx); /* every object, when set */
    void *hook_ctx;
} outcheck;

typedef struct errcheck {
    size_t lines;
    ws_sb text; /* the first MiB of stderr */
} errcheck;

typedef struct tcase {
    const char *whosaid, *patterns, *label;
    bool failed;
    char *tmpdir; /* made on first use, removed by tcase_free */
    outcheck out;
    errcheck err;
    ws_run r;
} tcase;

/* p, or an abort when an allocation failed. */
void *need(void *p);

void tcase_init(tcase *c);
void tcase_free(tcase *c);

void fail(tcase *c, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
#define check(c, cond, ...)                                                                        \
    do {                                                                                           \
        if (!(cond))                                                                               \
            fail((c), __VA_ARGS__);                                                                \
    } while (0)

/* ws_line_fn callbacks collecting into c->out and c->err (ctx is the tcase). */
void out_line(void *ctx, const char *line, size_t len);
void err_line(void *ctx, const char *line, size_t len);
void out_reset(outcheck *o);
void err_reset(errcheck *e);

/* Some stderr line contains `want`. */
void expect_err_line(tcase *c, const char *want);
/* Document `doc` gave exactly this many quotation and error lines. */
void expect_doc(tcase *c, const char *doc, size_t quotes, size_t errors);
/* Documents a and b gave the same quotations (text, type, speaker, cue, mention, paragraph). */
void expect_same_quotes(tcase *c, const char *a, const char *b);

/* "DIR/NAME", malloc'd. */
char *join_path(const char *dir, const char *name);
/* Scratch files in c->tmpdir: malloc'd paths. */
char *tmp_path(tcase *c, const char *name);
char *tmp_file(tcase *c, const char *name, const char *data, size_t len);
void write_file(tcase *c, const char *path, const char *data, size_t len);
/* Copies the regular files of directory src into a new directory dst. */
void copy_dir(tcase *c, const char *src, const char *dst);

#endif
