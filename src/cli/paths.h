/* Where the patterns are when none is named. */
#ifndef WS_CLI_PATHS_H
#define WS_CLI_PATHS_H

#include <stddef.h>

/* $WHOSAID_PATTERNS; else the source tree's patterns when this binary runs from the build
 * directory; else the installed ones. Returns a pointer to buf or to a static string. */
const char *ws_default_patterns(char *buf, size_t cap);

#endif
