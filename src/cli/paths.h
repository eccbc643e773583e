/* Where the patterns are when none is named, and loading the engine from them. */
#ifndef WS_CLI_PATHS_H
#define WS_CLI_PATHS_H

#include <stddef.h>

#include "whosaid.h"

/* $WHOSAID_PATTERNS; else the source tree's patterns when this binary runs from the build
 * directory; else the installed ones. Returns a pointer to buf or to a static string. */
const char *ws_default_patterns(char *buf, size_t cap);

/* Prints a pattern or engine error on stderr as "whosaid: FILE:LINE:COLUMN: message", with as
 * much of the place as `err` gives. */
void ws_report_load_error(const ws_error *err);

/* Loads the engine of patterns directory `dir`, or of ws_default_patterns() when dir is NULL.
 * Returns it (free with ws_engine_free()), or NULL after ws_report_load_error(). */
ws_engine *ws_load_engine(const char *dir);

#endif
