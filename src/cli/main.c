/* whosaid: the command line. Options, input, calling the library, exit codes; nothing else. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "input.h"
#include "paths.h"
#include "whosaid.h"

enum { EXIT_DOC_FAILED = 1, EXIT_USAGE = 2 };

int ws_eval_main(int argc, char **argv); /* eval.c */

typedef struct run {
    ws_context *ctx; /* the engine and what matching reuses from one document to the next */
    unsigned json_flags;
    bool errors_json;
    size_t failed, docs, quotes;
} run;

static void usage(FILE *out)
{
    fputs("Usage: whosaid [OPTIONS] [FILE...]\n"
          "       whosaid validate [--patterns DIR]\n"
          "       whosaid eval [OPTIONS] PATH...   (scores against gold; see eval --help)\n"
          "\n"
          "Prints one JSON line per quotation: who said what, with offsets in code points.\n"
          "Each FILE is one article; '-' or no FILE reads standard input.\n"
          "\n"
          "  -p, --patterns DIR    patterns directory (default: $WHOSAID_PATTERNS, the source\n"
          "                        tree's when run from the build directory, else installed)\n"
          "  -j, --jsonl           inputs are JSON Lines, one article per line\n"
          "      --id-field NAME   JSONL field naming the article (default: id)\n"
          "      --text-field NAME JSONL field holding the text (default: text)\n"
          "  -e, --explain         add an \"explain\" field: the rule and resolution steps\n"
          "      --errors-json     also print each failed document as a JSON error line\n"
          "  -V, --version         print the version\n"
          "  -h, --help            print this help\n"
          "\n"
          "Exit status: 0 all documents processed, 1 some document failed, 2 usage or\n"
          "pattern error.\n",
          out);
}

static void json_escape(FILE *out, const char *s)
{
    fputc('"', out);
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\')
            fprintf(out, "\\%c", c);
        else if (c < 0x20)
            fprintf(out, "\\u%04x", c);
        else
            fputc(c, out);
    }
    fputc('"', out);
}

static void doc_failed(run *r, const char *id, const char *why)
{
    r->failed++;
    fprintf(stderr, "whosaid: %s: %s\n", id, why);
    if (r->errors_json) {
        fputs("{\"doc\":", stdout);
        json_escape(stdout, id);
        fputs(",\"error\":", stdout);
        json_escape(stdout, why);
        fputs("}\n", stdout);
    }
}

static bool on_doc(const char *id, const char *text, size_t len, void *ctx)
{
    run *r = ctx;
    ws_result *res = NULL;
    ws_error err;
    r->docs++;
    if (ws_extract_with(r->ctx, text, len, &res, &err) < 0) {
        doc_failed(r, id, err.msg[0] ? err.msg : ws_strerror(err.code));
        return true;
    }
    /* a write error shows at the final fflush, as for every other line */
    int rc = ws_result_write_jsonl(res, id, r->json_flags, stdout);
    r->quotes += ws_result_count(res);
    ws_result_free(res);
    if (rc == WS_ERR_NOMEM)
        doc_failed(r, id, ws_strerror(WS_ERR_NOMEM));
    return true;
}

static void on_bad(const char *id, const char *why, void *ctx) { doc_failed(ctx, id, why); }

static int process(run *r, char **files, int nfiles, bool jsonl, const ws_input_opts *o)
{
    char *stdin_only[] = {"-"};
    if (nfiles == 0) {
        files = stdin_only;
        nfiles = 1;
    }
    for (int i = 0; i < nfiles; i++) {
        if (jsonl) {
            FILE *f = strcmp(files[i], "-") ? fopen(files[i], "rb") : stdin;
            int rc = f ? ws_read_jsonl(f, files[i], o, on_doc, on_bad, r) : errno;
            if (f && f != stdin)
                fclose(f);
            if (rc)
                doc_failed(r, files[i], strerror(rc));
            continue;
        }
        char *text;
        size_t len;
        int rc = ws_read_file(files[i], &text, &len);
        if (rc) {
            doc_failed(r, files[i], strerror(rc));
            continue;
        }
        on_doc(files[i], text, len, r);
        free(text);
    }
    if (fflush(stdout) != 0) {
        fprintf(stderr, "whosaid: cannot write output: %s\n", strerror(errno));
        return EXIT_DOC_FAILED;
    }
    return r->failed ? EXIT_DOC_FAILED : 0;
}

