/* Pathological inputs, in the spirit of cmark's pathological_tests.py: each case runs the whosaid
 * binary on input made on the fly and asserts bounded time and peak memory, no crash, the exit
 * status and the messages. Every stdout line must be a JSON object naming its document.
 *
 *     pathological WHOSAID PATTERNS_DIR CASE      (exit 0 pass, 1 fail)
 *     pathological --list
 *
 * Time bounds are multiplied by $WS_PATHO_SCALE (default 1), and by 8 in sanitizer builds, where
 * peak memory is only reported (ASan's shadow and quarantine dwarf it). */
#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "checks.h"

#if defined(__SANITIZE_ADDRESS__)
#define WS_SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define WS_SANITIZED 1
#endif
#endif
#ifndef WS_SANITIZED
#define WS_SANITIZED 0
#endif

#define QUOTE_TEXT "\xE2\x80\x9CYes, we will,\xE2\x80\x9D Smith said."

/* ---- the run of one case ------------------------------------------------------------------- */

static double time_scale(void)
{
    const char *s = getenv("WS_PATHO_SCALE");
    double k = s && *s ? atof(s) : 1.0;
    return (k > 0 ? k : 1.0) * (WS_SANITIZED ? 8.0 : 1.0);
}

/* Runs whosaid with `args` (NULL-terminated, without the program) on the feed, collecting its
 * output into c->out and c->err. Returns false when it overran, crashed or printed a line that is
 * not a JSON object naming its document. */
static bool run(tcase *c, const char *const *args, ws_feed_fn feed, void *state, double seconds)
{
    const char *argv[64];
    size_t n = 0;
    argv[n++] = c->whosaid;
    for (size_t i = 0; args && args[i] && n < 63; i++)
        argv[n++] = args[i];
    argv[n] = NULL;
    out_reset(&c->out);
    err_reset(&c->err);
    c->r = (ws_run){.argv = (char *const *)argv,
                    .feed = feed,
                    .feed_state = state,
                    .on_out = out_line,
                    .on_err = err_line,
                    .ctx = c,
                    .limit_seconds = seconds * time_scale()};
    if (ws_run_child(&c->r) < 0) {
        fail(c, "cannot run %s: %s", c->whosaid, strerror(errno));
        return false;
    }
    char how[100];
    printf("# %-28s %7.2f s  %6ld MiB  %s  %zu out / %zu err lines  %llu input bytes\n", c->label,
           c->r.seconds, c->r.max_rss_kib / 1024, ws_run_describe(&c->r, how, sizeof how),
           c->r.out_lines, c->r.err_lines, c->r.in_bytes);
    bool ok = !c->r.timed_out && c->r.status <= 128 && c->out.malformed == 0;
    if (c->r.timed_out)
        fail(c, "%s: exceeded %.0f s", c->label, c->r.limit_seconds);
    else if (c->r.status > 128)
        fail(c, "%s: crashed: %s", c->label, how);
    check(c, c->out.malformed == 0, "%s: %zu malformed output lines, first: %s", c->label,
          c->out.malformed, c->out.first_bad);
    return ok;
}

/* Runs within `seconds` and `mib` MiB of peak memory, and checks the exit status. Returns
 * whether it ran to its end, so that its output is worth checking. */
static bool run_bounded(tcase *c, const char *const *args, ws_feed_fn feed, void *state,
                        double seconds, long mib, int status)
{
    if (!run(c, args, feed, state, seconds))
        return false;
    check(c, c->r.status == status, "%s: exit %d, expected %d; stderr: %s", c->label, c->r.status,
          status, c->err.text.p ? c->err.text.p : "");
    if (!WS_SANITIZED)
        check(c, c->r.max_rss_kib <= mib * 1024, "%s: peak RSS %ld MiB over the %ld MiB bound",
              c->label, c->r.max_rss_kib / 1024, mib);
    return true;
}

/* Runs whosaid on the pieces, one after another, as one article on standard input. */
static bool run_pieces(tcase *c, const char *label, const ws_piece *p, size_t n, double seconds,
                       long mib)
{
    ws_pieces g = {p, n, 0, 0, 0};
    c->label = label;
    return run_bounded(c, NULL, ws_pieces_feed, &g, seconds, mib, 0);
}
#define PIECES(p) (p), sizeof(p) / sizeof *(p)

static void expect_quotes(tcase *c, size_t n)
{
    check(c, c->out.quotes == n, "%s: %zu quotations, expected %zu", c->label, c->out.quotes, n);
}

