/* Running whosaid as a child: one poll() loop writes its input and reads its two outputs at once,
 * so neither side can block the other however much each writes. */
#include "run.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

enum { CHUNK = 1 << 16 };

/* The output of one stream not yet split into lines. */
typedef struct linebuf {
    char *p;
    size_t n, cap;
    ws_line_fn fn;
    void *ctx;
    size_t *count;
} linebuf;

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void emit(linebuf *b, const char *line, size_t len)
{
    (*b->count)++;
    if (b->fn)
        b->fn(b->ctx, line, len);
}

/* Appends what was read and hands on every complete line. */
static int take(linebuf *b, const char *data, size_t n)
{
    if (b->n + n > b->cap) {
        size_t cap = b->cap ? b->cap : CHUNK;
        while (cap < b->n + n)
            cap *= 2;
        char *p = realloc(b->p, cap);
        if (!p)
            return -1;
        b->p = p;
        b->cap = cap;
    }
    memcpy(b->p + b->n, data, n);
    size_t old = b->n, start = 0;
    b->n += n;
    for (size_t i = old; i < b->n; i++) {
        if (b->p[i] == '\n') {
            emit(b, b->p + start, i - start);
            start = i + 1;
        }
    }
    memmove(b->p, b->p + start, b->n - start);
    b->n -= start;
    return 0;
}

static void finish(linebuf *b)
{
    if (b->n)
        emit(b, b->p, b->n);
    free(b->p);
}

static void child(char *const *argv, int in, int out, int err)
{
    if (dup2(in, 0) < 0 || dup2(out, 1) < 0 || dup2(err, 2) < 0)
        _exit(127);
    execv(argv[0], argv);
    fprintf(stderr, "cannot run %s: %s\n", argv[0], strerror(errno));
    _exit(127);
}

/* The input side: a chunk from the generator, written as far as the pipe takes it. */
typedef struct feeder {
    int fd;
    char buf[CHUNK];
    size_t have, off;
} feeder;

static void feed_some(ws_run *r, feeder *f)
{
    if (f->off == f->have) {
        f->have = r->feed ? r->feed(r->feed_state, f->buf, sizeof f->buf) : 0;
        f->off = 0;
        if (f->have == 0) {
            close(f->fd);
            f->fd = -1;
            return;
        }
    }
    ssize_t k = write(f->fd, f->buf + f->off, f->have - f->off);
    if (k > 0) {
        f->off += (size_t)k;
        r->in_bytes += (unsigned long long)k;
    } else if (k < 0 && errno != EAGAIN && errno != EINTR) {
        close(f->fd); /* EPIPE: the child stopped reading; what it did with it is checked */
        f->fd = -1;
    }
}

static bool drain(int *fd, linebuf *b)
{
    char buf[CHUNK];
    ssize_t k = read(*fd, buf, sizeof buf);
    if (k > 0)
        return take(b, buf, (size_t)k) == 0;
    if (k == 0 || (errno != EAGAIN && errno != EINTR)) {
        close(*fd);
        *fd = -1;
    }
    return true;
}

static void loop(ws_run *r, pid_t pid, feeder *f, int out, int err, double t0)
{
    linebuf lo = {NULL, 0, 0, r->on_out, r->ctx, &r->out_lines};
    linebuf le = {NULL, 0, 0, r->on_err, r->ctx, &r->err_lines};
    while (out >= 0 || err >= 0) {
        struct pollfd p[3] = {{out, POLLIN, 0}, {err, POLLIN, 0}, {f->fd, POLLOUT, 0}};
        double left = t0 + r->limit_seconds - now();
        if (left <= 0 && !r->timed_out) {
            kill(pid, SIGKILL);
            r->timed_out = true;
        }
        int wait_ms = r->timed_out ? 1000 : (int)(left * 1000) + 1;
        if (poll(p, 3, wait_ms) < 0 && errno != EINTR)
            break;
        if (p[0].revents && !drain(&out, &lo))
            break;
        if (p[1].revents && !drain(&err, &le))
            break;
        if (f->fd >= 0 && (p[2].revents & (POLLOUT | POLLERR | POLLHUP)))
            feed_some(r, f);
    }
    finish(&lo);
    finish(&le);
}

static int nonblocking(int fd)
{
    int fl = fcntl(fd, F_GETFL);
    return fl < 0 ? -1 : fcntl(fd, F_SETFL, fl | O_NONBLOCK);
}

/* Three pipes: the child's standard input, output and error. Returns 0 or -1. */
static int make_pipes(int fds[3][2])
{
    for (int i = 0; i < 3; i++) {
        if (pipe(fds[i]) < 0)
            return -1;
        /* the child keeps only its own ends, as 0, 1 and 2 (dup2 clears the flag) */
        fcntl(fds[i][0], F_SETFD, FD_CLOEXEC);
        fcntl(fds[i][1], F_SETFD, FD_CLOEXEC);
    }
    return 0;
}

int ws_run_child(ws_run *r)
{
    int fds[3][2];
    feeder *f = calloc(1, sizeof *f);
    signal(SIGPIPE, SIG_IGN); /* a child that stops reading is a result, not our death */
    if (!f || make_pipes(fds) < 0) {
        free(f);
        return -1;
    }
    r->timed_out = false;
    r->out_lines = r->err_lines = 0;
    r->in_bytes = 0;
    double t0 = now();
    pid_t pid = fork();
    if (pid < 0) {
        free(f);
        return -1;
    }
    if (pid == 0)
        child(r->argv, fds[0][0], fds[1][1], fds[2][1]);
    close(fds[0][0]);
    close(fds[1][1]);
    close(fds[2][1]);
    f->fd = fds[0][1];
    nonblocking(f->fd);
    nonblocking(fds[1][0]);
    nonblocking(fds[2][0]);
    loop(r, pid, f, fds[1][0], fds[2][0], t0);
    if (f->fd >= 0)
        close(f->fd);
    free(f);
    int st;
    struct rusage ru;
    while (wait4(pid, &st, 0, &ru) < 0 && errno == EINTR)
        ;
    r->seconds = now() - t0;
    r->max_rss_kib = ru.ru_maxrss;
    r->status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
    return 0;
}

const char *ws_run_describe(const ws_run *r, char *buf, size_t cap)
{
    if (r->timed_out)
        snprintf(buf, cap, "killed at the %.0f s bound", r->limit_seconds);
    else if (r->status > 128)
        snprintf(buf, cap, "signal %d (%s)", r->status - 128, strsignal(r->status - 128));
    else
        snprintf(buf, cap, "exit %d", r->status);
    return buf;
}
