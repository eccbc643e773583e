/* Running whosaid as a child process, for the pathological tests and the benchmarks: its standard
 * input streamed from a generator (so 200 MB or a million articles never sit in memory), its
 * output read line by line as it comes, its wall time bounded and its peak RSS measured. */
#ifndef WS_TEST_RUN_H
#define WS_TEST_RUN_H

#include <stdbool.h>
#include <stddef.h>

/* Fills buf with up to cap bytes of input; returns how many, 0 at the end. */
typedef size_t (*ws_feed_fn)(void *state, char *buf, size_t cap);
/* One line of output, without its newline (the last line may lack one in the output). */
typedef void (*ws_line_fn)(void *ctx, const char *line, size_t len);

typedef struct ws_run {
    char *const *argv; /* argv[0] is the program's path */
    ws_feed_fn feed;   /* NULL: standard input is empty */
    void *feed_state;
    ws_line_fn on_out; /* each line of standard output; NULL ignores them */
    ws_line_fn on_err; /* each line of standard error; NULL ignores them */
    void *ctx;
    double limit_seconds; /* past this the child is killed */
    /* results */
    int status; /* exit status, or 128 + the signal that ended it */
    bool timed_out;
    double seconds;   /* wall time from start to exit */
    long max_rss_kib; /* the child's peak resident set (wait4) */
    size_t out_lines, err_lines;
    unsigned long long in_bytes; /* input the child accepted */
} ws_run;

/* Runs the child to its end. Returns 0, or -1 when it could not be started (errno set). */
int ws_run_child(ws_run *r);

/* The exit status as text: "exit 1", "signal 11 (Segmentation fault)", "killed at 60 s". */
const char *ws_run_describe(const ws_run *r, char *buf, size_t cap);

#endif