static void run_text(tcase *c, const char *label, const char *text, size_t len, double seconds,
                     long mib)
{
    ws_piece p[] = {{text, len, 1}};
    run_pieces(c, label, PIECES(p), seconds, mib);
    check(c, c->err.lines == 0, "%s: unexpected stderr: %s", label, c->err.text.p);
}

/* ---- inputs that stress one stage ---------------------------------------------------------- */

static void case_empty(tcase *c)
{
    run_text(c, "empty", "", 0, 5, 64);
    check(c, c->out.lines == 0, "empty input gave output");
}

static void case_unbalanced_quotes(tcase *c)
{
    /* 100,000 of each: openers that never close, straight marks that cannot pair */
    static const char unit[] = "word \xE2\x80\x9C and \" then ";
    ws_piece p[] = {{unit, sizeof unit - 1, 100000}};
    run_pieces(c, "unbalanced-quotes", PIECES(p), 10, 96);
}

static void case_nested_quotes(tcase *c)
{
    /* 100,000 quotations, each inside the one before: “a ‘a “a ‘a … b’ b” b’ b” */
    static const char open[] = "\xE2\x80\x9C"
                               "a \xE2\x80\x98"
                               "a ";
    static const char close[] = "b\xE2\x80\x99 b\xE2\x80\x9D ";
    static const char tail[] = "Smith said.";
    ws_piece p[] = {{open, sizeof open - 1, 50000},
                    {close, sizeof close - 1, 50000},
                    {tail, sizeof tail - 1, 1}};
    run_pieces(c, "nested-quotes", PIECES(p), 10, 96);
}

static void case_long_sentence(tcase *c)
{
    /* 1 MB without a period: names, cues and commas that frames look for, but no end */
    static const char unit[] = "and Finance Minister Ellen Vance said that the talks, Smith told "
                               "reporters, would go on ";
    ws_piece p[] = {{unit, sizeof unit - 1, (1 << 20) / (sizeof unit - 1) + 1}};
    run_pieces(c, "sentence-1mb", PIECES(p), 20, 96);
}

/* An article of `mb` MB: on one line, or in paragraphs. */
static void long_article(tcase *c, const char *label, unsigned long long mb, const char *sep,
                         double seconds, long mib)
{
    ws_prose g = {.bytes = mb << 20, .sep = sep};
    c->label = label;
    /* nothing may be lost: every paragraph's quotations in curly marks come out */
    if (run_bounded(c, NULL, ws_prose_feed, &g, seconds, mib, 0))
        check(c, c->out.quotes >= g.paragraphs * WS_PROSE_DIRECT,
              "%s: %zu quotations for %llu paragraphs", label, c->out.quotes, g.paragraphs);
}

static void case_line_20mb(tcase *c)
{
    long_article(c, "line-20mb", 20, " ", 120, 400);
}
static void case_line_200mb(tcase *c)
{
    long_article(c, "line-200mb", 200, " ", 900, 3500);
}
static void case_paragraphs_5mb(tcase *c)
{
    long_article(c, "paragraphs-5mb", 5, "\n\n", 60, 160);
}

/* The cases below are each a minimal reproducer of work that grows with the square of the input:
 * they take minutes where a linear pass takes seconds. */

/* 40,000 attributed quotations, then 16 MB of plain text: work per speaker mention that reads
 * to the end of the document. */
static void case_quotes_then_text(tcase *c)
{
    static const char quote[] = QUOTE_TEXT " ";
    static const char gap[] = "\n\n";
    static const char plain[] = "lorem ipsum dolor sit amet ";
    ws_piece p[] = {{quote, sizeof quote - 1, 40000},
                    {gap, 2, 1},
                    {plain, sizeof plain - 1, (16u << 20) / (sizeof plain - 1)}};
    if (run_pieces(c, "quotes-then-16mb", PIECES(p), 12, 200))
        expect_quotes(c, 40000);
}

/* 100,000 sentences of reported speech: each checked against every quotation found before. */
static void case_many_reported(tcase *c)
{
    static const char unit[] = "The plan would work well, officials said. ";
    ws_piece p[] = {{unit, sizeof unit - 1, 100000}};
    if (run_pieces(c, "reported-speech-100k", PIECES(p), 10, 200))
        expect_quotes(c, 100000);
}

/* 100,000 paragraphs that each open a quotation the next continues: one chain, walked again
 * from every link. */
static void case_unbalanced_paragraphs(tcase *c)
{
    static const char unit[] = "\xE2\x80\x9CThe talks go on, Smith said.\n\n";
    ws_piece p[] = {{unit, sizeof unit - 1, 100000}};
    run_pieces(c, "unbalanced-paragraphs", PIECES(p), 15, 200);
}

