/* Reading articles for the command line: whole files, standard input, JSON Lines streams. */
#ifndef WS_CLI_INPUT_H
#define WS_CLI_INPUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* Called once per article; `id` names it in output and errors. Returns false to stop. */
typedef bool (*ws_doc_fn)(const char *id, const char *text, size_t len, void *ctx);
/* Called for an input that yields no article (unreadable file, bad JSONL line). */
typedef void (*ws_bad_fn)(const char *id, const char *why, void *ctx);

typedef struct ws_input_opts {
    const char *id_field;   /* "id" */
    const char *text_field; /* "text" */
} ws_input_opts;

/* Reads a whole file ("-" for stdin) into a malloc'd buffer. Returns 0 or an errno value. */
int ws_read_file(const char *path, char **out, size_t *len);

/* Streams a JSON Lines file: one article per line. Lines that are blank (JSON white space) are
 * skipped; lines that are not JSON objects with a string text field are reported through `bad`
 * with their line number, and the stream goes on. An article's id is its id field: a string as
 * it is, any other value as its JSON text (7.5, true), NAME:LINE when absent or null. Memory is
 * bounded by the longest line. Returns 0, or an errno value when the file cannot be read. */
int ws_read_jsonl(FILE *f, const char *name, const ws_input_opts *o, ws_doc_fn doc, ws_bad_fn bad,
                  void *ctx);

#endif
