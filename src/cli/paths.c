/* Finding the patterns directory: tests and developers run from the build tree, users from an
 * installation. */
#include "paths.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

const char *ws_default_patterns(char *buf, size_t cap)
{
    const char *env = getenv("WHOSAID_PATTERNS");
    if (env && *env)
        return env;
    char exe[4096];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash)
            *slash = '\0';
        char real_build[4096];
        if (realpath(WS_BUILD_DIR, real_build) && strcmp(real_build, exe) == 0) {
            snprintf(buf, cap, "%s", WS_SOURCE_PATTERNS);
            return buf;
        }
    }
    return WS_INSTALLED_PATTERNS;
}

void ws_report_load_error(const ws_error *err)
{
    if (err->file[0] && err->line)
        fprintf(stderr, "whosaid: %s:%u:%u: %s\n", err->file, err->line, err->column, err->msg);
    else if (err->file[0])
        fprintf(stderr, "whosaid: %s: %s\n", err->file, err->msg);
    else
        fprintf(stderr, "whosaid: %s\n", err->msg);
}

ws_engine *ws_load_engine(const char *dir)
{
    char found[PATH_MAX];
    if (!dir)
        dir = ws_default_patterns(found, sizeof found);
    ws_engine *eng = NULL;
    ws_error err;
    if (ws_engine_load(dir, &eng, &err) < 0) {
        ws_report_load_error(&err);
        return NULL;
    }
    return eng;
}