/* 80,000 sentences that each open with a person of unknown gender: the pronoun that gives one
 * a gender is looked for up to the next name, which must not mean a scan to the end (it did). */
static void case_gender_scan(tcase *c)
{
    static const char unit[] = "Aiko Nishimura won the title in the city.\n\n";
    ws_piece p[] = {{unit, sizeof unit - 1, 80000}};
    run_pieces(c, "unknown-genders-80k", PIECES(p), 10, 200);
}

/* 10 MB of long sentences with a report in every clause ("…, but Y said …"): each clause
 * rescans the rest of its sentence, so the clauses per sentence are bounded. */
static void case_many_clauses(tcase *c)
{
    static const char head[] = "Ann Lee said the plan would fail";
    static const char unit[] = ", but Bob Ray said the plan would work";
    static const char tail[] = ".\n\n";
    ws_piece p[] = {{head, sizeof head - 1, 1}, {unit, sizeof unit - 1, 100}, {tail, sizeof tail - 1, 1}};
    ws_piece all[3 * 2600];
    for (size_t i = 0; i < sizeof all / sizeof *all; i++)
        all[i] = p[i % 3];
    run_pieces(c, "clauses-10mb", all, sizeof all / sizeof *all, 30, 300);
}

/* An interview of 80,000 answers: each answer counts the names mentioned before it. */
static void case_interview(tcase *c)
{
    static const char head[] = "Interview with Ellen Vance.\n\n";
    static const char unit[] = "Q: Why did Ellen Vance go?\n\n"
                               "A: Because Marcus Okafor told me so and we agreed.\n\n";
    ws_piece p[] = {{head, sizeof head - 1, 1}, {unit, sizeof unit - 1, 80000}};
    if (run_pieces(c, "interview-80k", PIECES(p), 15, 200))
        expect_quotes(c, 80000);
}

static void case_nul_bytes(tcase *c)
{
    static const char text[] = "\0Intro.\0\n\n\xE2\x80\x9CWe will\0 go on,\xE2\x80\x9D Smith "
                               "said.\0\0 More \0text.";
    run_text(c, "nul-bytes", text, sizeof text - 1, 5, 64);
    expect_quotes(c, 1);
    check(c, strstr(c->out.text.p ? c->out.text.p : "", "\"We will\\u0000 go on\""),
          "NUL bytes: the quotation lost its NUL: %s", c->out.text.p);
}

/* ---- documents that fail, next to documents that do not ------------------------------------- */

/* Bytes that are not UTF-8, each inside a quotation: the offset each error names. */
static const struct {
    const char *name, *bytes;
} bad_utf8[] = {
    {"overlong-2", "\xC0\xAF"},
    {"overlong-3", "\xE0\x80\xAF"},
    {"overlong-4", "\xF0\x80\x80\xAF"},
    {"surrogate-high", "\xED\xA0\x80"},
    {"surrogate-low", "\xED\xBF\xBF"},
    {"truncated-2", "\xC3"},
    {"truncated-3", "\xE2\x80"},
    {"truncated-4", "\xF0\x9F\x98"},
    {"continuation", "\x80"},
    {"above-max", "\xF4\x90\x80\x80"},
    {"byte-ff", "\xFF"},
    {"five-byte", "\xF8\x88\x80\x80\x80"},
};
#define N_BAD_UTF8 (sizeof bad_utf8 / sizeof *bad_utf8)
static const char bad_prefix[] = "Intro.\n\n\xE2\x80\x9CWe will ";

