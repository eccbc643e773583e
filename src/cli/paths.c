/* Finding the patterns directory: tests and developers run from the build tree, users from an
 * installation. */
#include "paths.h"

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
