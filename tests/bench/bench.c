/* Benchmarks, not timed tests: the throughput and peak memory of the whosaid binary on
 *
 *   corpus     the articles of corpus/dev and corpus/test as JSON Lines, repeated to about 8 MB
 *   synthetic  a synthetic 20 MB article in paragraphs (tests/pathological/gen.c)
 *   polnear    PolNeAR's train split as JSON Lines, when ../shared/polnear/train exists
 *
 *     bench WHOSAID PATTERNS_DIR SOURCE_ROOT [NAME...]     (all three by default)
 *
 * It prints the machine and, for each, the command, MB/s, articles/s and peak RSS. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "../pathological/gen.h"
#include "../pathological/run.h"

enum { CORPUS_BYTES = 8 << 20, SYNTHETIC_MB = 20 };
#define LIMIT_SECONDS 900.0

typedef struct bench {
    const char *whosaid, *patterns, *root;
} bench;

static void count_line(void *ctx, const char *line, size_t len)
{
    (void)ctx, (void)line, (void)len;
}

static void machine(void)
{
    struct utsname u;
    char model[256] = "unknown CPU";
    FILE *f = fopen("/proc/cpuinfo", "r");
    char line[512];
    while (f && fgets(line, sizeof line, f)) {
        char *colon = strchr(line, ':');
        if (colon && strncmp(line, "model name", 10) == 0) {
            snprintf(model, sizeof model, "%s", colon + 2);
            model[strcspn(model, "\n")] = '\0';
            break;
        }
    }
    if (f)
        fclose(f);
    uname(&u);
    printf("machine: %ld CPUs online (nproc), %s, %s %s\n", sysconf(_SC_NPROCESSORS_ONLN), model,
           u.sysname, u.machine);
}

/* Runs whosaid on the feed and prints one line of figures. */
static void measure(const bench *b, const char *name, bool jsonl, ws_feed_fn feed, void *state,
                    unsigned long long articles, const char *what)
{
    char *argv[] = {(char *)b->whosaid, "--patterns", (char *)b->patterns, jsonl ? "--jsonl" : "-",
                    NULL};
    ws_run r = {.argv = argv,
                .feed = feed,
                .feed_state = state,
                .on_out = count_line,
                .limit_seconds = LIMIT_SECONDS};
    printf("command: %s --patterns %s %s < %s\n", b->whosaid, b->patterns, argv[3], what);
    fflush(stdout);
    if (ws_run_child(&r) < 0) {
        perror(b->whosaid);
        return;
    }
    double mb = (double)r.in_bytes / 1e6;
    char how[100];
    printf("%-10s %8.1f MB %8llu articles %8.2f s %8.2f MB/s %10.2f articles/s  peak RSS %ld MiB"
           "  %zu quotations  %s\n\n",
           name, mb, articles, r.seconds, mb / r.seconds, (double)articles / r.seconds,
           r.max_rss_kib / 1024, r.out_lines, ws_run_describe(&r, how, sizeof how));
    fflush(stdout);
}

/* Appends every *.txt of dir as a JSON Lines record; returns how many. */
static size_t add_dir(ws_sb *out, const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return 0;
    size_t n = 0;
    struct dirent *de;
    while ((de = readdir(d))) {
        size_t len = strlen(de->d_name);
        if (len < 5 || strcmp(de->d_name + len - 4, ".txt"))
            continue;
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
        ws_sb text = {0};
        if (ws_sb_read_file(&text, path) < 0)
            perror(path);
        ws_sb_puts(out, "{\"id\":");
        ws_sb_json(out, de->d_name, len);
        ws_sb_puts(out, ",\"text\":");
        ws_sb_json(out, text.p ? text.p : "", text.n);
        ws_sb_puts(out, "}\n");
        ws_sb_free(&text);
        n++;
    }
    closedir(d);
    return n;
}

static void bench_corpus(const bench *b)
{
    ws_sb all = {0};
    char dir[4096];
    size_t n = 0;
    for (int k = 0; k < 2; k++) {
        snprintf(dir, sizeof dir, "%s/corpus/%s", b->root, k ? "test" : "dev");
        n += add_dir(&all, dir);
    }
    if (n == 0) {
        printf("corpus: no articles under %s/corpus\n\n", b->root);
        return;
    }
    unsigned long long times = CORPUS_BYTES / all.n + 1;
    ws_piece p[] = {{all.p, all.n, times}};
    ws_pieces g = {p, 1, 0, 0, 0};
    char what[200];
    snprintf(what, sizeof what, "corpus/{dev,test}/*.txt as JSON Lines, %zu articles x %llu", n,
             times);
    measure(b, "corpus", true, ws_pieces_feed, &g, n * times, what);
    ws_sb_free(&all);
}

static void bench_synthetic(const bench *b)
{
    ws_prose g = {.bytes = (unsigned long long)SYNTHETIC_MB << 20, .sep = "\n\n"};
    measure(b, "synthetic", false, ws_prose_feed, &g, 1,
            "a synthetic 20 MB article in paragraphs (tests/pathological/gen.c)");
}

static void bench_polnear(const bench *b)
{
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/../shared/polnear/train/text", b->root);
    ws_sb all = {0};
    size_t n = add_dir(&all, dir);
    if (n == 0) {
        printf("polnear: skipped, no articles in %s\n\n", dir);
        return;
    }
    ws_piece p[] = {{all.p, all.n, 1}};
    ws_pieces g = {p, 1, 0, 0, 0};
    char what[4200];
    snprintf(what, sizeof what, "%s/*.txt as JSON Lines, %zu articles", dir, n);
    measure(b, "polnear", true, ws_pieces_feed, &g, n, what);
    ws_sb_free(&all);
}

int main(int argc, char **argv)
{
    static const struct {
        const char *name;
        void (*fn)(const bench *);
    } all[] = {
        {"corpus", bench_corpus}, {"synthetic", bench_synthetic}, {"polnear", bench_polnear}};
    if (argc < 4) {
        fputs("usage: bench WHOSAID PATTERNS_DIR SOURCE_ROOT [corpus|synthetic|polnear...]\n",
              stderr);
        return 2;
    }
    bench b = {argv[1], argv[2], argv[3]};
    machine();
    for (size_t i = 0; i < sizeof all / sizeof *all; i++) {
        bool wanted = argc == 4;
        for (int k = 4; k < argc; k++)
            wanted |= strcmp(argv[k], all[i].name) == 0;
        if (wanted)
            all[i].fn(&b);
    }
    return 0;
}