static void case_invalid_utf8(tcase *c)
{
    const char *args[N_BAD_UTF8 + 4];
    char *paths[N_BAD_UTF8 + 2];
    size_t n = 0;
    args[n++] = "--errors-json";
    paths[0] = tmp_file(c, "before.txt", QUOTE_TEXT, strlen(QUOTE_TEXT));
    args[n++] = paths[0];
    for (size_t i = 0; i < N_BAD_UTF8; i++) {
        ws_sb b = {0};
        ws_sb_puts(&b, bad_prefix);
        ws_sb_puts(&b, bad_utf8[i].bytes);
        ws_sb_puts(&b, " go on,\xE2\x80\x9D Smith said.");
        if (strcmp(bad_utf8[i].name, "truncated-4") == 0)
            b.n = strlen(bad_prefix) + 3; /* the file ends inside the sequence */
        char name[64];
        snprintf(name, sizeof name, "%s.txt", bad_utf8[i].name);
        paths[i + 1] = tmp_file(c, name, b.p, b.n);
        args[n++] = paths[i + 1];
        ws_sb_free(&b);
    }
    paths[N_BAD_UTF8 + 1] = tmp_file(c, "after.txt", QUOTE_TEXT, strlen(QUOTE_TEXT));
    args[n++] = paths[N_BAD_UTF8 + 1];
    args[n] = NULL;
    c->label = "invalid-utf8";
    run_bounded(c, args, NULL, NULL, 10, 64, 1);
    for (size_t i = 0; i < N_BAD_UTF8; i++) {
        char want[600];
        snprintf(want, sizeof want, "whosaid: %s: invalid UTF-8 at byte %zu", paths[i + 1],
                 strlen(bad_prefix));
        expect_err_line(c, want);
        expect_doc(c, paths[i + 1], 0, 1);
    }
    expect_doc(c, paths[0], 1, 0);
    expect_doc(c, paths[N_BAD_UTF8 + 1], 1, 0);
    check(c, c->err.lines == N_BAD_UTF8, "%zu stderr lines for %zu bad files", c->err.lines,
          N_BAD_UTF8);
    for (size_t i = 0; i < N_BAD_UTF8 + 2; i++)
        free(paths[i]);
}

/* The same article with LF, CRLF and lone CR line endings, and after a byte-order mark, must give
 * the same quotations, speakers and paragraphs. */
static void case_line_endings(tcase *c)
{
    static const char *const seps[][2] = {
        {"lf", "\n"}, {"crlf", "\r\n"}, {"cr", "\r"}, {"bom", "\n"}};
    char *paths[4];
    const char *args[6] = {NULL};
    for (size_t k = 0; k < 4; k++) {
        ws_sb b = {0};
        if (k == 3)
            ws_sb_puts(&b, "\xEF\xBB\xBF");
        for (unsigned long long i = 0; i < 6; i++) {
            ws_prose_paragraph(&b, i);
            ws_sb_puts(&b, seps[k][1]);
            ws_sb_puts(&b, seps[k][1]);
        }
        char name[32];
        snprintf(name, sizeof name, "%s.txt", seps[k][0]);
        paths[k] = tmp_file(c, name, b.p, b.n);
        args[k] = paths[k];
        ws_sb_free(&b);
    }
    c->label = "line-endings-and-bom";
    c->out.keep_fields = true;
    run_bounded(c, args, NULL, NULL, 10, 64, 0);
    c->out.keep_fields = false;
    check(c, c->out.quotes >= 6 * WS_PROSE_DIRECT, "only %zu quotations", c->out.quotes);
    for (size_t k = 1; k < 4; k++)
        expect_same_quotes(c, paths[0], paths[k]);
    for (size_t k = 0; k < 4; k++)
        free(paths[k]);
}

/* ---- JSON Lines ----------------------------------------------------------------------------- */

#define Q "\"\\u201cYes, we will,\\u201d Smith said.\""

