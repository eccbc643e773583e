/* libFuzzer harness over the JSON Lines reader of the command line (src/cli/input.c), read from
 * the input bytes through fmemopen(). The promise it checks is the batch's: every line that is
 * not blank gives exactly one article or one reported failure, never none and never two. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "input.h"

typedef struct tally {
    size_t docs, bad;
} tally;

static bool on_doc(const char *id, const char *text, size_t len, void *ctx)
{
    require(id && text, "an article without id or text");
    volatile char sink = 0; /* the whole text must be readable (ASan checks) */
    for (size_t i = 0; i < len; i++)
        sink ^= text[i];
    (void)sink;
    ((tally *)ctx)->docs++;
    return true;
}

static void on_bad(const char *id, const char *why, void *ctx)
{
    require(id && why && *why, "a failure without a name or a reason");
    ((tally *)ctx)->bad++;
}

/* Lines that hold something besides JSON white space. */
static size_t records(const uint8_t *d, size_t n)
{
    size_t count = 0;
    bool content = false;
    for (size_t i = 0; i < n; i++) {
        if (d[i] == '\n') {
            count += content;
            content = false;
        } else if (d[i] != ' ' && d[i] != '\t' && d[i] != '\r') {
            content = true;
        }
    }
    return count + content;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0; /* fmemopen() refuses an empty buffer */
    FILE *f = fmemopen((void *)data, size, "r");
    require(f, "fmemopen failed");
    tally t = {0, 0};
    ws_input_opts o = {"id", "text"};
    int rc = ws_read_jsonl(f, "fuzz", &o, on_doc, on_bad, &t);
    fclose(f);
    require(rc == 0, "ws_read_jsonl: error %d", rc);
    size_t want = records(data, size);
    require(t.docs + t.bad == want, "%zu articles and %zu failures for %zu lines", t.docs, t.bad,
            want);
    return 0;
}
