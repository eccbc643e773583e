/* Reading articles: whole files and JSON Lines streams (parsed with jansson). */
#include "input.h"

#include <errno.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

int ws_read_file(const char *path, char **out, size_t *len)
{
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    if (!f)
        return errno ? errno : EIO;
    size_t cap = 1 << 16, n = 0;
    char *p = malloc(cap);
    int rc = p ? 0 : ENOMEM;
    while (rc == 0) {
        if (n == cap) {
            char *q = cap > ((size_t)-1) / 2 ? NULL : realloc(p, cap * 2);
            if (!q) {
                rc = ENOMEM;
                break;
            }
            p = q;
            cap *= 2;
        }
        size_t k = fread(p + n, 1, cap - n, f);
        n += k;
        if (k == 0) {
            if (ferror(f))
                rc = errno ? errno : EIO;
            break;
        }
    }
    if (f != stdin)
        fclose(f);
    if (rc) {
        free(p);
        return rc;
    }
    *out = p;
    *len = n;
    return 0;
}

/* The id of a JSONL record: its id field as a string, or NAME:LINE when absent. */
static void record_id(json_t *obj, const char *field, const char *name, size_t line, char *buf,
                      size_t cap)
{
    json_t *id = json_object_get(obj, field);
    if (json_is_string(id))
        snprintf(buf, cap, "%s", json_string_value(id));
    else if (json_is_integer(id))
        snprintf(buf, cap, "%" JSON_INTEGER_FORMAT, json_integer_value(id));
    else
        snprintf(buf, cap, "%s:%zu", name, line);
}

int ws_read_jsonl(FILE *f, const char *name, const ws_input_opts *o, ws_doc_fn doc, ws_bad_fn bad,
                  void *ctx)
{
    char *line = NULL;
    size_t cap = 0, lineno = 0;
    ssize_t n;
    bool go = true;
    while (go && (n = getline(&line, &cap, f)) >= 0) {
        lineno++;
        size_t len = (size_t)n;
        while (len && (line[len - 1] == '\n' || line[len - 1] == '\r' || line[len - 1] == ' '))
            len--;
        if (len == 0)
            continue;
        char where[512];
        snprintf(where, sizeof where, "%s:%zu", name, lineno);
        json_error_t jerr;
        json_t *obj = json_loadb(line, len, JSON_ALLOW_NUL, &jerr);
        if (!obj || !json_is_object(obj)) {
            char why[300];
            snprintf(why, sizeof why, "not a JSON object: %s", obj ? "other value" : jerr.text);
            bad(where, why, ctx);
            json_decref(obj);
            continue;
        }
        json_t *text = json_object_get(obj, o->text_field);
        char id[512];
        record_id(obj, o->id_field, name, lineno, id, sizeof id);
        if (!json_is_string(text)) {
            char why[300];
            snprintf(why, sizeof why, "line %zu has no string field \"%s\"", lineno,
                     o->text_field);
            bad(id, why, ctx);
        } else {
            go = doc(id, json_string_value(text), json_string_length(text), ctx);
        }
        json_decref(obj);
    }
    int rc = ferror(f) ? (errno ? errno : EIO) : 0;
    free(line);
    return rc;
}