static void case_jsonl_errors(tcase *c)
{
    char long_id[1200];
    memset(long_id, 'i', sizeof long_id - 1);
    long_id[sizeof long_id - 1] = '\0';
    ws_sb in = {0};
    ws_sb_puts(&in, "{\"id\":\"a\",\"text\":" Q "}\r\n"               /* 1 */
                    "\r\n"                                            /* 2 blank */
                    "   \t \n"                                        /* 3 blank */
                    "{\"id\":\"b\",\"text\":\"cut off\n"              /* 4 */
                    "[1,2]\n"                                         /* 5 */
                    "{\"id\":\"c\"}\n"                                /* 6 */
                    "{\"id\":\"d\",\"text\":42}\n"                    /* 7 */
                    "{\"id\":7,\"text\":" Q "}\n"                     /* 8 */
                    "{\"id\":7.5,\"text\":" Q "}\n"                   /* 9 */
                    "{\"id\":{\"k\":[1,true]},\"text\":" Q "}\n"      /* 10 */
                    "{\"id\":null,\"text\":" Q "}\n"                  /* 11 */
                    "{\"text\":" Q "}\n"                              /* 12 */
                    "{\"id\":\"e\",\"text\":\"bad \xC0\xAF byte\"}\n" /* 13 */
                    "{\"id\":\"f\",\"text\":\"lone \\ud800 half\"}\n" /* 14 */
                    "{\"id\":\"g\",\"text\":\"nul \\u0000 \\u201cYes, we will,\\u201d Smith "
                    "said.\"}\n"                      /* 15 */
                    "{\"id\":false,\"text\":" Q "}\n" /* 16 */
                    "{\"id\":\"");                    /* 17 */
    ws_sb_puts(&in, long_id);
    ws_sb_puts(&in, "\",\"text\":" Q "}\n"
                    "{\"id\":\"h\",\"text\":" Q "}"); /* 18, no newline */
    const char *args[] = {"--jsonl", "--errors-json", NULL};
    ws_piece p[] = {{in.p, in.n, 1}};
    ws_pieces g = {p, 1, 0, 0, 0};
    c->label = "jsonl-errors";
    run_bounded(c, args, ws_pieces_feed, &g, 10, 64, 1);
    static const struct {
        const char *doc;
        int quotes, errors;
        const char *err; /* the stderr line it gives */
    } want[] = {
        {"a", 1, 0, NULL},
        {"-:4", 0, 1, "whosaid: -:4: not a JSON object: "},
        {"-:5", 0, 1, "whosaid: -:5: not a JSON object: an array"},
        {"c", 0, 1, "whosaid: c: line 6 has no field \"text\""},
        {"d", 0, 1, "whosaid: d: line 7: field \"text\" is a number, not a string"},
        {"7", 1, 0, NULL},
        {"7.5", 1, 0, NULL},
        {"{\"k\":[1,true]}", 1, 0, NULL},
        {"-:11", 1, 0, NULL},
        {"-:12", 1, 0, NULL},
        {"-:13", 0, 1, "whosaid: -:13: not a JSON object: "},
        {"-:14", 0, 1, "whosaid: -:14: not a JSON object: "},
        {"g", 1, 0, NULL},
        {"false", 1, 0, NULL},
        {"h", 1, 0, NULL},
    };
    for (size_t i = 0; i < sizeof want / sizeof *want; i++) {
        expect_doc(c, want[i].doc, want[i].quotes, want[i].errors);
        if (want[i].err)
            expect_err_line(c, want[i].err);
    }
    expect_doc(c, long_id, 1, 0);
    check(c, c->out.lines == 16 && c->err.lines == 6, "%zu stdout, %zu stderr lines", c->out.lines,
          c->err.lines);
    ws_sb_free(&in);
}

/* A 32 MB JSON Lines record between two short ones: all three come out, within a few times the
 * line's size in memory. */
static void case_jsonl_long_line(tcase *c)
{
    static const char first[] = "{\"id\":\"first\",\"text\":" Q "}\n";
    static const char open[] = "{\"id\":\"long\",\"text\":\"";
    static const char plain[] = "lorem ipsum dolor sit amet ";
    static const char close[] = "\\u201cYes, we will,\\u201d Smith said.\"}\r\n";
    static const char last[] = "{\"id\":\"last\",\"text\":" Q "}";
    ws_piece p[] = {{first, sizeof first - 1, 1},
                    {open, sizeof open - 1, 1},
                    {plain, sizeof plain - 1, (32u << 20) / (sizeof plain - 1)},
                    {close, sizeof close - 1, 1},
                    {last, sizeof last - 1, 1}};
    ws_pieces g = {PIECES(p), 0, 0, 0};
    const char *args[] = {"--jsonl", NULL};
    c->label = "jsonl-long-line";
    run_bounded(c, args, ws_pieces_feed, &g, 60, 256, 0);
    expect_doc(c, "first", 1, 0);
    expect_doc(c, "long", 1, 0);
    expect_doc(c, "last", 1, 0);
}

/* Record i of a stream: one quotation; every 1000th line is broken, every 1000th lacks text. */
static void tiny_record(void *ctx, unsigned long long i, ws_sb *out)
{
    (void)ctx;
    if (i % 1000 == 7)
        ws_sb_printf(out, "{\"id\":\"%llu\",\"text\":\"no end\n", i);
    else if (i % 1000 == 11)
        ws_sb_printf(out, "{\"id\":\"%llu\",\"txet\":\"typo\"}\n", i);
    else
        ws_sb_printf(out, "{\"id\":\"%llu\",\"text\":\"\\\"Yes,\\\" he said.\"}\n", i);
}

/* Every record of the stream must come out once: its quotation, or its error. */
typedef struct seen {
    unsigned char *count;
    unsigned long long n, wrong;
} seen;

