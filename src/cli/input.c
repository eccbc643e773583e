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

/* "NAME:LINE", malloc'd: names a line that is no record, or a record without an id. */
static char *line_name(const char *name, size_t line)
{
    size_t cap = strlen(name) + 24;
    char *s = malloc(cap);
    if (s)
        snprintf(s, cap, "%s:%zu", name, line);
    return s;
}

/* The id of a JSONL record, malloc'd: a string as it is, any other value as its JSON text (7,
 * 7.5, true, {"k":1}), so that no two records are confused; NAME:LINE when absent or null. */
static char *record_id(json_t *obj, const char *field, const char *name, size_t line)
{
    json_t *id = json_object_get(obj, field);
    if (json_is_string(id))
        return strdup(json_string_value(id));
    if (id && !json_is_null(id))
        return json_dumps(id, JSON_ENCODE_ANY | JSON_COMPACT);
    return line_name(name, line);
}

static const char *type_name(const json_t *v)
{
    switch (json_typeof(v)) {
    case JSON_OBJECT: return "an object";
    case JSON_ARRAY: return "an array";
    case JSON_STRING: return "a string";
    case JSON_INTEGER:
    case JSON_REAL: return "a number";
    case JSON_TRUE:
    case JSON_FALSE: return "a boolean";
    default: return "null";
    }
}

/* One line of a JSON Lines stream, without its line break: an article for `doc`, or a reason
 * for `bad`. Returns what `doc` returned (false: stop), or true. */
static bool read_record(const char *line, size_t len, const char *name, size_t lineno,
                        const ws_input_opts *o, ws_doc_fn doc, ws_bad_fn bad, void *ctx)
{
    json_error_t jerr;
    json_t *obj = json_loadb(line, len, JSON_ALLOW_NUL, &jerr);
    bool is_object = json_is_object(obj);
    json_t *text = is_object ? json_object_get(obj, o->text_field) : NULL;
    char *id = is_object ? record_id(obj, o->id_field, name, lineno) : line_name(name, lineno);
    char why[400] = "";
    if (!is_object)
        snprintf(why, sizeof why, "not a JSON object: %s", obj ? type_name(obj) : jerr.text);
    else if (!text)
        snprintf(why, sizeof why, "line %zu has no field \"%s\"", lineno, o->text_field);
    else if (!json_is_string(text))
        snprintf(why, sizeof why, "line %zu: field \"%s\" is %s, not a string", lineno,
                 o->text_field, type_name(text));
    bool go = true;
    if (!id)
        bad(name, strerror(ENOMEM), ctx);
    else if (why[0])
        bad(id, why, ctx);
    else
        go = doc(id, json_string_value(text), json_string_length(text), ctx);
    free(id);
    json_decref(obj);
    return go;
}

/* JSON's white space: a line of only these is blank. */
static bool json_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

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
        while (len && json_space(line[len - 1]))
            len--;
        if (len > 0)
            go = read_record(line, len, name, lineno, o, doc, bad, ctx);
    }
    int rc = ferror(f) ? (errno ? errno : EIO) : 0;
    free(line);
    return rc;
}