static int validate(int argc, char **argv)
{
    static const struct option opts[] = {{"patterns", required_argument, NULL, 'p'},
                                          {"help", no_argument, NULL, 'h'},
                                          {NULL, 0, NULL, 0}};
    const char *dir = NULL;
    int c;
    while ((c = getopt_long(argc, argv, "p:h", opts, NULL)) != -1) {
        if (c == 'p') {
            dir = optarg;
        } else {
            fputs("Usage: whosaid validate [--patterns DIR]\n"
                  "Loads every word list and pattern file, compiles every frame and runs\n"
                  "each frame's @match/@nomatch examples; reports file:line:column.\n",
                  c == 'h' ? stdout : stderr);
            return c == 'h' ? 0 : EXIT_USAGE;
        }
    }
    ws_engine *eng = ws_load_engine(dir);
    if (!eng)
        return EXIT_USAGE;
    ws_error err;
    int rc = ws_engine_selftest(eng, &err);
    if (rc < 0)
        ws_report_load_error(&err);
    else
        printf("patterns OK: %zu frames, all examples pass\n", ws_engine_frame_count(eng));
    ws_engine_free(eng);
    return rc < 0 ? EXIT_USAGE : 0;
}

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "validate") == 0)
        return validate(argc - 1, argv + 1);
    if (argc > 1 && strcmp(argv[1], "eval") == 0)
        return ws_eval_main(argc - 1, argv + 1);
    enum { OPT_ID = 256, OPT_TEXT, OPT_ERRORS_JSON };
    static const struct option opts[] = {{"patterns", required_argument, NULL, 'p'},
                                          {"jsonl", no_argument, NULL, 'j'},
                                          {"id-field", required_argument, NULL, OPT_ID},
                                          {"text-field", required_argument, NULL, OPT_TEXT},
                                          {"explain", no_argument, NULL, 'e'},
                                          {"errors-json", no_argument, NULL, OPT_ERRORS_JSON},
                                          {"version", no_argument, NULL, 'V'},
                                          {"help", no_argument, NULL, 'h'},
                                          {NULL, 0, NULL, 0}};
    const char *dir = NULL;
    bool jsonl = false;
    ws_input_opts io = {"id", "text"};
    run r = {0};
    int c;
    while ((c = getopt_long(argc, argv, "p:jeVh", opts, NULL)) != -1) {
        switch (c) {
        case 'p': dir = optarg; break;
        case 'j': jsonl = true; break;
        case OPT_ID: io.id_field = optarg; break;
        case OPT_TEXT: io.text_field = optarg; break;
        case 'e': r.json_flags |= WS_JSON_EXPLAIN; break;
        case OPT_ERRORS_JSON: r.errors_json = true; break;
        case 'V': printf("whosaid %s\n", ws_version()); return 0;
        case 'h': usage(stdout); return 0;
        default: usage(stderr); return EXIT_USAGE;
        }
    }
    ws_engine *eng = ws_load_engine(dir);
    if (!eng)
        return EXIT_USAGE;
    ws_error err;
    if (ws_context_new(eng, &r.ctx, &err) < 0) {
        fprintf(stderr, "whosaid: %s\n", err.msg);
        ws_engine_free(eng);
        return EXIT_DOC_FAILED; /* out of memory: no document can be processed */
    }
    int rc = process(&r, argv + optind, argc - optind, jsonl, &io);
    ws_context_free(r.ctx);
    ws_engine_free(eng);
    return rc;
}