static void note_record(tcase *c, json_t *obj, void *ctx)
{
    seen *s = ctx;
    const char *doc = json_string_value(json_object_get(obj, "doc"));
    const char *colon = doc ? strrchr(doc, ':') : NULL;
    char *end;
    unsigned long long i = strtoull(colon ? colon + 1 : doc ? doc : "x", &end, 10);
    if (colon) /* "-:LINE" names a broken line: record LINE - 1 */
        i--;
    bool is_error = json_object_get(obj, "error") != NULL;
    bool should_fail = i % 1000 == 7 || i % 1000 == 11;
    if (*end || i >= s->n || s->count[i] == 255 || is_error != should_fail)
        s->wrong++;
    else
        s->count[i]++;
    (void)c;
}

static void case_million(tcase *c)
{
    const unsigned long long n = 1000000;
    seen s = {need(calloc(n, 1)), n, 0};
    ws_records g = {.make = tiny_record, .n = n};
    const char *args[] = {"--jsonl", "--errors-json", NULL};
    c->out.hook = note_record;
    c->out.hook_ctx = &s;
    c->label = "million-articles";
    run_bounded(c, args, ws_records_feed, &g, 180, 64, 1);
    c->out.hook = NULL;
    unsigned long long missing = 0, twice = 0;
    for (unsigned long long i = 0; i < n; i++) {
        missing += s.count[i] == 0;
        twice += s.count[i] > 1;
    }
    check(c, missing == 0 && twice == 0 && s.wrong == 0,
          "records: %llu missing, %llu twice, %llu wrong", missing, twice, s.wrong);
    check(c, c->err.lines == 2 * n / 1000, "%zu stderr lines, expected %llu", c->err.lines,
          2 * n / 1000);
    expect_err_line(c, "whosaid: -:8: not a JSON object: ");
    expect_err_line(c, "whosaid: 11: line 12 has no field \"text\"");
    free(s.count);
}

/* Memory follows the largest document, not the stream: 200,000 articles, one of 2 MB among them,
 * stay within a little of that one article alone. Most are one short quotation, every 100th a
 * paragraph of prose: the stream stays quick while every stage keeps running. */
typedef struct stream {
    unsigned long long big_at;
    ws_sb big; /* the large article's record */
} stream;

static void stream_record(void *ctx, unsigned long long i, ws_sb *out)
{
    stream *s = ctx;
    if (i == s->big_at) {
        ws_sb_put(out, s->big.p, s->big.n);
        return;
    }
    if (i % 100) {
        ws_sb_printf(out, "{\"id\":\"%llu\",\"text\":\"\\\"Yes,\\\" he said.\"}\n", i);
        return;
    }
    ws_sb text = {0};
    ws_prose_paragraph(&text, i);
    ws_sb_printf(out, "{\"id\":\"%llu\",\"text\":", i);
    ws_sb_json(out, text.p, text.n);
    ws_sb_puts(out, "}\n");
    ws_sb_free(&text);
}

static void case_stream_memory(tcase *c)
{
    stream s = {.big_at = 100000};
    ws_sb text = {0};
    for (unsigned long long i = 0; text.n < (2u << 20); i++) {
        ws_prose_paragraph(&text, i);
        ws_sb_puts(&text, "\n\n");
    }
    ws_sb_puts(&s.big, "{\"id\":\"big\",\"text\":");
    ws_sb_json(&s.big, text.p, text.n);
    ws_sb_puts(&s.big, "}\n");
    ws_sb_free(&text);
    const char *args[] = {"--jsonl", NULL};
    ws_piece one[] = {{s.big.p, s.big.n, 1}};
    ws_pieces g1 = {one, 1, 0, 0, 0};
    c->label = "stream-largest-alone";
    run_bounded(c, args, ws_pieces_feed, &g1, 30, 200, 0);
    long alone = c->r.max_rss_kib;
    ws_records g = {.make = stream_record, .ctx = &s, .n = 200000};
    c->label = "stream-200k-articles";
    run_bounded(c, args, ws_records_feed, &g, 60, 200, 0);
    check(c, c->out.quotes >= 200000, "%zu quotations", c->out.quotes);
    long bound = alone + alone / 10 + 8 * 1024;
    if (!WS_SANITIZED)
        check(c, c->r.max_rss_kib <= bound,
              "the stream peaked at %ld MiB, the largest article alone at %ld MiB",
              c->r.max_rss_kib / 1024, alone / 1024);
    ws_sb_free(&s.big);
}

/* ---- files that cannot be read ----------------------------------------------------------- */

static void case_unreadable_files(tcase *c)
{
    char *good = tmp_file(c, "good.txt", QUOTE_TEXT, strlen(QUOTE_TEXT));
    static const char record[] = "{\"id\":\"j\",\"text\":" Q "}";
    char *jsonl = tmp_file(c, "good.jsonl", record, sizeof record - 1);
    char *dir = tmp_path(c, "a-directory");
    char *missing = tmp_path(c, "missing.txt");
    char *locked = tmp_file(c, "locked.txt", QUOTE_TEXT, strlen(QUOTE_TEXT));
    mkdir(dir, 0700);
    chmod(locked, 0);
    bool root = geteuid() == 0; /* root reads it all the same */
    const char *plain[] = {"--errors-json", good, dir, missing, locked, good, NULL};
    c->label = "unreadable-files";
    run_bounded(c, plain, NULL, NULL, 10, 64, 1);
    char want[600];
    snprintf(want, sizeof want, "whosaid: %s: Is a directory", dir);
    expect_err_line(c, want);
    snprintf(want, sizeof want, "whosaid: %s: No such file or directory", missing);
    expect_err_line(c, want);
    snprintf(want, sizeof want, "whosaid: %s: Permission denied", locked);
    if (!root)
        expect_err_line(c, want);
    expect_doc(c, good, 2, 0);
    expect_doc(c, dir, 0, 1);
    expect_doc(c, missing, 0, 1);
    const char *lines[] = {"--jsonl", "--errors-json", jsonl, dir, missing, jsonl, NULL};
    c->label = "unreadable-jsonl-files";
    run_bounded(c, lines, NULL, NULL, 10, 64, 1);
    snprintf(want, sizeof want, "whosaid: %s: Is a directory", dir);
    expect_err_line(c, want);
    snprintf(want, sizeof want, "whosaid: %s: No such file or directory", missing);
    expect_err_line(c, want);
    expect_doc(c, "j", 2, 0);
    chmod(locked, 0600);
    free(good), free(jsonl), free(dir), free(missing), free(locked);
}

/* ---- broken pattern directories ------------------------------------------------------------ */

/* A copy of the shipped patterns plus one file; returns the directory. */
static char *patterns_plus(tcase *c, const char *name, const char *content)
{
    char *dir = tmp_path(c, "patterns");
    copy_dir(c, c->patterns, dir);
    char *target = join_path(dir, name);
    write_file(c, target, content, strlen(content));
    free(target);
    return dir;
}

static void bad_patterns(tcase *c, const char *label, const char *name, const char *content,
                         const char *want)
{
    char *dir = patterns_plus(c, name, content);
    char *doc = tmp_file(c, "doc.txt", QUOTE_TEXT, strlen(QUOTE_TEXT));
    const char *args[] = {"--patterns", dir, doc, NULL};
    c->label = label;
    run_bounded(c, args, NULL, NULL, 10, 64, 2);
    expect_err_line(c, want);
    check(c, c->out.lines == 0, "%s: output despite the broken patterns", label);
    free(dir);
    free(doc);
}

static void case_pattern_syntax(tcase *c)
{
    bad_patterns(c, "pattern-syntax-error", "zz-broken.pcre",
                 "# an unclosed group\n@frame broken names\n    (?<name> \\p{Lu}+ ( \\s+ \\p{Lu}\n",
                 "whosaid: ");
    expect_err_line(c, "zz-broken.pcre:3:");
    expect_err_line(c, "missing closing parenthesis");
}

static void case_pattern_directive(tcase *c)
{
    bad_patterns(c, "pattern-unknown-directive", "zz-typo.pcre",
                 "@frmae typo names\n    (?<name>x)\n", "zz-typo.pcre:1:2: unknown directive");
}

/* A frame that compiles larger than PCRE2 allows with link size 2: the error names the frame
 * and its line, not a place inside the expanded text. */
static void case_pattern_too_large(tcase *c)
{
    static const char head[] = "# comment\n@frame huge names\n    (?<name> ";
    size_t n = sizeof head - 1 + 80000 + 3;
    char *text = malloc(n + 1);
    if (!text) {
        check(c, false, "pattern-too-large: no memory");
        return;
    }
    memcpy(text, head, sizeof head - 1);
    memset(text + sizeof head - 1, 'a', 80000); /* 80,000 literal characters */
    memcpy(text + n - 3, " )\n", 4);
    bad_patterns(c, "pattern-too-large", "zz-huge.pcre", text,
                 "zz-huge.pcre:2:1: frame 'huge' compiles larger than PCRE2 allows");
    free(text);
}

static void case_pattern_list(tcase *c)
{
    bad_patterns(c, "pattern-bad-list", "quote-marks.txt",
                 "# pairs\n\xE2\x80\x9C, \xE2\x80\x9D, \"\n",
                 "quote-marks.txt:2:1: expected 'OPEN, CLOSE'");
}

/* A frame that backtracks exponentially (no required character lets PCRE2 give up early), first
 * in file order: each article it reaches fails with a limit error, the others go on. */
static void runaway(tcase *c, const char *label, const char *pattern, const char *frame)
{
    char *dir = patterns_plus(c, "aa-runaway.pcre", pattern);
    ws_sb trigger = {0};
    ws_sb_puts(&trigger, "\xE2\x80\x9CYes,\xE2\x80\x9D said ");
    for (int i = 0; i < 3000; i++)
        ws_sb_puts(&trigger, "word ");
    ws_sb_puts(&trigger, "end.");
    char *bad = tmp_file(c, "runaway.txt", trigger.p, trigger.n);
    char *plain = tmp_file(c, "plain.txt", "No quotation here.", 18);
    const char *args[] = {"--errors-json", "--patterns", dir, plain, bad, plain, NULL};
    c->label = label;
    run_bounded(c, args, NULL, NULL, 5, 128, 1);
    char want[600];
    snprintf(want, sizeof want, "whosaid: %s: frame '%s' hit a PCRE2 limit", bad, frame);
    expect_err_line(c, want);
    expect_doc(c, bad, 0, 1);
    check(c, c->err.lines == 1, "%zu stderr lines, expected 1", c->err.lines);
    ws_sb_free(&trigger);
    free(dir), free(bad), free(plain);
}

static void case_pattern_backtracking(tcase *c)
{
    runaway(c, "pattern-backtracking",
            "@frame runaway after\n"
            "    [ \\t]* (?<cue>said) \\s+ (?<mention> (?: \\w+ \\s? )+ ) \\d\n",
            "runaway");
}

static void case_pattern_recursion(tcase *c)
{
    runaway(c, "pattern-recursion",
            "@frame deep after\n"
            "    [ \\t]* (?<cue>said) \\s+ (?<mention> ( [\\w\\s] (?-1)? ) ) \\d\n",
            "deep");
}

/* ---- the table --------------------------------------------------------------------------- */

static const struct {
    const char *name;
    void (*fn)(tcase *);
} cases[] = {
    {"empty", case_empty},
    {"unbalanced-quotes", case_unbalanced_quotes},
    {"nested-quotes", case_nested_quotes},
    {"sentence-1mb", case_long_sentence},
    {"line-20mb", case_line_20mb},
    {"paragraphs-5mb", case_paragraphs_5mb},
    {"line-200mb", case_line_200mb},
    {"quotes-then-16mb", case_quotes_then_text},
    {"reported-speech-100k", case_many_reported},
    {"unbalanced-paragraphs", case_unbalanced_paragraphs},
    {"interview-80k", case_interview},
    {"unknown-genders-80k", case_gender_scan},
    {"clauses-10mb", case_many_clauses},
    {"nul-bytes", case_nul_bytes},
    {"invalid-utf8", case_invalid_utf8},
    {"line-endings-and-bom", case_line_endings},
    {"jsonl-errors", case_jsonl_errors},
    {"jsonl-long-line", case_jsonl_long_line},
    {"million-articles", case_million},
    {"stream-memory", case_stream_memory},
    {"unreadable-files", case_unreadable_files},
    {"pattern-syntax-error", case_pattern_syntax},
    {"pattern-unknown-directive", case_pattern_directive},
    {"pattern-bad-list", case_pattern_list},
    {"pattern-too-large", case_pattern_too_large},
    {"pattern-backtracking", case_pattern_backtracking},
    {"pattern-recursion", case_pattern_recursion},
};

int main(int argc, char **argv)
{
    if (argc == 2 && strcmp(argv[1], "--list") == 0) {
        for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
            puts(cases[i].name);
        return 0;
    }
    if (argc != 4) {
        fputs("usage: pathological WHOSAID PATTERNS_DIR CASE | --list\n", stderr);
        return 2;
    }
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        if (strcmp(cases[i].name, argv[3]))
            continue;
        setenv("WHOSAID_PATTERNS", argv[2], 1); /* for every run without --patterns */
        tcase c = {.whosaid = argv[1], .patterns = argv[2], .label = cases[i].name};
        tcase_init(&c);
        cases[i].fn(&c);
        tcase_free(&c);
        printf("%s %s\n", c.failed ? "FAIL" : "PASS", cases[i].name);
        return c.failed ? 1 : 0;
    }
    fprintf(stderr, "pathological: no case '%s' (see --list)\n", argv[3]);
    return 2;
}
